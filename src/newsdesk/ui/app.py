"""Starting the desktop app: logging, the Qt application, the library, the main window."""

from __future__ import annotations

import logging
import os
import sys
from logging.handlers import RotatingFileHandler
from pathlib import Path

from newsdesk.errors import UserError

log = logging.getLogger("newsdesk")

LOG_NAME = "newsdesk.log"


def setup_logging(log_dir: Path) -> Path:
    """Log to a rotating file in the standard log folder (and warnings to stderr)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_NAME
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def _prepare_environment() -> None:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-background-networking")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")


def run_gui(db: str | None = None, basedir: str | None = None) -> int:
    """Open the library in the main window; returns the exit status."""
    _prepare_environment()
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from newsdesk.paths import resolve_paths
    from newsdesk.services.context import open_context
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.crash import install_excepthook
    from newsdesk.ui.prompts import Prompts
    from newsdesk.ui.theme import apply_style

    log_path = setup_logging(resolve_paths(db, basedir).log_dir)
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("newsdesk")
    app.setApplicationDisplayName("newsdesk")
    app.setDesktopFileName("newsdesk")
    apply_style(app, os.environ.get("NEWSDESK_COLOR_SCHEME"))
    prompts = Prompts()
    try:
        services = open_context(db, basedir)
    except UserError as exc:
        log.error("cannot open the library: %s", exc)
        prompts.error("Cannot open the library", str(exc))
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        return 1
    log.info("opened %s", services.paths.db_path)
    try:
        return _run_window(app, UiContext(services, prompts), log_path, install_excepthook)
    finally:
        services.close()


def _run_window(app, ui_ctx, log_path, install_excepthook) -> int:  # type: ignore[no-untyped-def]
    import qtawesome as qta

    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.test_hooks import install_test_hooks
    from newsdesk.ui.window_state import WindowState

    app.setWindowIcon(qta.icon("fa5s.newspaper", color="#1f6feb"))
    window = MainWindow(ui_ctx, WindowState(ui_ctx.services.paths))
    ui_ctx.prompts.parent = window
    install_excepthook(log_path, window)
    window.start()
    window.show()
    install_test_hooks(window)
    return int(app.exec())
