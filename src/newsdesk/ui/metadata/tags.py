"""Tags as removable chips, with a line edit that completes from the library's tags; Enter
adds the typed tag (a new tag is created in the library when the article is saved)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QToolButton, QVBoxLayout, QWidget

from newsdesk.ui.icons import icon
from newsdesk.ui.metadata.flow import FlowLayout, elided


class TagEditor(QWidget):
    tags_changed = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tags: list[str] = []
        self._chips = QWidget(self)
        self._flow = FlowLayout(self._chips)
        self.input = QLineEdit(self, placeholderText="Add a tag and press Enter")
        self.input.setMinimumWidth(60)  # the inspector may be narrow
        self._known = QStringListModel(self)
        self.completer = QCompleter(self._known, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.input.setCompleter(self.completer)
        self.input.returnPressed.connect(self._on_return)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._chips)
        layout.addWidget(self.input)

    def set_known_tags(self, names: list[str]) -> None:
        self._known.setStringList(names)

    def tags(self) -> list[str]:
        return list(self._tags)

    def set_tags(self, tags: list[str]) -> None:
        self._tags = list(tags)
        self._render()

    def add_tag(self, name: str) -> None:
        name = name.strip()
        if not name or name.lower() in {t.lower() for t in self._tags}:
            return
        known = {t.lower(): t for t in self._known.stringList()}
        self._tags.append(known.get(name.lower(), name))  # reuse the library's spelling
        self._render()
        self.tags_changed.emit(self.tags())

    def remove_tag(self, name: str) -> None:
        self._tags = [t for t in self._tags if t != name]
        self._render()
        self.tags_changed.emit(self.tags())

    def _on_return(self) -> None:
        for name in self.input.text().split(","):
            self.add_tag(name)
        self.input.clear()

    def _render(self) -> None:
        while (item := self._flow.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        for name in self._tags:
            chip = QToolButton(self._chips)
            chip.setText(elided(chip, name))
            chip.setIcon(icon("fa5s.times"))
            chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            chip.setToolTip(f"Remove the tag “{name}”")
            chip.setAutoRaise(False)
            chip.setObjectName("tagChip")
            chip.clicked.connect(lambda _=False, n=name: self.remove_tag(n))
            self._flow.addWidget(chip)
        self._chips.setVisible(bool(self._tags))
        self._chips.updateGeometry()
