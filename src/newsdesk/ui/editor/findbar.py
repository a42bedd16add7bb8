"""The find and replace bar under the editor (Ctrl+F, Ctrl+H)."""

from __future__ import annotations

import itertools
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QColor,
    QHideEvent,
    QKeyEvent,
    QResizeEvent,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTextEdit,
    QWidget,
)

from newsdesk.errors import UserError
from newsdesk.ui.editor.search import Match, Query, Utf16, find_all

MARKED_MOST = 2_000  # matches shown in the text at once (a search for "e" in a long piece)
_MARK = QTextCharFormat()
_MARK.setBackground(QColor(255, 200, 40, 110))  # a marker's yellow, readable on light and dark


FIELD_LEAST = 120  # px: the narrowest find and replace fields
FIELD_ROOMY = 130  # px: fields below this width put the options in rows of their own
STATUS_ROOM = 90  # px: "12 of 345" beside "In selection"


def _row(*widgets: QWidget) -> QWidget:
    """``widgets`` side by side, left-aligned, as one cell of the bar's grid."""
    row = QWidget()
    box = QHBoxLayout(row)
    box.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        box.addWidget(widget)
    box.addStretch(1)
    return row


class FindBar(QWidget):
    """Find next/previous, replace, replace all (one undo step) with regex, case, whole word
    and in-selection options; the label says how many matched or were replaced."""

    closed = Signal()

    def __init__(self, edit: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = edit
        self.find_field = QLineEdit(placeholderText="Find")
        self.replace_field = QLineEdit(placeholderText="Replace with")
        self.regex = QCheckBox("Regex")
        self.match_case = QCheckBox("Match case")
        self.whole_word = QCheckBox("Whole word")
        self.in_selection = QCheckBox("In selection")
        self.status = QLabel()
        self.next_button = QPushButton("Next")
        self.previous_button = QPushButton("Previous")
        self.replace_button = QPushButton("Replace")
        self.replace_all_button = QPushButton("Replace all")
        self._scope: tuple[QTextCursor, QTextCursor] | None = None
        self._layout()
        self.find_field.returnPressed.connect(self.find_next)
        self.find_field.textChanged.connect(self._count)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.replace_button.clicked.connect(self.replace)
        self.replace_all_button.clicked.connect(self.replace_all)
        self.replace_field.returnPressed.connect(self.replace)
        self.in_selection.toggled.connect(self._on_scope_toggled)
        for box in (self.regex, self.match_case, self.whole_word):
            box.toggled.connect(self._count)

    def _layout(self) -> None:
        # The options go beside the fields when the editor is wide, in one row under them
        # when they no longer fit beside (the Edit layout on a laptop), in two when even that
        # is too narrow (the Review layout's editor, beside a wide page): a clipped
        # "Match ca" or a find field three letters wide is no use (``resizeEvent``).
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(6, 4, 6, 4)
        self.grid.setColumnStretch(0, 1)
        cells = [
            (self.find_field, 0, 0), (self.previous_button, 0, 1), (self.next_button, 0, 2),
            (self.replace_field, 1, 0), (self.replace_button, 1, 1),
            (self.replace_all_button, 1, 2),
        ]  # fmt: skip
        for widget, row, column in cells:
            self.grid.addWidget(widget, row, column)
        self.options = _row(self.regex, self.match_case, self.whole_word)
        self.scope_row = _row(self.in_selection, self.status)
        for field in (self.find_field, self.replace_field):
            field.setMinimumWidth(FIELD_LEAST)
        # Shrinkable below the two-row layout's width, so that ``resizeEvent`` hears of it.
        self.setMinimumWidth(FIELD_LEAST + 200)
        self.under = QHBoxLayout()  # the options and the scope in one row under the fields
        self.under.setContentsMargins(0, 0, 0, 0)
        self.rows = 0
        self._place(2)
        # Tab goes from the word to find to its replacement, then the buttons, then the
        # options (the grid's order would put Previous between the two fields).
        chain = (
            self.find_field, self.replace_field, self.next_button, self.previous_button,
            self.replace_button, self.replace_all_button, self.regex, self.match_case,
            self.whole_word, self.in_selection,
        )  # fmt: skip
        for before, after in itertools.pairwise(chain):
            QWidget.setTabOrder(before, after)

    def _place(self, rows: int) -> None:
        """The bar in ``rows`` rows: 2 (options beside the fields), 3 (under them, in one
        row) or 4 (under them, in two)."""
        if rows == self.rows:
            return
        self.rows = rows
        grid = self.grid
        for widget in (self.options, self.scope_row):
            grid.removeWidget(widget)
            self.under.removeWidget(widget)
        grid.removeItem(self.under)
        if rows == 2:
            grid.addWidget(self.options, 0, 3)
            grid.addWidget(self.scope_row, 1, 3)
        elif rows == 3:
            self.under.addWidget(self.options)
            self.under.addWidget(self.scope_row, 1)
            grid.addLayout(self.under, 2, 0, 1, 3)
        else:
            grid.addWidget(self.options, 2, 0, 1, 3)
            grid.addWidget(self.scope_row, 3, 0, 1, 3)
        grid.setColumnStretch(3, 1 if rows == 2 else 0)

    def _under_needs(self) -> int:
        """The width the options and the scope need side by side in one row."""
        margins = self.grid.contentsMargins()
        return (
            self.options.sizeHint().width() + max(self.under.spacing(), 0)
            + self.in_selection.sizeHint().width() + STATUS_ROOM
            + margins.left() + margins.right()
        )  # fmt: skip

    def _wide_needs(self) -> int:
        """The width the two-row layout needs to show every label whole."""
        spacing = max(self.grid.horizontalSpacing(), 0)
        buttons = max(
            self.previous_button.sizeHint().width(), self.replace_button.sizeHint().width()
        )
        buttons += max(
            self.next_button.sizeHint().width(), self.replace_all_button.sizeHint().width()
        )
        margins = self.grid.contentsMargins()
        return (
            FIELD_ROOMY + buttons + self.options.sizeHint().width() + 3 * spacing
            + margins.left() + margins.right()
        )  # fmt: skip

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        width = event.size().width()
        self._place(2 if width >= self._wide_needs() else 3 if width >= self._under_needs() else 4)

    def open(self, replace: bool) -> None:
        cursor = self.edit.textCursor()
        selected = cursor.selectedText()
        if "\u2029" in selected:  # a multi-line selection: search inside it
            self.in_selection.setChecked(True)
            self._capture_scope()
        elif selected:
            self.find_field.setText(selected)
        for widget in (self.replace_field, self.replace_button, self.replace_all_button):
            widget.setVisible(replace)
        self.in_selection.setVisible(True)
        self.show()
        self.find_field.setFocus()
        self.find_field.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            self.edit.setFocus()
            self.closed.emit()
            return
        super().keyPressEvent(event)

    def query(self) -> Query:
        return Query(
            self.find_field.text(),
            regex=self.regex.isChecked(),
            match_case=self.match_case.isChecked(),
            whole_word=self.whole_word.isChecked(),
        )

    # -- scope --------------------------------------------------------------------------
    def _on_scope_toggled(self, on: bool) -> None:
        if on:
            self._capture_scope()
        else:
            self._scope = None
        self._count()

    def _capture_scope(self) -> None:
        cursor = self.edit.textCursor()
        start = QTextCursor(self.edit.document())
        start.setPosition(cursor.selectionStart())
        end = QTextCursor(self.edit.document())
        end.setPosition(cursor.selectionEnd())
        self._scope = (start, end)  # text cursors follow later edits

    def _matches(self) -> tuple[list[Match], Utf16]:
        text = self.edit.toPlainText()
        u16 = Utf16(text)
        start, end = 0, None
        if self._scope is not None:
            start = u16.from_qt(self._scope[0].position())
            end = u16.from_qt(self._scope[1].position())
        try:
            matches = find_all(text, self.query(), self.replace_field.text(), start, end)
        except UserError as exc:
            self._say(str(exc), error=True)
            self._unmark()
            return [], u16
        self._mark(matches, u16)
        return matches, u16

    def _mark(self, matches: list[Match], u16: Utf16) -> None:
        """Every match shown in the text (the first ``MARKED_MOST``), as editors do while
        their find bar is open; none once it closes (``_unmark``)."""
        marks = []
        document = self.edit.document()
        for match in matches[:MARKED_MOST]:
            mark = QTextEdit.ExtraSelection()
            mark.cursor = QTextCursor(document)  # type: ignore[attr-defined]
            mark.cursor.setPosition(u16.to_qt(match.start))  # type: ignore[attr-defined]
            mark.cursor.setPosition(u16.to_qt(match.end), QTextCursor.MoveMode.KeepAnchor)  # type: ignore[attr-defined]
            mark.format = _MARK  # type: ignore[attr-defined]
            marks.append(mark)
        self.edit.setExtraSelections(marks)

    def _unmark(self) -> None:
        self.edit.setExtraSelections([])

    def hideEvent(self, event: QHideEvent) -> None:
        self._unmark()
        super().hideEvent(event)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setStyleSheet("color: #c0392b;" if error else "")

    def _count(self) -> None:
        if not self.find_field.text():
            self._say("")
            self._unmark()
            return
        matches, _ = self._matches()
        if self.status.styleSheet():
            return
        self._say(f"{len(matches)} found" if matches else "Not found")

    # -- commands -------------------------------------------------------------------------
    def _select(self, match: Match, u16: Utf16) -> None:
        cursor = self.edit.textCursor()
        cursor.setPosition(u16.to_qt(match.start))
        cursor.setPosition(u16.to_qt(match.end), QTextCursor.MoveMode.KeepAnchor)
        self.edit.setTextCursor(cursor)
        self.edit.centerCursor()

    def find_next(self) -> bool:
        return self._step(lambda ms, at: next((m for m in ms if m.start >= at), ms[0]), True)

    def find_previous(self) -> bool:
        return self._step(
            lambda ms, at: next((m for m in reversed(ms) if m.end <= at), ms[-1]), False
        )

    def _step(self, pick: Callable[[list[Match], int], Match], after_selection: bool) -> bool:
        """Select the match ``pick`` chooses from the matches and where the search starts
        (after the selection going forward, before it going back); wraps around."""
        matches, u16 = self._matches()
        if not matches:
            self._count()
            return False
        cursor = self.edit.textCursor()
        here = u16.from_qt(cursor.selectionEnd() if after_selection else cursor.selectionStart())
        match = pick(matches, here)
        self._select(match, u16)
        self._say(f"{matches.index(match) + 1} of {len(matches)}")
        return True

    def replace(self) -> None:
        """Replace the selected match (if the selection is one) and go to the next."""
        matches, u16 = self._matches()
        cursor = self.edit.textCursor()
        current = next(
            (
                m
                for m in matches
                if u16.to_qt(m.start) == cursor.selectionStart()
                and u16.to_qt(m.end) == cursor.selectionEnd()
            ),
            None,
        )
        if current is not None:
            cursor.insertText(current.replacement)
        self.find_next()

    def replace_all(self) -> int:
        """Replace every match in scope as one undo step; returns (and shows) the count."""
        matches, u16 = self._matches()
        if not matches:
            self._count()
            return 0
        cursor = QTextCursor(self.edit.document())
        cursor.beginEditBlock()
        for m in reversed(matches):  # from the end, so earlier offsets stay valid
            cursor.setPosition(u16.to_qt(m.start))
            cursor.setPosition(u16.to_qt(m.end), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(m.replacement)
        cursor.endEditBlock()
        self._unmark()
        self._say(f"Replaced {len(matches)}")
        return len(matches)
