"""Help → Keyboard Shortcuts: every command and its keys, generated from the window's menus
and actions each time it opens (so the list cannot go stale), with a filter box."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from newsdesk.ui.action_index import Command, keys_text, plain, window_commands

OTHER = "Other"


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(group, command, keys) for every command with a shortcut: the menus' commands under
    their menu, then window actions that no menu lists."""
    commands = window_commands(window)
    listed = {id(c.action) for c in commands}
    rows = [(c.path[0], " › ".join(c.path[1:]), c.keys) for c in commands if c.keys]
    for action in window.findChildren(QAction):
        if id(action) in listed or not action.shortcuts() or not action.text():
            continue
        rows.append((OTHER, plain(action.text()), keys_text(action)))
        listed.add(id(action))
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Keyboard Shortcuts")
        self.setObjectName("shortcutsDialog")
        self.resize(560, 620)
        self.filter = QLineEdit(placeholderText="Filter by command or key…")
        self.filter.setAccessibleName("Filter shortcuts")
        self.filter.setAccessibleDescription("Shows only the commands or keys containing this")
        self.filter.setClearButtonEnabled(True)
        label = QLabel("&Find:")
        label.setBuddy(self.filter)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Command", "Shortcut"])
        self.tree.setAccessibleName("Keyboard shortcuts")
        self.tree.setAccessibleDescription("Every command with its keys, grouped by menu")
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.setRootIsDecorated(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree, 1)
        layout.addWidget(buttons)
        self.filter.textChanged.connect(self._apply_filter)
        self.reload()

    def reload(self) -> None:
        self.tree.clear()
        groups: dict[str, QTreeWidgetItem] = {}
        for group, name, keys in shortcut_rows(self.window_):
            parent = groups.get(group)
            if parent is None:
                parent = QTreeWidgetItem(self.tree, [group, ""])
                font = parent.font(0)
                font.setBold(True)
                parent.setFont(0, font)
                parent.setFirstColumnSpanned(True)
                groups[group] = parent
            QTreeWidgetItem(parent, [name, keys])
        self.tree.expandAll()
        self._apply_filter(self.filter.text())

    def _groups(self) -> list[tuple[QTreeWidgetItem, list[QTreeWidgetItem]]]:
        out = []
        for i in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(i)
            if group is not None:
                children = [group.child(j) for j in range(group.childCount())]
                out.append((group, [c for c in children if c is not None]))
        return out

    def rows(self) -> list[tuple[str, str]]:
        """(command, keys) as shown, group headings left out."""
        return [
            (item.text(0), item.text(1))
            for _group, items in self._groups()
            for item in items
            if not item.isHidden()
        ]

    def _apply_filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for group, items in self._groups():
            shown = 0
            for item in items:
                texts = (item.text(0), item.text(1), group.text(0))
                hit = not needle or any(needle in t.casefold() for t in texts)
                item.setHidden(not hit)
                shown += hit
            group.setHidden(shown == 0)


__all__ = ["Command", "ShortcutsDialog", "shortcut_rows"]
