"""The quick switcher (Ctrl+P): type part of a headline, Enter opens the article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from newsdesk.ui.library_dialog import LibraryDialog

if TYPE_CHECKING:
    from newsdesk.services.listing import Headline
    from newsdesk.ui.context import UiContext

ID_ROLE = Qt.ItemDataRole.UserRole


class QuickSwitcher(LibraryDialog):
    article_chosen = Signal(int)
    loaded = Signal()

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui_ctx, parent, "Open article", (560, 380))
        self._items: list[Headline] = []
        self.query = QLineEdit(self, placeholderText="Type part of a headline")
        self.query.setAccessibleName("Headline to open")
        self.results = QListWidget(self)
        self.results.setAccessibleName("Matching articles")
        self.query.textChanged.connect(self._filter)
        self.query.returnPressed.connect(self._open_current)
        self.results.itemActivated.connect(lambda _item: self._open_current())
        self.query.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)

    def start(self) -> None:
        """Show, empty, and read the headlines on a worker."""
        from newsdesk.services.listing import headlines

        self.query.clear()
        self.results.clear()
        self.open()
        self.query.setFocus()
        self.in_library(headlines, self._on_loaded)

    def _on_loaded(self, items: list[Headline]) -> None:
        self._items = items
        self._filter(self.query.text())
        self.loaded.emit()

    def _filter(self, text: str) -> None:
        from newsdesk.services.listing import matching

        self.results.clear()
        for item in matching(self._items, text):
            row = QListWidgetItem(item.headline, self.results)
            row.setData(ID_ROLE, item.id)
        if self.results.count():
            self.results.setCurrentRow(0)

    def _open_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        self.accept()
        self.article_chosen.emit(int(item.data(ID_ROLE)))

    def eventFilter(self, watched: object, event: object) -> bool:
        # Up and Down in the query move through the results, as in every quick switcher.
        moves = (Qt.Key.Key_Up, Qt.Key.Key_Down)
        if (
            watched is self.query
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() in moves
        ):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)  # type: ignore[arg-type]
