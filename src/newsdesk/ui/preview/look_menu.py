"""The preview's look menu: "newsdesk theme" or a learned site look (``newsdesk target look``);
the list is read from the library each time the menu opens (off the GUI thread)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from newsdesk.errors import UserError
from newsdesk.ui.dbwork import run_in_library

if TYPE_CHECKING:
    from newsdesk.ui.context import UiContext

log = logging.getLogger(__name__)

THEME_LABEL = "newsdesk theme"


class LookMenu(QObject):
    """A tool button with the looks; ``look_chosen`` carries a look's name, or None."""

    look_chosen = Signal(object)

    def __init__(self, ui_ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.names: list[str] = []
        self._current: str | None = None
        self.menu = QMenu(parent)
        self.menu.setObjectName("preview_look_menu")
        self.button = QToolButton(parent)
        self.button.setObjectName("preview_look")
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(self.menu)
        self.button.setAccessibleName("Preview look")
        self.button.setToolTip(
            "Show the article in newsdesk's theme or in a site's own look "
            "(learn one in Publish targets → Learn site look)"
        )
        self.menu.aboutToShow.connect(self.refresh)
        self._fill()

    def show_current(self, name: str | None) -> None:
        self._current = name
        self.button.setText(f"Look: {name or THEME_LABEL}")
        for action in self.menu.actions():
            action.setChecked(action.data() == name)

    def refresh(self) -> None:
        """Read the learned looks again (a look learned meanwhile appears)."""
        if self.ui_ctx.services is None:
            return

        def names(session: Any) -> list[str]:
            from newsdesk.services.looks import list_looks

            return [info.name for info in list_looks(session)]

        def unreadable(exc: UserError) -> None:  # the menu keeps the looks it has
            log.info("reading the learned looks: %s", exc)

        run_in_library(self.ui_ctx, names, self._on_names, on_error=unreadable, owner=self)

    def _on_names(self, names: list[str]) -> None:
        if names != self.names:
            self.names = names
            self._fill()

    def _fill(self) -> None:
        self.menu.clear()
        group = QActionGroup(self.menu)
        for label, name in [(THEME_LABEL, None), *((n, n) for n in self.names)]:
            action = QAction(label, self.menu, checkable=True)
            action.setData(name)
            action.setChecked(name == self._current)
            action.triggered.connect(lambda _=False, n=name: self.look_chosen.emit(n))
            group.addAction(action)
            self.menu.addAction(action)
        if not self.names:
            hint = self.menu.addAction("No site looks learned yet")
            hint.setEnabled(False)
        self.show_current(self._current)
