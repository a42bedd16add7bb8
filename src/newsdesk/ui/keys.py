"""Window shortcuts that a text field must not keep for itself.

On a Linux desktop a single-line Qt field claims Ctrl+E, Ctrl+A, Ctrl+K and Ctrl+U as Emacs
editing keys (end of line, start of line, delete to end, delete to start): the field accepts the
shortcut-override event and the window's action never fires. "Go to Editor" (Ctrl+E) then did
nothing from a metadata field, and the next paragraph typed landed in the headline or in Tags.
``ShortcutGuard`` hands the chosen actions' keys back to the window from every field in it;
everything else (Ctrl+Z, Ctrl+C, Home/End…) stays with the field."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def _combination(event: QKeyEvent) -> int:
    return event.keyCombination().toCombined()


class ShortcutGuard(QObject):
    """Watches the shortcut overrides of each widget of one window that takes the focus
    (installed as the focus arrives: no application-wide filter on every event)."""

    def __init__(self, window: QWidget, actions: Iterable[QAction] = ()) -> None:
        super().__init__(window)
        self._window = window
        self._actions: list[QAction] = list(actions)
        self._watched: set[int] = set()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is None or new.window() is not self._window:
            return
        key = id(new)
        if key not in self._watched:
            self._watched.add(key)
            new.installEventFilter(self)
            new.destroyed.connect(lambda _obj=None, k=key: self._watched.discard(k))

    def guard(self, *actions: QAction) -> None:
        """These actions' shortcuts win over any field of the window."""
        self._actions.extend(actions)

    def _owner(self, event: QKeyEvent) -> QAction | None:
        combined = _combination(event)
        for action in self._actions:
            if not action.isEnabled():
                continue
            for keys in action.shortcuts():
                if keys.count() == 1 and keys[0].toCombined() == combined:  # type: ignore[index]
                    return action
        return None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QWidget):
            return False
        if watched.window() is not self._window:
            return False
        assert isinstance(event, QKeyEvent)
        if self._owner(event) is None:
            return False
        # Not delivered, not accepted: the field does not claim the key, the action fires.
        event.ignore()
        return True
