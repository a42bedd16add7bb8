"""Starting the desktop app."""

from __future__ import annotations

import os
import sys


def run_gui(db: str | None = None, basedir: str | None = None) -> int:
    os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-background-networking")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

    from newsdesk.services.context import open_context

    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = open_context(db, basedir)
    window = QMainWindow()
    window.setWindowTitle(f"newsdesk — {ctx.paths.db_path}")
    window.setCentralWidget(QLabel("newsdesk"))
    window.resize(1200, 800)
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
