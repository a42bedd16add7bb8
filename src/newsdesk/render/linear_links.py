"""Link parsing in time linear in the paragraph, whatever brackets it holds.

Python-Markdown finds the end of ``[text]`` and ``(url "title")`` by scanning forward from each
opener, so a paragraph of 80 KB of ``[a](`` (20,000 openers, none closed) is scanned 20,000
times over: about two minutes. Here the matching ``]``/``)`` of every opener and the next quote
are found once per paragraph, with a stack, and each opener then costs O(1) plus the length of
the link it really is. The answers are Python-Markdown's own (its scan is only skipped where
the result is known); a link title runs at most ``TITLE_WINDOW`` characters.
"""

from __future__ import annotations

import types
from dataclasses import dataclass, field

import markdown
from markdown.inlinepatterns import LinkInlineProcessor, dequote

# Below this many characters after an opener, Python-Markdown's own scan is cheap: use it.
SHORT = 512
# How far a link title (after its opening quote) may run; no real title is this long.
TITLE_WINDOW = 2048
_CACHED = 4  # paragraphs analysed at once: the text, a long link label inside it, …


@dataclass
class _Analysis:
    """For one string: the match of every bracket opener, the depth of ``(`` before each
    position and the next quote at or after it (-1: none)."""

    text: str
    close: dict[int, int] = field(default_factory=dict)
    depth: list[int] = field(default_factory=list)
    next_quote: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, text: str) -> _Analysis:
        a = cls(text)
        parens: list[int] = []
        squares: list[int] = []
        depth = 0
        a.depth = [0] * (len(text) + 1)
        for i, c in enumerate(text):
            a.depth[i] = depth
            if c == "(":
                parens.append(i)
                depth += 1
            elif c == ")":
                depth -= 1
                if parens:
                    a.close[parens.pop()] = i
            elif c == "[":
                squares.append(i)
            elif c == "]" and squares:
                a.close[squares.pop()] = i
        a.depth[len(text)] = depth
        a.next_quote = [-1] * (len(text) + 1)
        nxt = -1
        for i in range(len(text) - 1, -1, -1):
            if text[i] in "'\"":
                nxt = i
            a.next_quote[i] = nxt
        return a


class _Analyses:
    """The analyses of the last few strings, found again for a string that shares its tail
    (after a link is replaced by a placeholder, the text to its right is unchanged)."""

    def __init__(self) -> None:
        self.items: list[_Analysis] = []
        self.verified: dict[int, tuple[str, _Analysis, int]] = {}

    def lookup(self, data: str, index: int) -> tuple[_Analysis, int]:
        """The analysis covering ``data[index:]`` and the offset from data to its text."""
        seen = self.verified.get(id(data))
        if seen is not None and seen[0] is data and index >= seen[2]:
            return seen[1], len(seen[1].text) - len(data)
        tail = len(data) - index
        for a in self.items:
            offset = len(a.text) - len(data)
            if len(a.text) >= tail and a.text.endswith(data[index:]):
                self._remember(data, a, index)
                return a, offset
        a = _Analysis.of(data)
        self.items = [a, *self.items[: _CACHED - 1]]
        self._remember(data, a, 0)
        return a, 0

    def _remember(self, data: str, a: _Analysis, index: int) -> None:
        if len(self.verified) > 64:
            self.verified.clear()
        self.verified[id(data)] = (data, a, index)


def _get_text(
    self: LinkInlineProcessor, data: str, index: int, *, original: types.MethodType
) -> tuple[str, int, bool]:
    if len(data) - index < SHORT or index == 0 or data[index - 1] != "[":
        return original(data, index)  # type: ignore[no-any-return]
    a, offset = self.md.linear_links.lookup(data, index)  # type: ignore[attr-defined]
    end = a.close.get(index - 1 + offset, -1)
    if end < 0:
        return "", len(data), False
    end -= offset
    return data[index:end], end + 1, True


def _get_link(
    self: LinkInlineProcessor, data: str, index: int, *, original: types.MethodType
) -> tuple[str, str | None, int, bool]:
    if len(data) - index < SHORT:
        return original(data, index)  # type: ignore[no-any-return]
    m = self.RE_LINK.match(data, pos=index)
    if not m or m.group(1):  # no "(" here, or the <url> "title" form: one regex, done
        return original(data, index)  # type: ignore[no-any-return]
    a, offset = self.md.linear_links.lookup(data, index)  # type: ignore[attr-defined]
    opener = index + offset
    start = m.end() + offset
    close = a.close.get(opener, -1)
    quote = a.next_quote[start]
    if quote < 0 or (0 <= close < quote):
        if close < 0:  # never closed, and no title that could close it
            return "", None, len(data), False
        # Python-Markdown's scan ends at the matching ")" before any quote: let it parse
        # just this link.
        return original(data[: close - offset + 1], index)  # type: ignore[no-any-return]
    # A quote first: Python-Markdown reads on as a title, by rules of its own (ported below);
    # what came before the quote only set how many "(" were open.
    depth = 1 + a.depth[quote] - a.depth[start]
    window_end = min(len(data), quote - offset + TITLE_WINDOW)
    found = _title_scan(data, m.end(), quote - offset, depth, window_end)
    if found is None:
        return "", None, len(data), False
    href, title, stop = found
    if title is not None:
        title = self.RE_TITLE_CLEAN.sub(" ", dequote(self.unescape(title.strip())))
    return self.unescape(href).strip(), title, stop, True


def _title_scan(
    data: str, start_index: int, pos: int, bracket_count: int, end: int
) -> tuple[str, str | None, int] | None:
    """``LinkInlineProcessor.getLink``'s loop (Python-Markdown 3.x) from the first quote on,
    over ``data[:end]``: the href, the title and where the link ends, or None."""
    backtrack_count = 1
    ignore_matches = False
    quote: str | None = None
    start_quote = exit_quote = -1
    alt_quote: str | None = None
    start_alt_quote = exit_alt_quote = -1
    last = ""
    last_bracket = -1
    index = pos
    for i in range(pos, end):
        c = data[i]
        if c == "(":
            if not ignore_matches:
                bracket_count += 1
            elif backtrack_count > 0:
                backtrack_count -= 1
        elif c == ")":
            if (exit_quote != -1 and quote == last) or (exit_alt_quote != -1 and alt_quote == last):
                bracket_count = 0
            elif not ignore_matches:
                bracket_count -= 1
            elif backtrack_count > 0:
                backtrack_count -= 1
                if backtrack_count == 0:
                    last_bracket = index + 1
        elif c in ("'", '"'):
            if not quote:
                ignore_matches = True
                backtrack_count = bracket_count
                bracket_count = 1
                start_quote = index + 1
                quote = c
            elif c != quote and not alt_quote:
                start_alt_quote = index + 1
                alt_quote = c
            elif c == quote:
                exit_quote = index + 1
            elif alt_quote and c == alt_quote:
                exit_alt_quote = index + 1
        index += 1
        if bracket_count == 0:
            if exit_quote >= 0 and quote == last:
                return (
                    data[start_index : start_quote - 1],
                    data[start_quote : exit_quote - 1],
                    index,
                )
            if exit_alt_quote >= 0 and alt_quote == last:
                return (
                    data[start_index : start_alt_quote - 1],
                    data[start_alt_quote : exit_alt_quote - 1],
                    index,
                )
            return data[start_index : index - 1], None, index
        if c != " ":
            last = c
    if bracket_count != 0 and backtrack_count == 0:
        return data[start_index : last_bracket - 1], None, last_bracket
    return None


def make_links_linear(md: markdown.Markdown) -> None:
    """Give every link-parsing inline processor of ``md`` the linear bracket matching."""
    md.linear_links = _Analyses()  # type: ignore[attr-defined]
    for processor in md.inlinePatterns:
        if isinstance(processor, LinkInlineProcessor):
            for name, fn in (("getText", _get_text), ("getLink", _get_link)):
                original = getattr(processor, name)

                def bound(data: str, index: int, _fn=fn, _o=original, _p=processor):  # type: ignore[no-untyped-def]
                    return _fn(_p, data, index, original=_o)

                setattr(processor, name, bound)
