"""The text area: smart typing, list continuation, the spelling context menu and image drops."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QImage, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QMenu, QPlainTextEdit, QWidget

from newsdesk.services.spelling import WORD, SpellChecker
from newsdesk.ui.editor import autoformat
from newsdesk.ui.editor.highlighter import FENCE

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


class SourceEdit(QPlainTextEdit):
    """A QPlainTextEdit that knows Markdown typing habits."""

    add_word_requested = Signal(str)
    image_files_dropped = Signal(list)  # [Path]
    image_data_pasted = Signal(bytes, str)  # PNG bytes, suggested name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.smart_typography = True
        self.checker: Callable[[], SpellChecker | None] = lambda: None

    # -- typing -------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods, text = event.key(), event.modifiers(), event.text()
        plain = not (
            mods & ~(Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier)
        )
        if plain and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self._continue_block():
            return
        if plain and self.smart_typography and text in ('"', "'", "-", ".") and self._smart(text):
            return
        super().keyPressEvent(event)

    def _line_before(self, cursor: QTextCursor) -> str:
        return cursor.block().text()[: cursor.positionInBlock()]

    def _in_code(self, cursor: QTextCursor) -> bool:
        state = cursor.block().previous().userState() if cursor.block().previous().isValid() else 0
        return state == FENCE or autoformat.in_code_span(self._line_before(cursor))

    def _smart(self, char: str) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection() or self._in_code(cursor):
            return False
        before = self._line_before(cursor)
        if char in "\"'":
            cursor.insertText(autoformat.smart_quote(before, char))
        elif char == "-":
            change = autoformat.smart_dash(before)
            if change is None:
                return False
            count, replacement = change
            cursor.beginEditBlock()
            cursor.movePosition(
                QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, count
            )
            cursor.insertText(replacement)
            cursor.endEditBlock()
        else:
            if not autoformat.smart_ellipsis(before):
                return False
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, 2)
            cursor.insertText("…")
            cursor.endEditBlock()
        self.setTextCursor(cursor)
        return True

    def _continue_block(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection() or self._in_code(cursor):
            return False
        line = cursor.block().text()
        cont = autoformat.continue_block(line)
        if cont is None:
            return False
        cursor.beginEditBlock()
        if cont.end:
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(
                QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor
            )
            # The marker goes and a blank line ends the list, so the next paragraph is not
            # swallowed into the last item.
            cursor.insertText("\n")
        else:
            cursor.insertText("\n" + cont.prefix)
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
        return True

    # -- spelling menu --------------------------------------------------------------------
    def misspelled_word_at(self, pos: QPoint) -> tuple[QTextCursor, str] | None:
        checker = self.checker()
        if checker is None:
            return None
        cursor = self.cursorForPosition(pos)
        text = cursor.block().text()
        at = cursor.positionInBlock()
        for m in WORD.finditer(text):
            if m.start() <= at <= m.end():
                if checker.check(m.group()):
                    return None
                word_cursor = QTextCursor(cursor.block())
                word_cursor.setPosition(cursor.block().position() + m.start())
                word_cursor.setPosition(
                    cursor.block().position() + m.end(), QTextCursor.MoveMode.KeepAnchor
                )
                return word_cursor, m.group()
        return None

    def context_menu_at(self, pos: QPoint) -> QMenu:
        """The context menu for a point in the viewport: suggestions first for a misspelling."""
        menu = self.createStandardContextMenu(pos)
        found = self.misspelled_word_at(pos)
        checker = self.checker()
        if found is None or checker is None:
            return menu
        word_cursor, word = found
        standard = menu.actions()
        spelling_menu = QMenu(self)
        suggestions = checker.suggest(word) or []
        for suggestion in suggestions:
            action = spelling_menu.addAction(suggestion)
            action.triggered.connect(
                lambda _=False, s=suggestion, c=word_cursor: self._replace_word(c, s)
            )
        if not suggestions:
            spelling_menu.addAction("No suggestions").setEnabled(False)
        add = spelling_menu.addAction(f"Add “{word}” to dictionary")
        add.setObjectName("add_to_dictionary")
        add.triggered.connect(lambda _=False, w=word: self.add_word_requested.emit(w))
        spelling_menu.addSeparator()
        for action in standard:
            action.setParent(spelling_menu)  # keep the standard actions alive with this menu
            spelling_menu.addAction(action)
        menu.deleteLater()
        return spelling_menu

    def _replace_word(self, cursor: QTextCursor, replacement: str) -> None:
        cursor.insertText(replacement)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu_at(event.pos())
        menu.exec(event.globalPos())
        menu.deleteLater()

    # -- images ---------------------------------------------------------------------------
    @staticmethod
    def _image_paths(source: QMimeData) -> list[Path]:
        if not source.hasUrls():
            return []
        paths = [Path(u.toLocalFile()) for u in source.urls() if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in IMAGE_SUFFIXES]

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return (
            bool(self._image_paths(source))
            or source.hasImage()
            or super().canInsertFromMimeData(source)
        )

    def insertFromMimeData(self, source: QMimeData) -> None:
        paths = self._image_paths(source)
        if paths:
            self.image_files_dropped.emit(paths)
            return
        if source.hasImage() and not source.hasText():
            image = source.imageData()
            if isinstance(image, QImage) and not image.isNull():
                data = QByteArray()
                buffer = QBuffer(data)
                buffer.open(QIODevice.OpenModeFlag.WriteOnly)
                image.save(buffer, b"PNG")
                self.image_data_pasted.emit(bytes(data.data()), "pasted-image.png")
                return
        super().insertFromMimeData(source)
