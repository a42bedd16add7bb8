"""Markdown → sanitised HTML fragment: the one body pipeline every output goes through."""

from __future__ import annotations

import html
import re
import threading
import xml.etree.ElementTree as ET

import markdown
import nh3
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

# What reads stored HTML lives in body_html (no Markdown imported there); kept here for callers.
from newsdesk.domain.markup import CONTAINER_END, PULLQUOTE_OPEN
from newsdesk.render.body_html import ASSET_URL as ASSET_URL
from newsdesk.render.body_html import asset_refs as asset_refs
from newsdesk.render.body_html import resolve_assets as resolve_assets
from newsdesk.render.body_html import stored_or_rendered as stored_or_rendered
from newsdesk.render.linear_inline import make_inline_linear
from newsdesk.render.linear_links import make_links_linear

EXTENSIONS = [
    "tables",
    "footnotes",
    "smarty",
    "attr_list",
    "fenced_code",
    "sane_lists",
    "abbr",
    "def_list",
]

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "ul", "ol", "li", "a", "em",
    "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup", "code", "pre",
    "kbd", "img", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "caption", "hr", "br", "div", "span", "abbr", "dl", "dt", "dd", "cite", "q", "time",
}  # fmt: skip
_COMMON = {"id", "class", "title", "lang", "dir"}
ALLOWED_ATTRIBUTES = {
    "*": _COMMON,
    "a": _COMMON | {"href", "role"},
    "img": _COMMON | {"src", "alt", "width", "height", "loading"},
    "th": _COMMON | {"style", "colspan", "rowspan", "scope"},
    "td": _COMMON | {"style", "colspan", "rowspan"},
    "ol": _COMMON | {"start", "reversed", "type"},
    "li": _COMMON | {"value"},
    "time": _COMMON | {"datetime"},
    "blockquote": _COMMON | {"cite"},
    "q": _COMMON | {"cite"},
    "abbr": _COMMON,
    "sup": _COMMON,
    "div": _COMMON,
}
URL_SCHEMES = {"http", "https", "mailto", "tel", "asset"}

_CITE_URL = re.compile(r"^(?:https?://|/|#|\./|\.\./)[^\x00-\x20]*$", re.IGNORECASE)
_CELL_STYLE = re.compile(
    r"^\s*text-align\s*:\s*(?:left|right|center|justify|start|end)\s*;?\s*$", re.I
)


class _PullQuoteProcessor(BlockProcessor):
    """``::: pullquote`` … ``:::`` becomes ``<aside class="pullquote">`` (a fenced container)."""

    def test(self, parent: ET.Element, block: str) -> bool:
        return bool(PULLQUOTE_OPEN.match(block.partition("\n")[0]))

    def run(self, parent: ET.Element, blocks: list[str]) -> bool:
        first = blocks.pop(0).partition("\n")[2]  # the lines after ``::: pullquote``
        collected = [first]
        closed = first.rstrip().endswith(":::") and first.strip() != ""
        while not closed and blocks:
            nxt = blocks.pop(0)
            collected.append(nxt)
            closed = nxt.rstrip().endswith(":::")
        text = "\n\n".join(collected).rstrip()
        if text.endswith(":::"):
            text = text[:-3].rstrip()
        aside = ET.SubElement(parent, "aside", {"class": "pullquote"})
        self.parser.parseBlocks(aside, [text] if text else [])
        return True


class _DemoteH1(Treeprocessor):
    """The page's only h1 is the headline, so body headings start at h2."""

    def run(self, root: ET.Element) -> None:
        for el in root.iter():
            if el.tag == "h1":
                el.tag = "h2"


class NewsExtension(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.parser.blockprocessors.register(_PullQuoteProcessor(md.parser), "pullquote", 105)
        md.treeprocessors.register(_DemoteH1(md), "demote_h1", 5)


_local = threading.local()


def _markdown() -> markdown.Markdown:
    md = getattr(_local, "md", None)
    if md is None:
        md = markdown.Markdown(
            extensions=[*EXTENSIONS, NewsExtension()],
            extension_configs={"smarty": {"smart_angled_quotes": False}},
            output_format="html",
        )
        make_links_linear(md)
        make_inline_linear(md)
        _local.md = md
    md.reset()
    return md


def _filter_attribute(tag: str, attr: str, value: str) -> str | None:
    """nh3 checks URL schemes only on href/src: a ``cite`` must be a web or relative URL, and a
    cell's ``style`` only a plain ``text-align`` keyword (no ``expression(…)``, no ``url(…)``)."""
    if attr == "cite":
        return value if _CITE_URL.match(value.strip()) else None
    if attr == "style":
        return value if _CELL_STYLE.match(value) else None
    return value


def sanitize(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes (no script, no on*, no js:)."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        filter_style_properties={"text-align"},
        attribute_filter=_filter_attribute,
    )


# Nesting deeper than this is flattened to it (a list indented 1,000 levels, 3,000 pull
# quotes inside each other): Python-Markdown parses nesting by recursion, and no article nests
# 64 deep. Lines indented further keep this much indentation.
MAX_NESTING = 64
_MAX_INDENT = 4 * MAX_NESTING
_DEEP_INDENT = re.compile(rf"^[ \t]{{{_MAX_INDENT + 1},}}", re.MULTILINE)


def flatten_deep_nesting(source: str) -> str:
    """``source`` with nesting deeper than ``MAX_NESTING`` levels flattened (unchanged when
    it nests less, as every real article does)."""
    if _DEEP_INDENT.search(source):
        source = _DEEP_INDENT.sub(" " * _MAX_INDENT, source.expandtabs(4))
    if source.count(":::") <= MAX_NESTING:
        return source
    kept: list[str] = []
    depth = 0
    for line in source.split("\n"):
        if PULLQUOTE_OPEN.match(line):
            depth += 1
            if depth > MAX_NESTING:
                continue
        elif CONTAINER_END.match(line) and depth > 0:
            depth -= 1
            if depth >= MAX_NESTING:
                continue
        kept.append(line)
    return "\n".join(kept)


def render_body(source: str) -> str:
    """The body's sanitised HTML fragment, with images and links to library assets as ``asset:SHA``."""
    try:
        return sanitize(_markdown().convert(flatten_deep_nesting(source)))
    except RecursionError:
        # Nesting of a kind not flattened above: show the text, unformatted, rather than fail.
        _local.md = None  # its state is unknown after the error
        paragraphs = (html.escape(p.strip()) for p in source.split("\n\n") if p.strip())
        return "".join(f"<p>{p}</p>\n" for p in paragraphs)


_WORD = re.compile(r"[\w’'-]+", re.UNICODE)
_MARKUP = re.compile(r"!\[[^\]]*\]\([^)]*\)|\]\([^)]*\)|[#>*_`|~\[\]]|^:::.*$", re.MULTILINE)


# Without "](" or ":::" only _MARKUP's single characters can match: a translation does the same.
_MARKUP_CHARS = str.maketrans(dict.fromkeys("#>*_`|~[]", " "))


def count_words(source: str) -> int:
    """Words a reader would count: markup, link targets and image references left out."""
    if "](" in source or ":::" in source:
        return len(_WORD.findall(_MARKUP.sub(" ", source)))
    return len(_WORD.findall(source.translate(_MARKUP_CHARS)))
