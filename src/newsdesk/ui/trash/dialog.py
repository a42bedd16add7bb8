"""The Trash dialog: lists trashed articles; Restore brings them back whole, Delete for Good
and Empty Trash remove them (asking once). Every library call runs on a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.ui.dbwork import plural
from newsdesk.ui.icons import icon
from newsdesk.ui.library_dialog import LibraryDialog
from newsdesk.ui.tables import cell, row_table

if TYPE_CHECKING:
    from sqlmodel import Session

    from newsdesk.domain.record import ArticleRecord
    from newsdesk.services.trash import TrashEntry
    from newsdesk.ui.context import UiContext

ID_ROLE = Qt.ItemDataRole.UserRole
COLUMNS = ("Headline", "Status", "Deleted", "Words")


class TrashDialog(LibraryDialog):
    """``restored`` carries the restored articles' ids; ``refreshed`` follows every reload."""

    restored = Signal(list)
    refreshed = Signal()

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui_ctx, parent, "Trash", (620, 420))
        self.setObjectName("trashDialog")
        self.entries: list[TrashEntry] = []
        self.table = row_table(COLUMNS, self, stretch=0)
        self.table.setAccessibleName("Articles in the Trash")
        self.table.setAccessibleDescription(
            "Deleted articles, newest first; select some to restore them or delete them for good"
        )
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.itemDoubleClicked.connect(lambda _item: self.on_restore())
        self.restore_button = QPushButton(icon("fa5s.trash-restore"), "&Restore")
        self.delete_button = QPushButton(icon("fa5s.times"), "&Delete for Good…")
        self.empty_button = QPushButton(icon("fa5s.dumpster"), "&Empty Trash…")
        for button, slot, tip in (
            (self.restore_button, self.on_restore, "Bring the selected articles back to the library"),
            (self.delete_button, self.on_delete, "Delete the selected articles; this cannot be undone"),
            (self.empty_button, self.on_empty, "Delete every article in the Trash; this cannot be undone"),
        ):  # fmt: skip
            button.clicked.connect(slot)
            button.setToolTip(tip)
            button.setAccessibleDescription(tip)
        buttons = QHBoxLayout()
        for button in (self.restore_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.empty_button)
        self.status = QLabel("")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self._update_buttons()
        self.refresh()

    # -- reading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        from newsdesk.services.trash import list_trash

        self.in_library(list_trash, self._show)

    def _show(self, entries: list[TrashEntry]) -> None:
        self.entries = entries
        self.table.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            deleted = entry.trashed_at.astimezone().strftime("%d %b %Y %H:%M")
            values = (entry.title, entry.status.replace("_", " "), deleted, f"{entry.word_count:,}")
            for column, text in enumerate(values):
                self.table.setItem(row, column, cell(text, data=entry.id, right=column == 3))
        self.status.setText(
            f"{plural(len(entries), 'article')} in the Trash" if entries else "The Trash is empty"
        )
        self._update_buttons()
        self.refreshed.emit()

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.entries[row].id for row in rows if row < len(self.entries)]

    def _update_buttons(self) -> None:
        chosen = bool(self.table.selectionModel().selectedRows())
        self.restore_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)
        self.empty_button.setEnabled(bool(self.entries))

    # -- changing -------------------------------------------------------------------------------

    def on_restore(self) -> None:
        from newsdesk.services.trash import restore_entries

        ids = self.selected_ids()
        if not ids:
            return

        def work(session: Session) -> list[ArticleRecord]:
            return restore_entries(session, ids)

        def done(records: list[ArticleRecord]) -> None:
            names = ", ".join(f"“{r.headline or 'Untitled'}”" for r in records)
            self.status.setText(f"Restored {names}")
            self.restored.emit([r.id for r in records])
            self.refresh()

        self.in_library(work, done, title="Restore", on_failed=self.refresh)

    def on_delete(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        titles = {e.id: e.title for e in self.entries}
        what = f"“{titles[ids[0]]}”" if len(ids) == 1 else plural(len(ids), "article")
        self._purge(ids, f"Delete {what} for good? This cannot be undone.")

    def on_empty(self) -> None:
        if self.entries:
            what = plural(len(self.entries), "article")
            self._purge(None, f"Delete the {what} in the Trash for good? This cannot be undone.")

    def _purge(self, ids: list[int] | None, question: str) -> None:
        from newsdesk.services.trash import empty_trash

        if not self.ui_ctx.prompts.confirm("Trash", question, ok="Delete", destructive=True):
            return

        def work(session: Session) -> int:
            return empty_trash(session, ids)

        def done(count: int) -> None:
            self.refresh()
            self.status.setText(f"Deleted {plural(count, 'article')} for good")

        self.in_library(work, done)
