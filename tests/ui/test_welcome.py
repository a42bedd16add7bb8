"""The first-run welcome: says where the library is, opens its folder, and hands back a new
library path chosen through the prompt seam."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtWidgets import QApplication

from newsdesk.core.preferences import Preferences, preferences_path
from newsdesk.ui.context import UiContext
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.welcome import WelcomeDialog, run_first_start


@pytest.fixture
def ui_ctx(sample_ctx) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    context = UiContext(sample_ctx, ScriptedPrompts())
    yield context
    context.tasks.wait()


def _welcome(qtbot, ui_ctx: UiContext) -> WelcomeDialog:  # type: ignore[no-untyped-def]
    dialog = WelcomeDialog(ui_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_welcome_shows_where_the_library_lives(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _welcome(qtbot, ui_ctx)
    assert dialog.path_label.text() == str(ui_ctx.services.paths.db_path)
    opened: list[QUrl] = []
    dialog.open_url = opened.append  # the real one would start the system's file manager
    qtbot.mouseClick(dialog.open_folder, Qt.MouseButton.LeftButton)
    assert [u.toLocalFile() for u in opened] == [str(ui_ctx.services.paths.db_path.parent)]


def test_start_writing_closes_with_no_new_library(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _welcome(qtbot, ui_ctx)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    assert dialog.new_library is None


def test_create_a_new_library_returns_the_chosen_path(  # type: ignore[no-untyped-def]
    qtbot, ui_ctx: UiContext, tmp_path: Path
) -> None:
    ui_ctx.prompts = ScriptedPrompts([str(tmp_path / "desk")])
    dialog = _welcome(qtbot, ui_ctx)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.create_library, Qt.MouseButton.LeftButton)
    assert dialog.new_library == tmp_path / "desk.newsdesk"
    assert ui_ctx.prompts.asked[0][0] == "save_path"  # type: ignore[attr-defined]


def test_cancelling_the_file_prompt_keeps_the_welcome_open(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _welcome(qtbot, ui_ctx)  # ScriptedPrompts with no answers: cancelled
    qtbot.mouseClick(dialog.create_library, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.new_library is None


def test_first_start_shows_the_welcome_once(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    def press_start() -> None:
        welcome = next(w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog))
        qtbot.mouseClick(welcome.start, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_start)  # the welcome is modal: answer it once it is up
    prefs, new_library = run_first_start(ui_ctx, Preferences())
    assert prefs.welcome_shown and new_library is None
    ui_ctx.tasks.wait()
    path = preferences_path(ui_ctx.services.paths.config_dir)
    assert json.loads(path.read_text()) == {"version": 1, "welcome_shown": True}
    again, _ = run_first_start(ui_ctx, prefs)  # no dialog this time: it would block the test
    assert again is prefs
