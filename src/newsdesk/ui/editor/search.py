"""Find and replace over plain text, with no Qt in it: regex, match case, whole word, and the
UTF-16 offsets Qt's text positions use."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsdesk.errors import UserError

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class Query:
    pattern: str
    regex: bool = False
    match_case: bool = False
    whole_word: bool = False

    def compile(self) -> re.Pattern[str]:
        body = self.pattern if self.regex else re.escape(self.pattern)
        if self.whole_word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        try:
            return re.compile(body, 0 if self.match_case else re.IGNORECASE)
        except re.error as exc:
            raise UserError(f"Not a valid regular expression: {exc}") from exc


@dataclass(frozen=True)
class Match:
    start: int  # Python string offsets
    end: int
    replacement: str


def find_all(
    text: str, query: Query, replacement: str = "", start: int = 0, end: int | None = None
) -> list[Match]:
    """Every non-empty match in ``text[start:end]`` with what it would be replaced by."""
    if not query.pattern:
        return []
    pattern = query.compile()
    out: list[Match] = []
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        if m.end() == m.start():
            continue
        try:
            rep = m.expand(replacement) if query.regex else replacement
        except (re.error, IndexError) as exc:
            raise UserError(f"Cannot use this replacement: {exc}") from exc
        out.append(Match(m.start(), m.end(), rep))
    return out


class Utf16:
    """Converts between Python string offsets and Qt's UTF-16 positions for one text."""

    def __init__(self, text: str) -> None:
        self._astral = [m.start() for m in _ASTRAL.finditer(text)]

    def to_qt(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index) if self._astral else index

    def from_qt(self, position: int) -> int:
        if not self._astral:
            return position
        index = position
        # Each astral character before the position took two UTF-16 units.
        while index > 0 and self.to_qt(index) > position:
            index -= 1
        return index
