"""The standard Edit actions (Undo, Redo, Cut, Copy, Paste, Select All) acting on whichever
field has the focus: a line edit, a text box, the body editor or the preview's page.

A text field handles these keys itself (it claims them before the window's shortcut), so
the actions matter for the menu, the command palette and fields without their own keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QMenuBar, QWidget

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class EditCommand:
    name: str  # the Qt method on text widgets: undo, redo, cut, copy, paste, selectAll
    text: str
    key: StandardKey
    icon: str
    web_action: str  # QWebEnginePage.WebAction's name


COMMANDS = (
    EditCommand("undo", "&Undo", StandardKey.Undo, "fa5s.undo", "Undo"),
    EditCommand("redo", "&Redo", StandardKey.Redo, "fa5s.redo", "Redo"),
    EditCommand("cut", "Cu&t", StandardKey.Cut, "fa5s.cut", "Cut"),
    EditCommand("copy", "&Copy", StandardKey.Copy, "fa5s.copy", "Copy"),
    EditCommand("paste", "&Paste", StandardKey.Paste, "fa5s.paste", "Paste"),
    EditCommand("selectAll", "Select &All", StandardKey.SelectAll, "", "SelectAll"),
)


def _web_view(widget: QWidget | None) -> QWidget | None:
    from PySide6.QtWebEngineWidgets import QWebEngineView

    while widget is not None:
        if isinstance(widget, QWebEngineView):
            return widget
        widget = widget.parentWidget()
    return None


def _run(target: QWidget | None, command: EditCommand) -> None:
    if target is None:
        return
    view = _web_view(target)
    if view is not None:
        from PySide6.QtWebEngineCore import QWebEnginePage

        view.page().triggerAction(getattr(QWebEnginePage.WebAction, command.web_action))  # type: ignore[attr-defined]
        return
    method: Callable[[], object] | None = getattr(target, command.name, None)
    if callable(method):
        method()


def _available(target: QWidget | None, command: EditCommand) -> bool:
    """Whether the command can act on ``target`` now (the menu greys out the rest)."""
    if target is None:
        return False
    if _web_view(target) is not None:
        return command.name in ("copy", "selectAll")
    if not callable(getattr(target, command.name, None)):
        return False
    read_only = bool(getattr(target, "isReadOnly", lambda: False)())
    if command.name in ("cut", "paste", "undo", "redo") and read_only:
        return False
    if command.name in ("undo", "redo"):
        document = getattr(target, "document", None)
        if callable(document):
            doc = document()
            return bool(doc.isUndoAvailable() if command.name == "undo" else doc.isRedoAvailable())
        probe = getattr(
            target, "isUndoAvailable" if command.name == "undo" else "isRedoAvailable", None
        )
        return bool(probe()) if callable(probe) else True
    return True


class EditActions(QObject):
    """Makes the six actions for a window and keeps their enabled state right while its Edit
    menu is open (outside it they stay enabled, so the palette and shortcuts can run them).

    They act on the window's focused field, or, while the keyboard moves along the menu bar
    (which then holds the focus: Alt+F, then → to Edit), on the field focused before it."""

    def __init__(self, window: QWidget, make_icon: Callable[[str], object]) -> None:
        super().__init__(window)
        self.window = window
        self.actions: dict[str, QAction] = {}
        self._field: QWidget | None = None  # the last field of the window with the focus
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._on_focus)  # let go when this object goes with the window
        for command in COMMANDS:
            action = QAction(command.text, window)
            action.setObjectName(f"edit_{command.name}")
            action.setShortcuts(QKeySequence.keyBindings(command.key))
            if command.icon:
                action.setIcon(make_icon(command.icon))  # type: ignore[arg-type]
            action.setToolTip(command.text.replace("&", ""))
            action.triggered.connect(lambda _checked=False, c=command: _run(self.target(), c))
            window.addAction(action)
            self.actions[command.name] = action

    def install(self, menu: QMenu) -> None:
        """Put the actions at the top of ``menu`` and follow its opening and closing."""
        first = menu.actions()[0] if menu.actions() else None
        for name in ("undo", "redo", None, "cut", "copy", "paste", None, "selectAll", None):
            if name is None:
                action = QAction(menu)
                action.setSeparator(True)
            else:
                action = self.actions[name]
            if first is None:
                menu.addAction(action)
            else:
                menu.insertAction(first, action)
        menu.aboutToShow.connect(self._update)
        menu.aboutToHide.connect(self._enable_all)

    def _on_focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and not isinstance(new, (QMenuBar, QMenu)):
            self._field = new if new.window() is self.window else None

    def target(self) -> QWidget | None:
        """The field the actions act on: the window's focused one (None if the focus is in
        another window)."""
        focused = QApplication.focusWidget()
        if isinstance(focused, (QMenuBar, QMenu)):  # the keyboard is in the menus
            field = self._field
            focused = field if field is not None and shiboken6.isValid(field) else None
        if focused is None or focused.window() is not self.window:
            return None
        return focused

    def _update(self) -> None:
        target = self.target()
        for command in COMMANDS:
            self.actions[command.name].setEnabled(_available(target, command))

    def _enable_all(self) -> None:
        for action in self.actions.values():
            action.setEnabled(True)
