"""Fixtures for the GUI tests: a main window over a real library, scripted prompts.

The ``newsdesk://`` scheme must be registered before pytest-qt creates the QApplication, so it
happens when this conftest is imported (collection time)."""

from __future__ import annotations

import pytest

from newsdesk.ui.preview.scheme import register_schemes

register_schemes()


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
        for _ in range(3):  # delivered work may start more (a render after a load)
            window.ui_ctx.tasks.wait()
            window.autosave.wait()
            QApplication.processEvents()  # deliver finished work while the widgets exist


@pytest.fixture(autouse=True)
def _preview_diagnostics(caplog):
    """The preview's load steps, shown with a failing test's output (a stuck preview is
    otherwise a bare timeout)."""
    import logging

    caplog.set_level(logging.DEBUG, logger="newsdesk.ui.preview")
