"""Formatting commands on a text cursor: emphasis, links, headings, quotes, lists, pull quotes.

Each command is one undo step.
"""

from __future__ import annotations

import re

from PySide6.QtGui import QTextCursor

_HEADING_PREFIX = re.compile(r"^#{1,6}\s+")
_PREFIXES = {
    "quote": re.compile(r"^\s{0,3}>\s?"),
    "bullet": re.compile(r"^\s*[-*+]\s+"),
    "numbered": re.compile(r"^\s*\d+[.)]\s+"),
}
_URL = re.compile(r"^(https?://|mailto:)\S+$")


def _select_word_if_empty(cursor: QTextCursor) -> None:
    if not cursor.hasSelection():
        probe = QTextCursor(cursor)
        probe.select(QTextCursor.SelectionType.WordUnderCursor)
        if probe.selectedText().strip() and probe.selectedText().isalnum():
            cursor.setPosition(probe.anchor())
            cursor.setPosition(probe.position(), QTextCursor.MoveMode.KeepAnchor)


def _select(cursor: QTextCursor, start: int, end: int) -> None:
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)


def wrap(cursor: QTextCursor, marker: str) -> None:
    """Wrap the selection (or the word under the cursor) in ``marker``; again to unwrap."""
    _select_word_if_empty(cursor)
    n = len(marker)
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    text = cursor.selectedText()
    cursor.beginEditBlock()
    try:
        if len(text) > 2 * n and text.startswith(marker) and text.endswith(marker):
            cursor.insertText(text[n:-n])
            _select(cursor, start, end - 2 * n)
            return
        around = QTextCursor(cursor.document())
        _select(around, max(0, start - n), min(end + n, cursor.document().characterCount() - 1))
        if start >= n and around.selectedText() == marker + text + marker:
            around.insertText(text)
            _select(cursor, start - n, end - n)
            return
        cursor.insertText(marker + text + marker)
        _select(cursor, start + n, end + n)
    finally:
        cursor.endEditBlock()


def link(cursor: QTextCursor) -> None:
    """``[text](https://)`` with the URL selected, or ``[](url)`` when a URL is selected."""
    text = cursor.selectedText()
    start = cursor.selectionStart()
    cursor.beginEditBlock()
    if _URL.match(text):
        cursor.insertText(f"[]({text})")
        cursor.setPosition(start + 1)
    else:
        cursor.insertText(f"[{text}](https://)")
        url_start = start + len(text) + 3
        _select(cursor, url_start, url_start + len("https://"))
    cursor.endEditBlock()


def _blocks(cursor: QTextCursor) -> list[int]:
    doc = cursor.document()
    first = doc.findBlock(cursor.selectionStart()).blockNumber()
    last = doc.findBlock(cursor.selectionEnd()).blockNumber()
    return list(range(first, last + 1))


def _replace_line(cursor: QTextCursor, number: int, new_text: str) -> None:
    block = cursor.document().findBlockByNumber(number)
    line = QTextCursor(block)
    line.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    line.insertText(new_text)


def heading(cursor: QTextCursor, level: int) -> None:
    """Make the current lines headings of ``level`` (or plain text if they already are)."""
    doc = cursor.document()
    cursor.beginEditBlock()
    for number in _blocks(cursor):
        text = doc.findBlockByNumber(number).text()
        m = _HEADING_PREFIX.match(text)
        plain = text[m.end() :] if m else text
        same = m is not None and m.group().strip() == "#" * level
        _replace_line(cursor, number, plain if same else "#" * level + " " + plain)
    cursor.endEditBlock()


def toggle_prefix(cursor: QTextCursor, kind: str) -> None:
    """Quote, bullet or numbered list for the selected lines; removes it if all have it."""
    doc = cursor.document()
    pattern = _PREFIXES[kind]
    numbers = [n for n in _blocks(cursor) if doc.findBlockByNumber(n).text().strip()] or _blocks(
        cursor
    )
    have = all(pattern.match(doc.findBlockByNumber(n).text()) for n in numbers)
    cursor.beginEditBlock()
    for index, number in enumerate(numbers):
        text = doc.findBlockByNumber(number).text()
        if have:
            new = pattern.sub("", text, count=1)
        else:
            for other in _PREFIXES.values():  # a bullet item becomes numbered, not both
                text = other.sub("", text, count=1)
            prefix = {"quote": "> ", "bullet": "- ", "numbered": f"{index + 1}. "}[kind]
            new = prefix + text
        _replace_line(cursor, number, new)
    cursor.endEditBlock()


def pull_quote(cursor: QTextCursor) -> None:
    """Put the selected lines in a ``::: pullquote`` container (or start an empty one)."""
    doc = cursor.document()
    numbers = _blocks(cursor)
    first = doc.findBlockByNumber(numbers[0])
    last = doc.findBlockByNumber(numbers[-1])
    cursor.beginEditBlock()
    if len(numbers) == 1 and not first.text().strip():
        edit = QTextCursor(first)
        edit.insertText("::: pullquote\n\n:::")
        cursor.setPosition(first.next().position())
    else:
        end = QTextCursor(last)
        end.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        end.insertText("\n:::")
        QTextCursor(first).insertText("::: pullquote\n")
    cursor.endEditBlock()
