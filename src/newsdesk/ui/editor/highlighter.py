"""Markdown source styled as it is typed, plus spelling underlines.

QSyntaxHighlighter re-highlights only the edited block (and following ones while the block
state changes, e.g. when a fence opens), so ``highlightBlock`` must stay cheap: precompiled
patterns over one line, cached spelling results, no whole-document work.
"""

from __future__ import annotations

import re

from PySide6.QtGui import (
    QColor,
    QFont,
    QPalette,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)

from newsdesk.domain.markup import CONTAINER_END, PULLQUOTE_OPEN
from newsdesk.domain.markup import FENCE as FENCE_LINE  # FENCE here is the block state
from newsdesk.services.spelling import SpellChecker
from newsdesk.ui.editor.search import Utf16

# Block states carried from one line to the next.
NORMAL, FENCE, PULLQUOTE = 0, 1, 2

# Whole-line patterns: what kind of block a line is.
_HEADING = re.compile(r"^(#{1,6})(\s+)(.*)$")
_QUOTE = re.compile(r"^(\s{0,3}(?:>\s?)+)")
_LIST = re.compile(r"^(\s*)([-*+]|\d+[.)])(\s+)(\[[ xX]\]\s)?")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_REFDEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s.*$")
_TABLE_ROW = re.compile(r"^\s{0,3}\|.*\|\s*$")  # rows written with outer pipes
_TABLE_RULE = re.compile(r"^\s{0,3}\|(?:\s*:?-+:?\s*\|)+\s*$")

# Spans inside a line, in the order they are styled.
_CODE, _STRONG, _EMPHASIS, _IMAGE, _LINK, _TAG, _URL = map(
    re.compile,
    (
        r"(`+)(.+?)\1",
        r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1",
        r"(?<![*\w])(\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![*\w])",
        r"!\[([^\]]*)\]\(([^)]*)\)",
        r"(?<!!)\[([^\]]+)\](\([^)]*\)|\[[^\]]*\])",
        r"</?[A-Za-z][^>]*>",
        r"<?(?:https?://|mailto:|asset:)[^\s>)]+>?",
    ),
)

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

HEADING_SCALE = {1: 1.6, 2: 1.4, 3: 1.2, 4: 1.1, 5: 1.05, 6: 1.0}


def _fmt(
    base: QTextCharFormat | None = None,
    *,
    color: QColor | None = None,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    mono: bool = False,
    background: QColor | None = None,
    underline: bool = False,
) -> QTextCharFormat:
    f = QTextCharFormat(base) if base is not None else QTextCharFormat()
    if color is not None:
        f.setForeground(color)
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    if size is not None:
        f.setFontPointSize(size)
    if mono:
        f.setFontFamilies(["DejaVu Sans Mono", "monospace"])
        f.setFontFixedPitch(True)
    if background is not None:
        f.setBackground(background)
    if underline:
        f.setFontUnderline(True)
    return f


class Styles:
    """The character formats, derived from the palette so light and dark both read well."""

    def __init__(self, palette: QPalette, point_size: float) -> None:
        text = palette.color(QPalette.ColorRole.Text)
        dim = QColor(text)
        dim.setAlphaF(0.45)
        accent = palette.color(QPalette.ColorRole.Link)
        code_bg = QColor(text)
        code_bg.setAlphaF(0.07)
        self.markup = _fmt(color=dim)
        self.headings = {
            level: _fmt(bold=True, size=point_size * scale)
            for level, scale in HEADING_SCALE.items()
        }
        self.heading_marks = {level: _fmt(f, color=dim) for level, f in self.headings.items()}
        self.strong = _fmt(bold=True)
        self.emphasis = _fmt(italic=True)
        self.code = _fmt(mono=True, background=code_bg)
        self.table = _fmt(mono=True, size=point_size * 0.9)  # columns line up as on the page
        self.table_markup = _fmt(self.table, color=dim)
        self.link_text = _fmt(color=accent, underline=True)
        self.image = _fmt(color=dim, italic=True)
        self.quote = _fmt(italic=True, color=QColor(accent.darker(130)))
        self.list_marker = _fmt(bold=True, color=accent)
        self.pullquote = _fmt(italic=True, bold=True, size=point_size * 1.15, color=accent)
        self.misspelled = QTextCharFormat()
        self.misspelled.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.misspelled.setUnderlineColor(QColor("#d0021b"))


class MarkdownHighlighter(QSyntaxHighlighter):
    def __init__(self, document: QTextDocument, styles: Styles) -> None:
        super().__init__(document)
        self.styles = styles
        self.checker: SpellChecker | None = None
        self.spelling_enabled = True
        self._u16: Utf16 | None = None

    def set_checker(self, checker: SpellChecker | None) -> None:
        self.checker = checker
        self.rehighlight()

    def _set(self, start: int, length: int, fmt: QTextCharFormat) -> None:
        if self._u16 is not None:  # emoji and other astral characters take two UTF-16 units
            end = self._u16.to_qt(start + length)
            start = self._u16.to_qt(start)
            length = end - start
        self.setFormat(start, length, fmt)

    def _get(self, pos: int) -> QTextCharFormat:
        return self.format(self._u16.to_qt(pos) if self._u16 is not None else pos)

    def highlightBlock(self, text: str) -> None:
        self._u16 = Utf16(text) if _ASTRAL.search(text) else None
        previous = self.previousBlockState()
        state = PULLQUOTE if previous == PULLQUOTE else NORMAL
        s = self.styles
        if previous == FENCE:
            self._set(0, len(text), s.code)
            self.setCurrentBlockState(NORMAL if FENCE_LINE.match(text) else FENCE)
            return
        if FENCE_LINE.match(text):
            self._set(0, len(text), s.code)
            self.setCurrentBlockState(FENCE)
            return
        if PULLQUOTE_OPEN.match(text):
            self._set(0, len(text), s.markup)
            self.setCurrentBlockState(PULLQUOTE)
            return
        if state == PULLQUOTE and CONTAINER_END.match(text):
            self._set(0, len(text), s.markup)
            self.setCurrentBlockState(NORMAL)
            return
        self.setCurrentBlockState(state)
        if state == PULLQUOTE:
            self._set(0, len(text), s.pullquote)
        skip = self._line_formats(text)
        skip += self._inline_formats(text)
        if self.checker is not None and self.spelling_enabled:
            self._spelling(text, skip)

    def _line_formats(self, text: str) -> list[tuple[int, int]]:
        s = self.styles
        m = _HEADING.match(text)
        if m:
            level = len(m.group(1))
            self._set(0, len(text), s.headings[level])
            self._set(0, m.end(2), s.heading_marks[level])
            return []
        if _RULE.match(text) or _REFDEF.match(text):
            self._set(0, len(text), s.markup)
            return [(0, len(text))]
        m = _QUOTE.match(text)
        if m:
            self._set(0, len(text), s.quote)
            self._set(0, m.end(), s.markup)
            return []
        m = _LIST.match(text)
        if m:
            self._set(m.start(2), m.end(2) - m.start(2), s.list_marker)
            return []
        if "|" in text and _TABLE_ROW.match(text):
            if _TABLE_RULE.match(text):
                self._set(0, len(text), s.table_markup)
                return [(0, len(text))]
            self._set(0, len(text), s.table)
            for pos, char in enumerate(text):
                if char == "|":
                    self._set(pos, 1, s.table_markup)
        return []

    def _overlay(self, start: int, length: int, extra: QTextCharFormat) -> None:
        """Merge ``extra`` into what is already set, character run by character run."""
        end = start + length
        pos = start
        while pos < end:
            base = self._get(pos)
            run = pos + 1
            while run < end and self._get(run) == base:
                run += 1
            merged = QTextCharFormat(base)
            merged.merge(extra)
            self._set(pos, run - pos, merged)
            pos = run

    def _inline_formats(self, text: str) -> list[tuple[int, int]]:
        s = self.styles
        skip: list[tuple[int, int]] = []
        if "`" in text:
            for m in _CODE.finditer(text):
                self._set(m.start(), m.end() - m.start(), s.code)
                skip.append(m.span())
        if "*" in text or "_" in text:
            for m in _STRONG.finditer(text):
                if not _inside(m.start(), skip):
                    self._overlay(m.start(), m.end() - m.start(), s.strong)
                    self._overlay(m.start(), 2, s.markup)
                    self._overlay(m.end() - 2, 2, s.markup)
            for m in _EMPHASIS.finditer(text):
                if not _inside(m.start(), skip):
                    self._overlay(m.start(), m.end() - m.start(), s.emphasis)
                    self._overlay(m.start(), 1, s.markup)
                    self._overlay(m.end() - 1, 1, s.markup)
        if "[" in text:
            for m in _IMAGE.finditer(text):
                self._set(m.start(), m.end() - m.start(), s.image)
                skip.append(m.span())
            for m in _LINK.finditer(text):
                if _inside(m.start(), skip):
                    continue
                self._set(m.start(), 1, s.markup)
                self._overlay(m.start(1), m.end(1) - m.start(1), s.link_text)
                self._set(m.end(1), m.end() - m.end(1), s.markup)
                skip.append((m.end(1), m.end()))
        if "<" in text:
            for m in _TAG.finditer(text):
                self._set(m.start(), m.end() - m.start(), s.markup)
                skip.append(m.span())
        if ":" in text:
            for m in _URL.finditer(text):
                self._overlay(m.start(), m.end() - m.start(), s.markup)
                skip.append(m.span())
        return skip

    def _spelling(self, text: str, skip: list[tuple[int, int]]) -> None:
        assert self.checker is not None
        for start, end, _word in self.checker.misspelled(text):
            if not _inside(start, skip):
                self._overlay(start, end - start, self.styles.misspelled)


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)
