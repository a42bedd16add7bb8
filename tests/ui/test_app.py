"""The app around the main window: File → Open/New Library reopens the window on another
library, with the person's preferences carried over."""

from __future__ import annotations

import sys

from newsdesk.services.articles import list_articles
from newsdesk.services.context import open_context
from newsdesk.services.preferences import Preferences
from newsdesk.ui.app import DESKTOP_ID, Windows, _theme_choice


def test_new_library_from_the_file_menu_reopens_the_window_on_it(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its crash hook
    windows = Windows(qapp, prompts, tmp_path / "log.txt", str(tmp_path / "profile"))
    services = open_context(str(tmp_path / "first.newsdesk"), str(tmp_path / "profile"), seed=True)
    prefs = Preferences(smart_typography=False)
    windows.open(services, prefs)
    first = windows.window
    qtbot.waitUntil(lambda: first.library.model.total > 0, timeout=10000)
    prompts.answers.append(str(tmp_path / "second"))  # the save dialog's answer, no suffix
    first.act_new_library.trigger()
    try:
        assert windows.window is not first
        assert windows.services.paths.db_path == tmp_path / "second.newsdesk"
        assert (tmp_path / "second.newsdesk").is_file()
        with windows.services.session() as s:
            assert list_articles(s) == []  # a new library starts empty
        assert windows.window.preferences.smart_typography is False
        assert not windows.window.editor.smart_typography()
    finally:
        windows.window.close()
        windows.window.ui_ctx.tasks.wait()
        windows.close_services()


def test_theme_comes_from_the_preferences_unless_the_environment_names_one(monkeypatch):
    monkeypatch.delenv("NEWSDESK_COLOR_SCHEME", raising=False)
    assert _theme_choice("dark") == "dark"
    monkeypatch.setenv("NEWSDESK_COLOR_SCHEME", "light")
    assert _theme_choice("dark") == "light"
    monkeypatch.setenv("NEWSDESK_COLOR_SCHEME", "sepia")  # not a theme: ignored
    assert _theme_choice("system") == "system"


def test_desktop_file_name_matches_the_packaging():
    from pathlib import Path

    packaging = Path(__file__).resolve().parents[2] / "packaging"
    assert (packaging / f"{DESKTOP_ID}.desktop").is_file()
