"""The crash dialog: a bug (anything that is not a UserError) shows its traceback, a Copy
button and where the log is, instead of vanishing."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from newsdesk.errors import UserError

log = logging.getLogger("newsdesk.crash")


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("newsdesk hit a bug")
        self.details = details
        intro = QLabel(
            "Something went wrong inside newsdesk. Your articles are saved in the library; "
            "unsaved text is kept in the editor.\n"
            f"Please report this with the details below. The log is at {log_path}."
        )
        intro.setWordWrap(True)
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setAccessibleName("Details of the bug")
        text.setFont(QFont("DejaVu Sans Mono", 9))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        copy = buttons.addButton("Copy", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(text)
        layout.addWidget(buttons)
        from newsdesk.ui.accessibility import complete_accessibility

        complete_accessibility(self)  # made outside the main window's watch
        self.resize(720, 420)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)


def install_excepthook(log_path: Path, parent: QWidget | None = None) -> None:
    """Route uncaught exceptions raised in slots to the log and the crash dialog."""
    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if isinstance(exc, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        details += getattr(exc, "__traceback_text__", "")
        if isinstance(exc, UserError):  # an expected error that nobody caught: still no crash
            log.warning("uncaught user error: %s", exc)
        else:
            log.error("uncaught exception:\n%s", details)
        if showing:  # one dialog at a time; the rest are in the log
            return
        showing = True
        try:
            CrashDialog(details, log_path, parent).exec()
        finally:
            showing = False

    sys.excepthook = hook
