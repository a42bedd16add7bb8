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


def _start(qapp, prompts, tmp_path, db):
    from newsdesk.paths import resolve_paths

    profile = str(tmp_path / "profile")
    windows = Windows(qapp, prompts, tmp_path / "log.txt", profile)
    windows.start(str(db), resolve_paths(str(db), profile), Preferences())
    return windows


def test_the_window_shows_before_the_library_is_open_then_gets_its_panes(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its crash hook
    db = tmp_path / "lib.newsdesk"
    open_context(str(db), str(tmp_path / "profile"), seed=True).close()
    windows = _start(qapp, prompts, tmp_path, db)
    window = windows.window
    try:
        assert window.isVisible() and not window.attached  # shown before the library opened
        assert window.centralWidget().text() == "Opening library…"
        qtbot.waitUntil(lambda: window.attached, timeout=15000)
        qtbot.waitUntil(lambda: window.library.model.total > 0, timeout=10000)
        assert window.menuBar().actions() and window.act_new.isEnabled()
        assert windows.services.paths.db_path == db
    finally:
        window.close()
        if window.attached:
            window.ui_ctx.tasks.wait()
        windows.close_services()


def test_closing_the_window_while_the_library_opens_keeps_the_remembered_article(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    from newsdesk.paths import resolve_paths
    from newsdesk.ui.window_state import WindowState

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    db = tmp_path / "lib.newsdesk"
    ctx = open_context(str(db), str(tmp_path / "profile"), seed=True)
    with ctx.session() as s:
        first = list_articles(s)[0].id
    ctx.close()
    WindowState(resolve_paths(str(db), str(tmp_path / "profile"))).set_open_article(first, 7)
    windows = _start(qapp, prompts, tmp_path, db)
    window = windows.window
    assert window.close()  # before the panes are in: nothing open, nothing to save
    windows.close_services()  # waits for the opening, then closes what it opened
    qtbot.wait(50)  # the opening's result arrives for a closed window: no panes are built
    assert not window.attached and windows.services is None
    state = WindowState(resolve_paths(str(db), str(tmp_path / "profile")))
    assert state.open_article() == (first, 7)  # next start reopens the same article
    again = open_context(str(db), str(tmp_path / "profile"))
    with again.session() as s:
        assert any(a.id == first for a in list_articles(s))
    again.close()


def test_a_library_that_cannot_be_opened_is_reported_and_ends_the_app(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    db = tmp_path / "broken.newsdesk"
    db.write_bytes(b"this is not a library" * 100)
    windows = _start(qapp, prompts, tmp_path, db)
    window = windows.window
    qtbot.waitUntil(lambda: windows.failed == 1, timeout=15000)
    assert prompts.errors and not window.isVisible() and not window.attached
    assert db.read_bytes() == b"this is not a library" * 100  # left untouched
    windows.close_services()
