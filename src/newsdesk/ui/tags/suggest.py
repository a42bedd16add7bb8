"""A strip of buttons suggesting existing tags whose names occur in the article being edited."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from newsdesk.ui.dbwork import run_in_library
from newsdesk.ui.metadata.flow import FlowLayout, elided

if TYPE_CHECKING:
    from newsdesk.services import taxonomy as tags
    from newsdesk.ui.context import UiContext

DEBOUNCE_MS = 800


class TagSuggestions(QWidget):
    """Call ``set_text`` as the writer types; a click on a suggestion emits ``tag_chosen``."""

    tag_chosen = Signal(str)
    updated = Signal()

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self._text = ""
        self._source: Callable[[], str] | None = None  # the text, read when the pause is over
        self._current: list[str] = []
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self.refresh)
        self._layout = FlowLayout(self)  # wraps: as many suggestions as fit the panel's width
        self._layout.addWidget(QLabel("Suggested tags:"))
        self.buttons: list[QPushButton] = []
        self.hide()

    def set_text(
        self, text: str | Callable[[], str], current_tags: Sequence[str], *, now: bool = False
    ) -> None:
        """The article's text and tags changed; suggestions follow after a short pause.
        ``text`` may be a function giving it: read once the pause is over, not per keystroke."""
        self._source = text if callable(text) else None
        if not callable(text):
            self._text = text
        self._current = list(current_tags)
        if now:
            self.refresh()
        else:
            self._timer.start()

    def refresh(self) -> None:
        from newsdesk.services import taxonomy as tags

        if self._source is not None:
            self._text, self._source = self._source(), None
        text, current = self._text, list(self._current)

        def show(found: list[tags.TagInfo]) -> None:
            if (text, current) == (self._text, self._current):  # else a newer query is coming
                self._show(found)

        run_in_library(
            self.ui_ctx, lambda s: tags.suggest_tags(s, text, current, limit=6), show, owner=self
        )

    def suggestions(self) -> list[str]:
        return [str(b.property("tag")) for b in self.buttons]

    def _show(self, found: list[tags.TagInfo]) -> None:
        for button in self.buttons:
            self._layout.removeWidget(button)
            button.deleteLater()
        self.buttons = []
        for info in found:
            button = QPushButton()
            button.setText(elided(button, info.name))
            button.setProperty("tag", info.name)
            button.setFlat(True)
            button.setToolTip(f"Add the tag “{info.name}” ({info.articles} articles)")
            button.clicked.connect(lambda _checked=False, name=info.name: self._choose(name))
            self._layout.addWidget(button)
            self.buttons.append(button)
        self.setVisible(bool(found))
        self.updated.emit()

    def _choose(self, name: str) -> None:
        self.tag_chosen.emit(name)
        self.set_text(self._text, [*self._current, name], now=True)
