"""The section manager dialog: create, rename, reorder (drag or up/down) and delete sections.

The order here is the navigation order of every rendered page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from newsdesk.services import taxonomy
from newsdesk.ui.context import UiContext
from newsdesk.ui.dbwork import plural
from newsdesk.ui.library_dialog import LibraryDialog

NAME_ROLE = Qt.ItemDataRole.UserRole


class SectionManagerDialog(LibraryDialog):
    """Manage sections; ``sections_changed`` tells the main window to reload its lists."""

    sections_changed = Signal()
    refreshed = Signal()

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ui_ctx, parent, "Sections", (420, 420))
        self._infos: dict[str, taxonomy.SectionInfo] = {}
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.model().rowsMoved.connect(self.on_dropped)
        self.list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.add_button = QPushButton("Add…")
        self.rename_button = QPushButton("Rename…")
        self.up_button = QPushButton("Move up")
        self.down_button = QPushButton("Move down")
        self.delete_button = QPushButton("Delete…")
        buttons = QVBoxLayout()
        slots: list[tuple[QPushButton, Callable[[], None]]] = [
            (self.add_button, self.on_add),
            (self.rename_button, self.on_rename),
            (self.up_button, lambda: self.on_move(-1)),
            (self.down_button, lambda: self.on_move(1)),
            (self.delete_button, self.on_delete),
        ]
        for button, slot in slots:
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        self.status = QLabel("Drag sections to change the navigation order")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self._update_buttons()
        self.refresh()

    def section_names(self) -> list[str]:
        return [self.list.item(i).data(NAME_ROLE) for i in range(self.list.count())]

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item else None

    def _update_buttons(self) -> None:
        row = self.list.currentRow()
        chosen = row >= 0
        for button in (self.rename_button, self.delete_button):
            button.setEnabled(chosen)
        self.up_button.setEnabled(chosen and row > 0)
        self.down_button.setEnabled(chosen and row < self.list.count() - 1)

    def refresh(self, current: str | None = None) -> None:
        keep = current or self.current_name()
        self.in_library(taxonomy.list_section_infos, lambda rows: self._fill(rows, keep))

    def _fill(self, rows: Sequence[taxonomy.SectionInfo], current: str | None) -> None:
        self._infos = {r.name: r for r in rows}
        self.list.blockSignals(True)
        self.list.clear()
        for info in rows:
            item = QListWidgetItem(f"{info.name}   ({plural(info.articles, 'article')})")
            item.setData(NAME_ROLE, info.name)
            self.list.addItem(item)
            if info.name == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self._update_buttons()
        self.refreshed.emit()

    def _change(self, work: Callable[[Session], Any], message: str, current: str | None) -> None:
        def done(_result: Any) -> None:
            self.status.setText(message)
            self.sections_changed.emit()
            self.refresh(current)

        self.in_library(work, done, on_failed=self.refresh)

    def on_add(self) -> None:
        name = self.ui_ctx.prompts.ask_text("New section", "Name of the new section:")
        if name and name.strip():
            self._change(
                lambda s: taxonomy.add_section(s, name), f"Added {name.strip()}", name.strip()
            )

    def on_rename(self) -> None:
        old = self.current_name()
        if old is None:
            return
        new = self.ui_ctx.prompts.ask_text("Rename section", f"New name for {old}:", default=old)
        if new and new.strip() != old:
            self._change(
                lambda s: taxonomy.rename_section(s, old, new),
                f"Renamed {old} to {new.strip()}",
                new.strip(),
            )

    def on_move(self, offset: int) -> None:
        name = self.current_name()
        if name is not None:
            self._change(lambda s: taxonomy.move_section(s, name, offset), f"Moved {name}", name)

    def on_dropped(self, *_args: Any) -> None:
        order = self.section_names()
        self._change(lambda s: taxonomy.reorder_sections(s, order), "Navigation order saved", None)

    def on_delete(self) -> None:
        name = self.current_name()
        if name is None:
            return
        count = self._infos[name].articles if name in self._infos else 0
        target: str | None = None
        if count:
            others = [n for n in self.section_names() if n != name]
            if not others:
                self.ui_ctx.prompts.error(
                    "Delete section", f"Add another section first: {name} still has articles."
                )
                return
            target = self.ui_ctx.prompts.choose(
                "Delete section", f"Move the {plural(count, 'article')} of {name} to:", others
            )
            if not target:
                return
        elif not self.ui_ctx.prompts.confirm(
            "Delete section", f"Delete the empty section {name}?", ok="Delete", destructive=True
        ):
            return
        moved = f"; {plural(count, 'article')} moved to {target}" if target else ""
        self._change(
            lambda s: taxonomy.delete_section(s, name, target), f"Deleted {name}{moved}", target
        )
