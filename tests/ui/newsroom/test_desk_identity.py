"""The desk identity in the app: typed in the welcome on first run or in Preferences → You,
then recorded on what this app saves."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.preferences import Preferences, preferences_path
from newsdesk.ui.context import UiContext
from newsdesk.ui.preferences.dialog import PreferencesDialog
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.welcome import WelcomeDialog, run_first_start


@pytest.fixture
def ui_ctx(ctx, monkeypatch) -> Iterator[UiContext]:
    monkeypatch.delenv("NEWSDESK_DESK", raising=False)
    context = UiContext(ctx, ScriptedPrompts())
    yield context
    context.tasks.wait()


def test_the_welcome_asks_for_the_name_and_saves_are_recorded_with_it(qtbot, ui_ctx) -> None:
    def answer() -> None:
        welcome = next(w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog))
        qtbot.keyClicks(welcome.desk_name, "Priya  Raman ")
        qtbot.mouseClick(welcome.start, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    prefs, _ = run_first_start(ui_ctx, Preferences())
    ui_ctx.tasks.wait()
    assert prefs.desk_name == "Priya Raman"
    stored = json.loads(preferences_path(ui_ctx.services.paths.config_dir).read_text())
    assert stored["desk_name"] == "Priya Raman"
    with ui_ctx.services.session() as s:
        rec = create_article(s, ArticleRecord(headline="Harbour"))
        info = revisions.record_revision(s, rec.id, "save")
    assert info.desk == "Priya Raman"


def test_preferences_you_tab_changes_the_desk(qtbot, ui_ctx) -> None:
    dialog = PreferencesDialog(ui_ctx, Preferences(desk_name="Priya Raman"))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.desk.name.text() == "Priya Raman"
    dialog.tabs.setCurrentWidget(dialog.desk)
    dialog.desk.name.clear()
    qtbot.keyClicks(dialog.desk.name, "Aled Morgan")
    qtbot.keyClicks(dialog.desk.email, "not an address")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert ui_ctx.prompts.asked[-1][2].endswith("is not an email address")
    dialog.desk.email.clear()
    qtbot.keyClicks(dialog.desk.email, "aled@example.org")
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert ui_ctx.services.desk == "Aled Morgan"
    stored = json.loads(preferences_path(ui_ctx.services.paths.config_dir).read_text())
    assert (stored["desk_name"], stored["desk_email"]) == ("Aled Morgan", "aled@example.org")
