"""The first screen a person meets when no article is open: "Start writing" in the first-run
welcome starts an article, and an empty desk says what to do next (a new article, the library)
instead of showing a greyed-out empty editor. Seen at 1366x768: after the welcome the window
showed no article and no library (the Edit layout hides it), and nothing said where to go."""

from __future__ import annotations

import sys

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from newsdesk.core.articles import list_articles
from newsdesk.core.preferences import Preferences
from newsdesk.services.opening import open_context
from newsdesk.ui.app import Windows
from newsdesk.ui.welcome import WelcomeDialog
from tests.ui.test_app import _close


def _count(windows) -> int:
    with windows.services.session() as s:
        return len(list_articles(s))


def test_start_writing_in_the_welcome_opens_a_new_article_ready_for_its_headline(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its crash hook
    monkeypatch.delenv("NEWSDESK_DESK", raising=False)
    windows = Windows(qapp, prompts, tmp_path / "log.txt", str(tmp_path / "profile"))
    services = open_context(str(tmp_path / "lib.newsdesk"), str(tmp_path / "profile"), seed=True)
    with services.session() as s:
        samples = len(list_articles(s))

    def press_start() -> None:
        welcome = next(w for w in QApplication.topLevelWidgets() if isinstance(w, WelcomeDialog))
        qtbot.mouseClick(welcome.start, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_start)  # the welcome is modal: answer it once it is up
    windows.open(services, Preferences(), first_start=True)
    window = windows.window
    try:
        qtbot.waitUntil(lambda: window.record is not None, timeout=10000)
        assert window.desk.currentWidget() is window.editor and window.editor.isEnabled()
        window.activateWindow()  # a window manager's part, once the welcome has gone
        qtbot.waitUntil(window.isActiveWindow)
        qtbot.waitUntil(lambda: window.metadata.headline.hasFocus(), timeout=5000)
        qtbot.keyClicks(window.metadata.headline, "Ferry strike called off")
        assert _count(windows) == samples + 1
        qtbot.waitUntil(lambda: window.autosave.state == "Saved", timeout=10000)
        with windows.services.session() as s:
            assert any(a.headline == "Ferry strike called off" for a in list_articles(s))
    finally:
        _close(windows)


def test_with_no_article_open_the_desk_offers_a_new_article_and_the_library(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    from newsdesk.paths import resolve_paths

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    db, profile = tmp_path / "lib.newsdesk", str(tmp_path / "profile")
    open_context(str(db), profile, seed=True).close()
    windows = Windows(qapp, prompts, tmp_path / "log.txt", profile)
    windows.start(str(db), resolve_paths(str(db), profile), Preferences())
    window = windows.window
    try:
        qtbot.waitUntil(lambda: window.attached, timeout=15000)
        qtbot.waitUntil(lambda: window.library.model.total > 0, timeout=10000)
        desk = window.empty_desk
        assert window.record is None
        assert desk.isVisible() and not window.editor.isVisible()
        assert desk.new_button.isVisible() and desk.library_button.isVisible()

        # The library, hidden as on a laptop's Edit layout, comes with its list in hand.
        if window.act_toggle_library.isChecked():
            window.act_toggle_library.trigger()
        assert not window.library.isVisible()
        qtbot.mouseClick(desk.library_button, Qt.MouseButton.LeftButton)
        assert window.library.isVisible()
        qtbot.waitUntil(lambda: window.library.width() > 150, timeout=5000)  # sized next turn
        qtbot.waitUntil(lambda: window.library.table.hasFocus(), timeout=5000)
        qtbot.waitUntil(lambda: window.record is not None, timeout=10000)  # the first one
        assert window.record.id == window.library.model.rows[0].id
        qtbot.keyClick(window.library.table, Qt.Key.Key_Down)  # the list has the keys
        qtbot.waitUntil(lambda: window.record.id == window.library.model.rows[1].id)
        assert window.editor.isVisible() and not desk.isVisible()
        opened = window.record.id

        # It goes to the Trash: the desk says what to do again.
        window.library.table.clearSelection()
        window.act_delete.trigger()
        qtbot.waitUntil(lambda: window.record is None, timeout=10000)
        assert desk.isVisible() and not window.editor.isVisible()
        qtbot.waitUntil(lambda: window.library.model.row_of(opened) is None, timeout=10000)
        with windows.services.session() as s:
            assert all(a.id != opened for a in list_articles(s))

        before = _count(windows)
        qtbot.mouseClick(desk.new_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.record is not None, timeout=10000)
        assert window.editor.isVisible() and _count(windows) == before + 1
    finally:
        _close(windows)
