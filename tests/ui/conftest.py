"""Fixtures for the GUI tests: a main window over a real library, scripted prompts.

The ``newsdesk://`` scheme must be registered before pytest-qt creates the QApplication, so it
happens when this conftest is imported (collection time)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from newsdesk.ui.preview.scheme import register_schemes

register_schemes()


@contextmanager
def _unwritable(db_path: Path) -> Iterator[None]:
    """Make a (closed) library unwritable: chmod for a normal user; as root, which ignores
    permissions, the immutable attribute on the file and its folder (so no -wal file can be made)."""
    targets = [db_path.parent, db_path]
    if os.geteuid() != 0:
        for target in targets:
            target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield
        finally:
            for target in targets:
                target.chmod(0o755 if target.is_dir() else 0o644)
        return
    for target in targets:
        subprocess.run(["chattr", "+i", str(target)], check=True)
    try:
        yield
    finally:
        for target in targets:
            subprocess.run(["chattr", "-i", str(target)], check=True)


@pytest.fixture
def unwritable() -> Callable[[Path], AbstractContextManager[None]]:
    return _unwritable


@pytest.fixture
def prompts():
    from newsdesk.ui.prompts import ScriptedPrompts

    return ScriptedPrompts()


@pytest.fixture
def make_window(qtbot, prompts):
    """Build a started, shown main window over a services context (closed at teardown)."""
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.window_state import WindowState

    windows = []

    def make(services):
        ui_ctx = UiContext(services, prompts)
        window = MainWindow(ui_ctx, WindowState(services.paths))
        qtbot.addWidget(window)
        window.start()
        window.show()
        qtbot.waitUntil(
            lambda: window.library.model.total > 0 or window.library.count_label.text() != ""
        )
        windows.append(window)
        return window

    yield make
    from PySide6.QtWidgets import QApplication

    for window in windows:
        window.close()
        window.ui_ctx.tasks.wait()
        window.autosave.wait()
        QApplication.processEvents()  # deliver finished work while the widgets still exist
