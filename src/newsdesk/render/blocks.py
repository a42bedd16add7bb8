"""The article body as top-level blocks with source lines, rendered incrementally for the preview.

Typing changes one block; only that block is rendered again (the rest comes from a cache keyed
by block text) and the preview patches only the blocks whose HTML changed. When the body uses
document-wide references (footnotes, reference links, abbreviations, raw HTML) a block cannot
be rendered alone, so the whole body is rendered and split into top-level elements instead.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import ClassVar

from newsdesk.domain.markup import CONTAINER_END, FENCE, PULLQUOTE_OPEN
from newsdesk.render.dateline import insert_dateline
from newsdesk.render.markdown import render_body

_BULLET = re.compile(r"^\s{0,3}[-*+]\s")
_ORDERED = re.compile(r"^\s{0,3}\d+[.)]\s")
_QUOTE = re.compile(r"^\s{0,3}>")
_DEFINITION = re.compile(r"^:\s")
# Things that tie a block to the rest of the document: footnotes, reference-style link
# definitions, abbreviations and raw HTML blocks (Python-Markdown stashes those document-wide).
_DOCUMENT_WIDE = re.compile(
    r"\[\^[^\]]+\]|^\s{0,3}\[[^\]]+\]:\s|^\*\[[^\]]+\]:|^\s{0,3}<[A-Za-z!/]", re.MULTILINE
)
_DEFINITIONS = re.compile(r"^\s{0,3}\[[^\]]+\]:|^\*\[[^\]]+\]:")
_FIRST_P = re.compile(r"<p(\s[^>]*)?>")


@dataclass(frozen=True)
class Block:
    """One top-level piece of the body: its Markdown source and first source line (0-based)."""

    text: str
    line: int


@dataclass(frozen=True)
class RenderedBlock:
    """A block's final HTML (dateline included, asset URLs resolved) and its source line.

    ``line`` is None where the HTML has no single source line (the footnote list).
    """

    html: str
    line: int | None


@dataclass(frozen=True)
class Patch:
    """Replace ``count`` blocks at ``start`` with ``html``; ``lines`` holds every block's line."""

    start: int
    count: int
    html: list[str]
    lines: list[int | None]

    @property
    def empty(self) -> bool:
        return self.count == 0 and not self.html


def _kind(chunk: str) -> str:
    first = chunk.lstrip("\n").split("\n", 1)[0]
    if _BULLET.match(first):
        return "ul"
    if _ORDERED.match(first):
        return "ol"
    if _QUOTE.match(first):
        return "quote"
    return "other"


def _chunks(source: str) -> list[Block]:
    """Runs of non-blank lines, with fences and ``::: pullquote`` containers kept whole."""
    out: list[Block] = []
    lines = source.split("\n")
    current: list[str] = []
    start = 0
    closer: re.Pattern[str] | None = None  # inside a fence or a container until this matches
    for number, line in enumerate(lines):
        if closer is not None:
            current.append(line)
            if closer.match(line):
                closer = None
            continue
        if not line.strip():
            if current:
                out.append(Block("\n".join(current), start))
                current = []
            continue
        if not current:
            start = number
        current.append(line)
        fence = FENCE.match(line)
        if fence:
            closer = re.compile(
                r"^\s{0,3}"
                + re.escape(fence.group(1)[0])
                + "{"
                + str(len(fence.group(1)))
                + r",}\s*$"
            )
        elif PULLQUOTE_OPEN.match(line):
            closer = CONTAINER_END
    if current:
        out.append(Block("\n".join(current), start))
    return out


def split_blocks(source: str) -> list[Block]:
    """Top-level blocks: chunks that Markdown would join (indented continuations, list items
    of one list, quote paragraphs of one quote, loose definitions) are kept together."""
    blocks: list[Block] = []
    last_kind = ""
    for chunk in _chunks(source):
        kind = _kind(chunk.text)
        if blocks and (
            chunk.text[:1] in (" ", "\t")
            or (kind in ("ul", "ol", "quote") and kind == last_kind)
            or _DEFINITION.match(chunk.text)
        ):
            prev = blocks.pop()
            gap = "\n" * (chunk.line - prev.line - prev.text.count("\n"))
            blocks.append(Block(prev.text + gap + chunk.text, prev.line))
            continue
        blocks.append(chunk)
        last_kind = kind
    return blocks


def needs_full_render(source: str) -> bool:
    """True when a block cannot be rendered on its own (document-wide references)."""
    return bool(_DOCUMENT_WIDE.search(source))


class _TopLevelSplitter(HTMLParser):
    """Finds where each top-level element of an HTML fragment starts."""

    VOID: ClassVar[set[str]] = {
        "br",
        "hr",
        "img",
        "input",
        "meta",
        "link",
        "wbr",
        "source",
        "col",
        "area",
    }

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.depth = 0
        self.starts: list[tuple[int, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.starts.append(self.getpos())
        if tag not in self.VOID:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth == 0:
            self.starts.append(self.getpos())

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID:
            self.depth = max(0, self.depth - 1)


def split_elements(html: str) -> list[str]:
    """A fragment's top-level elements as separate HTML strings (text between them is dropped
    when it is only whitespace)."""
    parser = _TopLevelSplitter()
    parser.feed(html)
    parser.close()
    line_offsets = [0]
    for m in re.finditer("\n", html):
        line_offsets.append(m.end())
    cuts = [line_offsets[line - 1] + col for line, col in parser.starts]
    if not cuts:
        return [html] if html.strip() else []
    pieces = [html[: cuts[0]]] if html[: cuts[0]].strip() else []
    bounds = [*cuts, len(html)]
    pieces += [html[a:b].strip() for a, b in itertools.pairwise(bounds)]
    return [p for p in pieces if p]


class BodyRenderer:
    """Renders a body to blocks, re-rendering only blocks whose text changed.

    Not thread-safe: use one instance from one thread at a time.
    """

    def __init__(self, cache_size: int = 4096) -> None:
        self._cache: dict[str, str] = {}
        self._cache_size = cache_size

    def _render_block(self, text: str) -> str:
        html = self._cache.get(text)
        if html is None:
            html = render_body(text)
            if len(self._cache) >= self._cache_size:
                self._cache.clear()  # simple and bounded; a typing session refills it quickly
            self._cache[text] = html
        return html

    def render(
        self,
        source: str,
        dateline: str = "",
        dateline_style: str = "caps-dash",
        resolve: Callable[[str], str] | None = None,
    ) -> list[RenderedBlock]:
        """The body as rendered blocks, with the dateline in the first paragraph and
        ``asset:SHA`` URLs rewritten by ``resolve(sha) -> url``."""
        blocks = split_blocks(source)
        if needs_full_render(source):
            rendered = self._full(source, blocks)
        else:
            rendered = [RenderedBlock(self._render_block(b.text), b.line) for b in blocks]
        rendered = _with_dateline(rendered, dateline, dateline_style)
        if resolve is not None:
            rendered = [RenderedBlock(_resolve(r.html, resolve), r.line) for r in rendered]
        return rendered

    def _full(self, source: str, blocks: list[Block]) -> list[RenderedBlock]:
        elements = split_elements(render_body(source))
        # Lines come from the blocks when each block made exactly one element, as usual.
        lines: list[int | None] = [b.line for b in blocks if not _DEFINITIONS.match(b.text)]
        if len(elements) == len(lines) + 1 and 'class="footnote"' in elements[-1]:
            lines.append(None)
        if len(lines) != len(elements):
            lines = [None] * len(elements)
        return [RenderedBlock(h, line) for h, line in zip(elements, lines, strict=True)]


_ASSET = re.compile(r'(\b(?:src|href))="asset:([0-9a-f]{64})"')


def _resolve(html: str, url_for: Callable[[str], str]) -> str:
    if "asset:" not in html:
        return html
    return _ASSET.sub(lambda m: f'{m.group(1)}="{url_for(m.group(2))}"', html)


def resolve_assets(
    blocks: list[RenderedBlock], resolve: Callable[[str], str]
) -> list[RenderedBlock]:
    """``asset:SHA`` URLs rewritten by ``resolve(sha) -> url`` (blocks without any unchanged)."""
    return [
        RenderedBlock(_resolve(b.html, resolve), b.line) if "asset:" in b.html else b
        for b in blocks
    ]


def _with_dateline(blocks: list[RenderedBlock], place: str, style: str) -> list[RenderedBlock]:
    """The same dateline the page gets from ``insert_dateline``, applied to the right block."""
    if not place.strip():
        return blocks
    for index, block in enumerate(blocks):
        if _FIRST_P.search(block.html):
            with_date = insert_dateline(block.html, place, style)
            return [*blocks[:index], RenderedBlock(with_date, block.line), *blocks[index + 1 :]]
    alone = insert_dateline("", place, style).strip()
    return [RenderedBlock(alone, 0), *blocks] if alone else blocks


def diff(old: list[str], new: list[str]) -> tuple[int, int, list[str]]:
    """The smallest single replacement turning ``old`` into ``new``: (start, count, new items)."""
    prefix = 0
    limit = min(len(old), len(new))
    while prefix < limit and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and old[len(old) - 1 - suffix] == new[len(new) - 1 - suffix]:
        suffix += 1
    return prefix, len(old) - prefix - suffix, new[prefix : len(new) - suffix]


def make_patch(old: list[RenderedBlock], new: list[RenderedBlock]) -> Patch:
    start, count, html = diff([b.html for b in old], [b.html for b in new])
    return Patch(start, count, html, [b.line for b in new])
