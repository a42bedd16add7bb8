"""The desk's layouts, laptop first: Write (the editor alone, a centred measure), Edit (editor,
inspector and preview) and Review (the preview large); the window kept inside a screen that
exists; pane sizes worked out from the window's width so the text always gets the room."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolButton,
    QWidget,
)

from newsdesk.ui.icons import icon

if TYPE_CHECKING:
    from newsdesk.ui.mainwindow import MainWindow

WRITE, EDIT, REVIEW = "write", "edit", "review"
LAYOUTS = {  # name: (menu text, shortcut)
    WRITE: ("&Write", "Alt+1"),
    EDIT: ("&Edit", "Alt+2"),
    REVIEW: ("&Review", "Alt+3"),
}
PREFERRED = QSize(1600, 960)  # the first window on a screen with room for it
MIN_EDITOR, MIN_PREVIEW = 560, 360
INSPECTOR_WIDTH = 280
LIBRARY_WIDTH = 280
WIDE = 1500  # from this width, Edit shows the library sidebar beside the rest


def fit_to_screen(window: QMainWindow) -> None:
    """Keep the window, frame and all, inside the available area of a screen that exists: a
    size larger than the screen shrinks, a position off every screen moves onto one."""
    inner, outer = window.geometry(), window.frameGeometry()
    screen = QGuiApplication.screenAt(outer.center()) or window.screen()
    if screen is None:
        screen = QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame_w, frame_h = outer.width() - inner.width(), outer.height() - inner.height()
    size = inner.size().boundedTo(QSize(area.width() - frame_w, area.height() - frame_h))
    x = min(max(outer.x(), area.left()), area.right() - size.width() - frame_w + 1)
    y = min(max(outer.y(), area.top()), area.bottom() - size.height() - frame_h + 1)
    if size != inner.size():
        window.resize(size)
    if (x, y) != (outer.x(), outer.y()):
        window.move(x, y)


DOCK_SHARE = 0.4  # of the window's height: the most a bottom dock takes as it is shown


def keep_text_room(window: QMainWindow, dock: QDockWidget) -> Callable[[], None]:
    """Qt gave a bottom dock (History, Outbox) half the window or more as it was shown: on a
    laptop the editor above it shrank to a few lines. Each time it is shown, a dock taller
    than ``DOCK_SHARE`` of the window becomes a strip of about a third of it (a height under
    that, as the person left it, is kept). Returns the fitting, for content that comes later
    and makes the dock grow."""

    def fit() -> None:
        docked = dock.isVisible() and not dock.isFloating()
        if docked and dock.height() > window.height() * DOCK_SHARE:
            height = max(180, window.height() // 3)
            window.resizeDocks([dock], [height], Qt.Orientation.Vertical)

    def shown(visible: bool) -> None:
        if visible:
            QTimer.singleShot(0, window, fit)  # once the dock has its place

    dock.visibilityChanged.connect(shown)
    return fit


def first_size(window: QMainWindow) -> QSize:
    """A new window: the preferred size, or the screen's available area if that is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return PREFERRED
    return PREFERRED.boundedTo(screen.availableGeometry().size())


class InspectorStrip(QWidget):
    """The collapsed inspector: one line above the editor (headline, status) with a button
    that opens the inspector again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("inspectorStrip")
        self.label = QLabel(self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.button = QToolButton(self)
        self.button.setIcon(icon("fa5s.sliders-h"))
        self.button.setAutoRaise(True)
        self.button.setAccessibleName("Show the inspector")
        self.button.setToolTip("Show the inspector (headline, tags, section…)")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 4, 2)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.button)
        self._text = ""

    def set_text(self, text: str) -> None:
        self._text = text
        self._elide()

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        self._elide()

    def _elide(self) -> None:
        width = max(40, self.label.width())
        self.label.setText(
            self.label.fontMetrics().elidedText(self._text, Qt.TextElideMode.ElideRight, width)
        )


class LayoutController(QObject):
    """Applies and remembers the window's layout; one checkable action per layout."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.current = EDIT
        group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        for name, (text, keys) in LAYOUTS.items():
            action = QAction(text, window, checkable=True)
            action.setObjectName(f"layout_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setToolTip(f"{text.replace('&', '')} layout ({keys})")
            action.triggered.connect(lambda _=False, n=name: self.apply(n))
            group.addAction(action)
            window.addAction(action)
            self.actions[name] = action
        self.actions[EDIT].setChecked(True)

    def apply(self, name: str, *, sizes: bool = True) -> None:
        """Show ``name``'s panes; with ``sizes``, give them their widths for this window."""
        w = self.window
        self.current = name
        self.actions[name].setChecked(True)
        wide = w.width() >= WIDE
        shown = {
            WRITE: (False, False, False),
            EDIT: (wide, True, True),
            REVIEW: (False, False, True),
        }[name]
        for action, on in zip(
            (w.act_toggle_library, w.act_toggle_meta, w.act_toggle_preview), shown, strict=True
        ):
            action.setChecked(on)
        w.editor.set_measure(name == WRITE)
        w.inspector_strip.setVisible(name == REVIEW)
        if name == WRITE:
            w.history_dock.hide()
        if sizes:  # once the shown panes are laid out
            QTimer.singleShot(0, self, self.size_panes)

    def size_panes(self) -> None:
        """Widths for the shown panes: the library and inspector take their share, the rest
        goes to the editor and preview (Review gives the preview two thirds)."""
        w = self.window
        total = max(w.main_splitter.width(), w.width())
        # On a big screen the sidebars grow a little too (a sixth and an eighth of the width).
        library = max(LIBRARY_WIDTH, total // 6) if w.act_toggle_library.isChecked() else 0
        inspector = max(INSPECTOR_WIDTH, total // 8) if w.act_toggle_meta.isChecked() else 0
        rest = max(0, total - library - inspector - 3 * w.main_splitter.handleWidth())
        _set_sizes(w.main_splitter, [library, inspector, rest])
        if not w.act_toggle_preview.isChecked():
            _set_sizes(w.writing, [rest, 0])
            return
        share = 1 / 3 if self.current == REVIEW else 0.58
        editor = max(int(rest * share), MIN_EDITOR if self.current == EDIT else 0)
        editor = min(editor, max(0, rest - MIN_PREVIEW))
        _set_sizes(w.writing, [editor, rest - editor])


def _set_sizes(splitter: QSplitter, sizes: list[int]) -> None:
    splitter.setSizes(sizes)
