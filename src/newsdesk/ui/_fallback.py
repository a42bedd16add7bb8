"""Minimal stand-ins for the rich editor and the live preview, used only when
``newsdesk.ui.editor`` / ``newsdesk.ui.preview`` are not installed: same interface, no frills."""

from __future__ import annotations

import logging
from dataclasses import replace

import shiboken6
from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QFont, QTextCursor
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from newsdesk.errors import UserError
from newsdesk.render.markdown import render_body
from newsdesk.render.page import load_theme
from newsdesk.services.articles import ArticleRecord, get_article
from newsdesk.services.editing import storage_errors
from newsdesk.services.pages import export_linker, render_article_page
from newsdesk.ui.context import UiContext

log = logging.getLogger(__name__)


class MarkdownEditor(QWidget):
    """A plain-text Markdown editor."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edit = QPlainTextEdit(self)
        self._edit.setFont(QFont("DejaVu Sans Mono", 11))
        self._edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._edit)
        self._edit.textChanged.connect(self.changed)

    @property
    def text_edit(self) -> QPlainTextEdit:
        return self._edit

    def set_markdown(self, text: str, cursor: int = 0) -> None:
        self._edit.blockSignals(True)
        self._edit.setPlainText(text)
        self._edit.blockSignals(False)
        self.set_cursor_position(cursor)

    def markdown(self) -> str:
        return self._edit.toPlainText()

    def cursor_position(self) -> int:
        return self._edit.textCursor().position()

    def set_cursor_position(self, position: int) -> None:
        cursor = self._edit.textCursor()
        length = len(self._edit.toPlainText())
        cursor.setPosition(max(0, min(position, length)), QTextCursor.MoveMode.MoveAnchor)
        self._edit.setTextCursor(cursor)
        self._edit.ensureCursorVisible()

    def set_language(self, code: str) -> None:
        """No spell checking here, so nothing depends on the language."""


class PreviewPane(QWidget):
    """The article's page in a web view, re-rendered whole (debounced) after changes."""

    source_line_clicked = Signal(int)

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.view = QWebEngineView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self._record: ArticleRecord | None = None
        self._timer = QTimer(self, singleShot=True, interval=400)
        self._timer.timeout.connect(self._render)

    def show_article(self, article_id: int) -> None:
        ctx = self.ui_ctx.services

        def load() -> ArticleRecord:
            with storage_errors(), ctx.session() as session:
                return get_article(session, article_id)

        self.ui_ctx.tasks.run(load, self.update_fields, self._on_error)

    def update_fields(self, record: ArticleRecord) -> None:
        self._record = record
        self._timer.start()

    def update_body(self, markdown: str) -> None:
        if self._record is not None:
            self._record = replace(self._record, body=markdown)
            self._timer.start()

    def scroll_to_source_line(self, line: int) -> None:
        """The stand-in has no source map."""

    def _render(self) -> None:
        record = self._record
        if record is None:
            return
        ctx = self.ui_ctx.services

        def render() -> str:
            rec = replace(record, body_html=render_body(record.body))
            with storage_errors(), ctx.session() as session:
                theme = load_theme(ctx.resources)
                # no URL scheme handler here: styles and images go inline in the page
                return render_article_page(session, rec, export_linker(single_file=True), theme)

        self.ui_ctx.tasks.run(render, self._show_html, self._on_error)

    def _show_html(self, html: str) -> None:
        if shiboken6.isValid(self.view):  # the window may have closed while rendering
            self.view.setHtml(html, QUrl("about:blank"))

    @staticmethod
    def _on_error(exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        log.warning("preview not updated: %s", exc)
