"""Inline parsing and raw-HTML extraction in time linear in the paragraph.

Python-Markdown 3.x has two steps that grow with the square of a paragraph:

- its inline tree processor finds where to put each parsed element with
  ``list(parent).index(child)`` and inserts children one at a time, so a paragraph of 10,000
  emphasised words, code spans or links (``*a*a*a…``, `` `a`a`a… ``) does 10,000 scans of
  10,000 children;
- its raw-HTML extractor asks, at every ``<`` followed by a letter, how far a start tag could
  run (``html.parser``'s ``locatestarttagend_tolerant``), and ``a<b a<b a<b …`` (or
  ``<a<a<a…``, ``<http://a<http://a…``) without a ``>`` rescans the rest of the document from
  each of them.

Here the first keeps a cursor per parent (children are placed in order, so the search
resumes where it last stopped) and inserts a run of children at once; the second splits the
start-tag expression into its tag name, separator and attribute steps and remembers where a
run of attribute steps from a position ends, which every later ``<`` inside that run reuses.
The answers are Python-Markdown's own: a Hypothesis property compares both with the stock
classes (``tests/render/test_linear_inline.py``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import deque
from typing import Any

import markdown
from markdown import util
from markdown.htmlparser import HTMLExtractor
from markdown.preprocessors import HtmlBlockPreprocessor
from markdown.treeprocessors import InlineProcessor

Element = Any  # xml.etree.ElementTree.Element; Python-Markdown's own annotations are loose


class _ChildCursor:
    """``list(parent).index(child)`` answered from where the last answer for ``parent`` was:
    Python-Markdown asks for children of one parent in document order, and only inserts after
    the child it asked about, so each parent is scanned about once in all."""

    def __init__(self) -> None:
        self._last: dict[int, tuple[Element, int]] = {}

    def index(self, parent: Element, child: Element) -> int:
        seen = self._last.get(id(parent))
        start = seen[1] if seen is not None and seen[0] is parent else 0
        for k in range(start, len(parent)):
            if parent[k] is child:
                self._last[id(parent)] = (parent, k)
                return k
        k = list(parent).index(child)  # before the cursor: not how Python-Markdown asks
        self._last[id(parent)] = (parent, k)
        return k


class LinearInlineProcessor(InlineProcessor):
    """``InlineProcessor`` with its two quadratic steps (child lookup, one-by-one inserts)
    replaced; everything else is the inherited code."""

    def run(self, tree: Element, ancestors: list[str] | None = None) -> Element:
        # Python-Markdown 3.x ``InlineProcessor.run``, but for the child lookup, the inserts
        # and a deque for the work list.
        self.stashed_nodes: dict[str, Element | str] = {}
        self._cursor = _ChildCursor()
        handle_inline = self._InlineProcessor__handleInline  # type: ignore[attr-defined]
        process_placeholders = self._InlineProcessor__processPlaceholders  # type: ignore[attr-defined]
        tree_parents = [] if ancestors is None else ancestors[:]
        self.parent_map = {c: p for p in tree.iter() for c in p}
        stack: deque[tuple[Element, list[str]]] = deque([(tree, tree_parents)])
        self._InlineProcessor__build_ancestors(tree, tree_parents)  # type: ignore[attr-defined]
        while stack:
            current, parents = stack.popleft()
            self.ancestors = parents
            if current is not tree:
                self.ancestors.append(current.tag.lower())
            insert_queue = []
            for child in current:
                if child.text and not isinstance(child.text, util.AtomicString):
                    self.ancestors.append(child.tag.lower())
                    text = child.text
                    child.text = None
                    lst = process_placeholders(handle_inline(text), child)
                    for item in lst:
                        self.parent_map[item[0]] = child
                    stack.extend(lst)
                    insert_queue.append((child, lst))
                    self.ancestors.pop()
                if child.tail:
                    tail = handle_inline(child.tail)
                    dummy = ET.Element("d")
                    child.tail = None
                    tail_result = process_placeholders(tail, dummy, False)
                    if dummy.tail:
                        child.tail = dummy.tail
                    pos = self._cursor.index(current, child) + 1
                    for new_child in tail_result:
                        self.parent_map[new_child[0]] = current
                    current[pos:pos] = [new_child[0] for new_child in tail_result]
                if len(child):
                    self.parent_map[child] = current
                    stack.append((child, self.ancestors[:]))
            for element, lst in insert_queue:
                element[0:0] = [obj[0] for obj in lst]
        return tree

    # The private methods below override the name-mangled ones of ``InlineProcessor``.
    def _InlineProcessor__processElementText(
        self, node: Element, subnode: Element, isText: bool = True
    ) -> None:
        if isText:
            text = subnode.text
            subnode.text = None
        else:
            text = subnode.tail
            subnode.tail = None
        child_result = self._InlineProcessor__processPlaceholders(text, subnode, isText)  # type: ignore[attr-defined]
        pos = self._cursor.index(node, subnode) + 1 if not isText and node is not subnode else 0
        node[pos:pos] = [c[0] for c in child_result]

    def _InlineProcessor__processPlaceholders(
        self, data: str | None, parent: Element, isText: bool = True
    ) -> list[tuple[Element, list[str]]]:
        # Python-Markdown 3.x ``__processPlaceholders``, but the text between placeholders is
        # gathered and joined once per target, not appended to ``.text``/``.tail`` piece by
        # piece (a copy of the growing text each time).
        prefix = self._InlineProcessor__placeholder_prefix  # type: ignore[attr-defined]
        find_placeholder = self._InlineProcessor__findPlaceholder  # type: ignore[attr-defined]
        process_element_text = self._InlineProcessor__processElementText
        result: list[tuple[Element, list[str]]] = []
        pending: list[str] = []

        def flush() -> None:
            if not pending:
                return
            if result:
                target, attr = result[-1][0], "tail"
            else:
                target, attr = parent, ("text" if isText else "tail")
            before = getattr(target, attr)
            joined = pending[0] if len(pending) == 1 else "".join(pending)
            setattr(target, attr, before + joined if before else joined)
            pending.clear()

        start = 0
        while data:
            index = data.find(prefix, start)
            if index == -1:
                text = data[start:]
                if isinstance(data, util.AtomicString):
                    text = util.AtomicString(text)
                if text:
                    pending.append(text)
                break
            ph_id, ph_end = find_placeholder(data, index)
            if ph_id not in self.stashed_nodes:  # a wrong placeholder: kept as text
                end = index + len(prefix)
                if data[start:end]:
                    pending.append(data[start:end])
                start = end
                continue
            node: Any = self.stashed_nodes.get(ph_id)
            if index > 0 and data[start:index]:
                pending.append(data[start:index])
            if isinstance(node, str):
                if node:
                    pending.append(node)
                start = ph_end
                continue
            for child in [node, *node]:
                if child.tail and child.tail.strip():
                    process_element_text(node, child, False)
                if child.text and child.text.strip():
                    process_element_text(child, child)
            start = ph_end
            flush()
            result.append((node, self.ancestors[:]))
        flush()
        return result

    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:
        # Each match rebuilds the whole string around its placeholder, so a paragraph of
        # N matches costs N copies of it. Text longer than ``CHUNK`` (no real paragraph is)
        # is parsed in pieces cut before a line break or a space: the cost stays linear, and only
        # a construct spanning a cut in such a paragraph comes out as plain text.
        handle = super()._InlineProcessor__handleInline  # type: ignore[misc]
        if len(data) <= CHUNK or isinstance(data, util.AtomicString):
            return handle(data, patternIndex)  # type: ignore[no-any-return]
        return "".join(handle(piece, patternIndex) for piece in _pieces(data, CHUNK))


CHUNK = 20_000


def _pieces(data: str, size: int) -> list[str]:
    """``data`` cut into pieces of at most about ``size`` characters: before a line break
    that follows no space (the next piece starts on a new line, so its first quote still
    opens, and no hard line break ``"  \\n"`` is split), else before a space; never inside a
    placeholder (``\\x02…\\x03``)."""
    pieces = []
    start = 0
    while len(data) - start > size:
        low, limit = start + size // 2, start + size
        cut = data.rfind("\n", low, limit)
        while cut > low and data[cut - 1] == " ":
            cut = data.rfind("\n", low, cut)
        if cut <= low:
            cut = data.rfind(" ", low, limit)
        if cut <= low:
            cut = limit
        opened = data.rfind("\x02", start, cut)
        if opened > data.rfind("\x03", start, cut) and opened > start:
            cut = opened
        pieces.append(data[start:cut])
        start = cut
    pieces.append(data[start:])
    return pieces


# ``locatestarttagend_tolerant`` (as Python-Markdown patches it) in its parts: the tag name,
# the separator before the first attribute, one attribute step, the trailing space.
_TAG_NAME = re.compile(r"<[a-zA-Z][^`\t\n\r\f />\x00]*")
_NAME_CHARS = re.compile(r"[^`\t\n\r\f />\x00]*")
_SEPARATOR = re.compile(r"[\s/]*")
_ATTRIBUTE = re.compile(
    r"""(?<=['"\s/])[^`\s/>][^\s/=>]*"""
    r"""(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^`>\s]*)(?:\s*,)*)?"""
    r"""(?:\s|/(?!>))*"""
)
_SPACE = re.compile(r"\s*")


def _end(pattern: re.Pattern[str], text: str, pos: int) -> int:
    """Where ``pattern`` (one that may match nothing) ends when matched at ``pos``."""
    m = pattern.match(text, pos)
    return pos if m is None else m.end()


class _StartTagEnds:
    """Where ``locatestarttagend_tolerant.match(rawdata, i)`` ends, for every ``i`` of one
    ``rawdata``. The expression never fails after its tag name and never backtracks into an
    earlier step (all that follows each step is optional), so the end of a run of attribute
    steps depends only on where the run starts: remembered, a later tag whose own run reaches
    that position stops there."""

    def __init__(self, rawdata: str) -> None:
        self.rawdata = rawdata
        self.name_run = (-1, -1)  # a stretch of tag-name characters: (start, end)
        self.after_name: dict[int, int] = {}
        self.attributes_end: dict[int, int] = {}

    def end(self, i: int) -> int:
        rawdata = self.rawdata
        if not _TAG_NAME.match(rawdata, i, i + 2):
            return -1  # no match at all
        start, stop = self.name_run
        if not start <= i + 2 <= stop:
            stop = _end(_NAME_CHARS, rawdata, i + 2)
            self.name_run = (i + 2, stop)
        found = self.after_name.get(stop)
        if found is None:
            found = _end(_SPACE, rawdata, self._attributes(_end(_SEPARATOR, rawdata, stop)))
            self.after_name[stop] = found
        return found

    def _attributes(self, pos: int) -> int:
        path = []
        known = self.attributes_end
        while pos not in known:
            m = _ATTRIBUTE.match(self.rawdata, pos)
            if m is None:
                known[pos] = pos
                break
            path.append(pos)
            pos = m.end()
        end = known[pos]
        for p in path:
            known[p] = end
        return end


class LinearHTMLExtractor(HTMLExtractor):
    """``HTMLExtractor`` whose start-tag scan is remembered across the ``<`` of one document."""

    _ends: _StartTagEnds | None = None

    def check_for_whole_start_tag(self, i: int) -> int:
        # ``html.parser.HTMLParser.check_for_whole_start_tag`` (Python 3.11) with the match end
        # from ``_StartTagEnds``.
        rawdata = self.rawdata
        if self._ends is None or self._ends.rawdata is not rawdata:
            self._ends = _StartTagEnds(rawdata)
        j = self._ends.end(i)
        if j < 0:
            raise AssertionError("we should not get here!")
        nxt = rawdata[j : j + 1]
        if nxt == ">":
            return j + 1
        if nxt == "/":
            if rawdata.startswith("/>", j):
                return j + 2
            if rawdata.startswith("/", j):
                return -1
            return j if j > i else i + 1
        if nxt == "":
            return -1
        if nxt in "abcdefghijklmnopqrstuvwxyz=/ABCDEFGHIJKLMNOPQRSTUVWXYZ":
            return -1
        return j if j > i else i + 1


class LinearHtmlBlockPreprocessor(HtmlBlockPreprocessor):
    def run(self, lines: list[str]) -> list[str]:
        source = "\n".join(lines)
        parser = LinearHTMLExtractor(self.md)
        parser.feed(source)
        parser.close()
        return "".join(parser.cleandoc).split("\n")


# Where Python-Markdown 3.x registers the processors replaced here.
_TREE_PRIORITY = {"inline": 20, "smarty": 6}
_HTML_BLOCK_PRIORITY = 20


def make_inline_linear(md: markdown.Markdown) -> None:
    """Swap ``md``'s inline tree processors (the main one and smarty's) and its raw-HTML block
    preprocessor for the linear ones above; ``md`` renders exactly as before."""
    for name, priority in _TREE_PRIORITY.items():
        if name in md.treeprocessors:
            old = md.treeprocessors[name]
            new = LinearInlineProcessor(md)
            new.inlinePatterns = old.inlinePatterns  # type: ignore[attr-defined]
            md.treeprocessors.register(new, name, priority)
    if "html_block" in md.preprocessors:
        md.preprocessors.register(
            LinearHtmlBlockPreprocessor(md), "html_block", _HTML_BLOCK_PRIORITY
        )
