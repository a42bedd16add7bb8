"""Starting the desktop app: logging, the Qt application, the library, the main window."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

from newsdesk.errors import UserError
from newsdesk.logredact import RedactingFilter
from newsdesk.ui.trace import mark

log = logging.getLogger("newsdesk")

LOG_NAME = "newsdesk.log"
DESKTOP_ID = "io.github.newsdesk.Newsdesk"  # packaging/io.github.newsdesk.Newsdesk.desktop


def setup_logging(log_dir: Path) -> Path:
    """Log to a rotating file in the standard log folder (and warnings to stderr)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.addFilter(RedactingFilter())  # no password from a URL in the log
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _prepare_environment() -> None:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-background-networking")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def _theme_choice(preferred: str) -> str:
    """The theme from the preferences, unless NEWSDESK_COLOR_SCHEME names one (screenshots)."""
    from newsdesk.ui.theme import THEMES

    forced = (os.environ.get("NEWSDESK_COLOR_SCHEME") or "").lower()
    return forced if forced in THEMES else preferred


def run_gui(db: str | None = None, basedir: str | None = None) -> int:
    """Open the library in the main window; returns the exit status.

    The whole window is built and painted first, from Qt alone, disabled and saying "Opening
    library…"; then the library opens on a worker and the window comes alive (issue 3's
    start-up time)."""
    mark("run_gui")
    _prepare_environment()
    from newsdesk.ui.pyside_imports import speed_up_imports

    speed_up_imports()  # before the ~500 modules imported after Qt
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    mark("Qt imported")

    from newsdesk.core.preferences import load_preferences, preferences_path
    from newsdesk.paths import resolve_paths
    from newsdesk.ui.preview.registration import register_schemes
    from newsdesk.ui.prompts import Prompts
    from newsdesk.ui.theme import apply_theme

    paths = resolve_paths(db, basedir)
    log_path = setup_logging(paths.log_dir)
    register_schemes()  # newsdesk:// must be known before the QApplication exists
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    mark("QApplication made")
    app.setApplicationName("newsdesk")
    app.setApplicationDisplayName("newsdesk")
    app.setDesktopFileName(DESKTOP_ID)
    loaded = load_preferences(preferences_path(paths.config_dir))
    for warning in loaded.warnings:
        log.warning("%s", warning)
    from newsdesk.ui.i18n import install_translators

    install_translators(app, loaded.preferences.ui_language)  # before any window is built
    apply_theme(app, _theme_choice(loaded.preferences.theme))
    mark("theme applied")
    windows = Windows(app, Prompts(), log_path, basedir)
    from newsdesk.ui.signals import close_on_signals

    closer = close_on_signals(app, windows.quit)  # a logout or `kill` closes as Quit does
    try:
        windows.start(db, paths, loaded.preferences)
        status = int(app.exec())
        return windows.failed if windows.failed is not None else status
    finally:
        closer.uninstall()
        windows.close_services()


class Windows:
    """The main window of the library in use; File → New/Open Library reopens it on another."""

    def __init__(self, app: Any, prompts: Any, log_path: Path, basedir: str | None) -> None:
        self.app, self.prompts, self.log_path, self.basedir = app, prompts, log_path, basedir
        self.window: Any = None
        self.services: Any = None
        self.failed: int | None = None  # exit status when the library could not be opened
        self._opener: Any = None  # the worker opening the first library
        self._opened: Any = None  # what it opened, until a window takes it
        self._closing = False

    def start(self, db: str | None, paths: Any, preferences: Any) -> None:
        """Show the window at once and open the library ``db`` on a worker; the window comes
        alive when it is open (or the error is shown and the app ends)."""
        from PySide6.QtCore import QThreadPool, QTimer

        from newsdesk.ui.context import UiContext
        from newsdesk.ui.tasks import TaskRunner
        from newsdesk.ui.window_state import WindowState

        state = WindowState(paths)
        window = self._show_shell(UiContext(None, self.prompts), state, preferences)
        self._pool = QThreadPool()  # its own, so close_services waits for the opening only
        self._pool.setMaxThreadCount(1)
        self._opener = TaskRunner(self._pool)

        def open_library() -> Any:
            mark("library opening")
            from newsdesk.services.opening import open_context

            mark("services imported")
            self._opened = open_context(db, self.basedir)
            mark("library open")
            return self._opened

        def opened(services: Any) -> None:
            if self._opened is None:  # close_services got there first and closed it
                return
            self._opened = None
            log.info("opened %s", services.paths.db_path)
            if not window.isVisible():  # closed while the library was opening
                services.close()
                return
            # The welcome speaks of the sample library: only the default library gets it.
            first = services.paths.is_default_library
            self._attach(window, services, preferences, first_start=first)
            mark("window attached")

        def start_opening() -> None:
            if self._closing or not window.isVisible():  # closed before it began
                return
            self._opener.run(open_library, opened, lambda exc: self._open_failed(window, exc))

        # After the first paint: the worker's imports would otherwise hold the GIL meanwhile.
        QTimer.singleShot(0, start_opening)

    def _open_failed(self, window: Any, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc  # a bug: the crash dialog shows it
        log.error("cannot open the library: %s", exc)
        self.prompts.error("Cannot open the library", str(exc))
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        self.failed = 1
        window.close()  # the last window: the app ends, run_gui returns 1

    def _show_shell(self, ui_ctx: Any, state: Any, preferences: Any) -> Any:
        from newsdesk.ui.crash import install_excepthook
        from newsdesk.ui.mainwindow import MainWindow
        from newsdesk.ui.test_hooks import install_paint_hook

        mark("building the window")
        window = MainWindow.shell(ui_ctx, state, preferences)
        mark("window built")
        self.window = window
        self.prompts.parent = window
        install_excepthook(self.log_path, window)
        install_paint_hook(window)
        window.show()
        mark("window shown")
        return window

    def open(self, services: Any, preferences: Any, *, first_start: bool = False) -> None:
        from newsdesk.ui.context import UiContext
        from newsdesk.ui.window_state import WindowState

        state = WindowState(services.paths)
        window = self._show_shell(UiContext(services, self.prompts), state, preferences)
        self._attach(window, services, preferences, first_start=first_start)

    def _attach(self, window: Any, services: Any, preferences: Any, *, first_start: bool) -> None:
        from PySide6.QtCore import QTimer

        from newsdesk.ui.icons import icon
        from newsdesk.ui.test_hooks import install_test_hooks
        from newsdesk.ui.welcome import run_first_start

        self.services = services
        self.app.setWindowIcon(icon("fa5s.newspaper", color="#1f6feb"))
        ui_ctx = window.ui_ctx
        if not ui_ctx.is_open:
            ui_ctx.open_with(services)
        window.hold_until_settled()  # the first screen first
        window.attach()
        library = services.library
        if library.damage is not None and library.path is not None:  # open read-only
            from newsdesk.services.opening import damaged_message

            text = damaged_message(library.path, library.damage)
            QTimer.singleShot(0, lambda: self.prompts.error("The library is damaged", text))
        window.library_requested.connect(self.switch)
        window.start()
        install_test_hooks(window)
        if first_start:
            window.preferences, new_library = run_first_start(
                ui_ctx, preferences, window,
                start_writing=lambda: QTimer.singleShot(0, window, window.new_article),
            )  # fmt: skip
            if new_library is not None:
                QTimer.singleShot(0, lambda: self.switch(str(new_library)))

    def switch(self, path: str) -> None:
        """Close the window (saving its article) and open one on the library at ``path``."""
        from newsdesk.services.opening import open_context

        old_window, old_services = self.window, self.services
        try:
            services = open_context(path, self.basedir, seed=False)
        except UserError as exc:
            self.prompts.error("Cannot open the library", in_window_words(str(exc)))
            return
        self.app.setQuitOnLastWindowClosed(False)  # the old window closes before the new opens
        try:
            if not old_window.close():  # unsaved text, and the person chose to stay
                services.close()
                return
            old_window.ui_ctx.tasks.wait()
            old_window.deleteLater()
            log.info("switched to %s", services.paths.db_path)
            self.open(services, old_window.preferences)
        finally:
            self.app.setQuitOnLastWindowClosed(True)
        old_services.close()

    def quit(self) -> None:
        """Close the window as File → Quit does (its article saved first)."""
        if self.window is not None:
            self.window.close()
        else:
            self.app.quit()

    def close_services(self) -> None:
        self._closing = True
        if self._opener is not None:
            # Closed while the library was opening (maybe migrating): let that finish, then
            # close what it opened; a window never took it, so nothing of it is unsaved.
            self._opener.wait(-1)
            if self._opened is not None:
                self._opened.close()
                self._opened = None
        if self.services is not None:
            self.services.close()


# The library's refusals are written for the command line ("--db"); chosen from the File menu,
# the same advice is the menu's.
_COMMAND_LINE_ADVICE = (
    ("Open another library with --db", "Open another library (File → Open Library…)"),
    ("give the path of a .newsdesk file with --db", "choose a .newsdesk file"),
)


def in_window_words(message: str) -> str:
    """A library's refusal with the command line's advice put as the window gives it."""
    for said, meant in _COMMAND_LINE_ADVICE:
        message = message.replace(said, meant)
    return message
