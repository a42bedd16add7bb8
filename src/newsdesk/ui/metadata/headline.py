"""The headline field: one paragraph that wraps to as many as three lines, so a long headline
is seen whole in a narrow inspector; it keeps a line edit's interface (``text``,
``setText``, ``textEdited``) and never takes a line break (Enter moves on, pasted breaks
become spaces)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QSizePolicy, QWidget

MAX_LINES = 3


class HeadlineEdit(QPlainTextEdit):
    textEdited = Signal(str)  # the person changed the text (not ``setText``)

    def __init__(self, parent: QWidget | None = None, placeholderText: str = "") -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholderText)
        self.setTabChangesFocus(True)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self._setting = False
        self.document().setDocumentMargin(3)
        self.textChanged.connect(self._on_changed)
        self._fit()

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self._setting = True
        try:
            self.setPlainText(" ".join(text.splitlines()))
        finally:
            self._setting = False
        self._fit()

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(max(0, min(position, len(self.text()))))
        self.setTextCursor(cursor)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.focusNextChild()  # a headline is one paragraph: Enter goes on to the next field
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source) -> None:  # type: ignore[no-untyped-def]
        if source.hasText():
            self.textCursor().insertText(" ".join(source.text().split()))
            return
        super().insertFromMimeData(source)

    def _on_changed(self) -> None:
        text = self.toPlainText()
        if "\n" in text or "\u2029" in text:  # never a line break, however it came in
            cursor = self.textCursor()
            position = cursor.position()
            self._setting, was = True, self._setting
            self.setPlainText(" ".join(text.splitlines()))
            self._setting = was
            text = self.toPlainText()
            cursor = self.textCursor()
            cursor.setPosition(min(position, len(text)))
            self.setTextCursor(cursor)
        self._fit()
        if not self._setting:
            self.textEdited.emit(text)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        """As tall as the wrapped text, one to three lines (more scrolls)."""
        lines = 0
        block = self.document().begin()
        while block.isValid():
            lines += max(1, block.layout().lineCount())
            block = block.next()
        shown = max(1, min(MAX_LINES, lines))
        policy = Qt.ScrollBarPolicy
        self.setVerticalScrollBarPolicy(
            policy.ScrollBarAsNeeded if lines > MAX_LINES else policy.ScrollBarAlwaysOff
        )
        height = self.fontMetrics().lineSpacing() * shown
        margins = self.contentsMargins()
        frame = margins.top() + margins.bottom() + 2 * int(self.document().documentMargin()) + 4
        if self.height() != height + frame:
            self.setFixedHeight(height + frame)

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())
