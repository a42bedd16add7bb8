"""Typing helpers with no Qt in them: smart quotes and dashes, and list continuation on Enter."""

from __future__ import annotations

import re
from dataclasses import dataclass

_OPENERS = " \t([{<“‘—–-/\u00a0"
_RULE_LINE = re.compile(r"^[\s\-|:–—]*$")  # horizontal rules and table separators keep hyphens
_LIST = re.compile(
    r"^(?P<indent>\s*)(?P<marker>[-*+]|(?P<num>\d+)(?P<delim>[.)]))(?P<space>\s+)(?P<task>\[[ xX]\]\s+)?"
)
_QUOTE = re.compile(r"^(?P<prefix>\s{0,3}(?:>\s?)+)")


def in_code_span(line_before: str) -> bool:
    """True when the cursor sits inside an inline code span (an odd number of backticks)."""
    return line_before.count("`") % 2 == 1


def smart_quote(line_before: str, char: str) -> str:
    """The typographic quote for a typed ``"`` or ``'`` given the text before it on the line."""
    opening = not line_before or line_before[-1] in _OPENERS
    if char == '"':
        return "“" if opening else "”"
    return "‘" if opening else "’"


def smart_dash(line_before: str) -> tuple[int, str] | None:
    """After typing ``-``: how many characters before the cursor to replace, and with what.

    ``--`` becomes an en dash, a third hyphen turns it into an em dash. Rules and table
    separators (lines of hyphens, pipes and colons) and HTML comments are left alone.
    """
    if _RULE_LINE.match(line_before) or line_before.endswith("<!-"):
        return None
    if line_before.endswith("–"):
        return 1, "—"
    if line_before.endswith("-") and not line_before.endswith("--"):
        return 1, "–"
    return None


def smart_ellipsis(line_before: str) -> bool:
    """After typing ``.``: whether the two dots before it make an ellipsis."""
    return line_before.endswith("..") and not line_before.endswith("...")


@dataclass(frozen=True)
class Continuation:
    """What Enter does on a list or quote line: insert ``prefix`` on the next line, or (when
    the item is empty) ``end`` the list by removing the line's marker."""

    prefix: str = ""
    end: bool = False


def continue_block(line: str) -> Continuation | None:
    """Enter on a list item or quote line continues it; on an empty item it ends the list."""
    m = _LIST.match(line)
    if m:
        if not line[m.end() :].strip():
            return Continuation(end=True)
        marker = m.group("marker")
        if m.group("num") is not None:
            marker = f"{int(m.group('num')) + 1}{m.group('delim')}"
        task = "[ ] " if m.group("task") else ""
        return Continuation(prefix=f"{m.group('indent')}{marker}{m.group('space')}{task}")
    q = _QUOTE.match(line)
    if q:
        if not line[q.end() :].strip():
            return Continuation(end=True)
        return Continuation(prefix=q.group("prefix"))
    return None
