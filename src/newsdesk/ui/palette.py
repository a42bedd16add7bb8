"""The command palette (Ctrl+Shift+P): type part of a command's name, press Enter, and the
menu action runs, so every menu command is reachable without the mouse or the menus."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
)

from newsdesk.ui.action_index import Command, matches, window_commands

INDEX_ROLE = Qt.ItemDataRole.UserRole


class CommandPalette(QDialog):
    """A small frameless-looking dialog over the window; closes before running the command
    (so a command that opens a dialog gets the focus)."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Command Palette")
        self.setObjectName("commandPalette")
        self.commands: list[Command] = []
        self.query = QLineEdit(placeholderText="Type a command…")
        self.query.setAccessibleName("Command")
        self.query.setAccessibleDescription(
            "Type part of a command's name; Up and Down choose, Enter runs it, Escape closes"
        )
        self.list = QListWidget()
        self.list.setAccessibleName("Matching commands")
        self.list.setAccessibleDescription("The commands whose names match what was typed")
        self.list.itemActivated.connect(lambda _item: self.run_current())
        self.hint = QLabel("")
        label = QLabel("&Command:")
        label.setBuddy(self.query)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.query)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.hint)
        self.query.textChanged.connect(self._filter)
        self.query.installEventFilter(self)
        self.query.returnPressed.connect(self.run_current)
        self.resize(560, 420)

    def open_palette(self) -> None:
        self.commands = window_commands(self.window_)
        self.query.clear()
        self._filter("")
        self.show()
        self.raise_()
        self.activateWindow()
        self.query.setFocus()

    def _filter(self, text: str) -> None:
        scored = []
        for index, command in enumerate(self.commands):
            if not command.action.isEnabled():
                continue
            score = matches(text, command.name)
            if score is None:
                where = matches(text, " ".join(command.path))
                score = None if where is None else where - 10
            if score is not None:
                scored.append((-score, index))
        scored.sort()
        self.list.clear()
        for _score, index in scored:
            command = self.commands[index]
            label = f"{command.name}    {command.where}"
            if command.keys:
                label += f"    {command.keys}"
            item = QListWidgetItem(label)
            item.setData(INDEX_ROLE, index)
            item.setToolTip(" › ".join(command.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self.hint.setText(
            f"{self.list.count()} commands" if self.list.count() else "No command matches"
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}.get(Qt.Key(event.key()))
            if step is not None and self.list.count():
                row = (self.list.currentRow() + step) % self.list.count()
                self.list.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def current_command(self) -> Command | None:
        item = self.list.currentItem()
        return None if item is None else self.commands[int(item.data(INDEX_ROLE))]

    def run_current(self) -> None:
        command = self.current_command()
        if command is None:
            return
        self.accept()
        self.window_.activateWindow()  # the focus goes back to the window, not to nowhere
        # After the palette is gone, so the command's own dialog or focus change sticks.
        QTimer.singleShot(0, command.action.trigger)
