"""The app around the main window: File → Open/New Library reopens the window on another
library, with the person's preferences carried over."""

from __future__ import annotations

import sys

from newsdesk.core.articles import list_articles
from newsdesk.core.preferences import Preferences
from newsdesk.services.opening import open_context
from newsdesk.ui.app import DESKTOP_ID, Windows, _theme_choice
from tests.ui.events import handle_posted_events


def _close(windows) -> None:
    """Close the window as a person does, then the services it opened."""
    window = windows.window
    window.close()
    if window.attached:
        window.ui_ctx.tasks.wait()
    windows.close_services()


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
        _close(windows)


def test_open_library_on_a_file_that_is_none_says_what_to_do_in_the_window(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    """Seen when tried as a person: File → Open Library… on a file that is not a library said
    "Open another library with --db", the command line's advice, in the window."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    windows = Windows(qapp, prompts, tmp_path / "log.txt", str(tmp_path / "profile"))
    services = open_context(str(tmp_path / "first.newsdesk"), str(tmp_path / "profile"), seed=True)
    windows.open(services, Preferences())
    first = windows.window
    qtbot.waitUntil(lambda: first.library.model.total > 0, timeout=10000)
    bad = tmp_path / "photos.newsdesk"
    bad.write_bytes(b"\x89PNG not a library" * 100)
    prompts.answers.append(str(bad))  # the open dialog's answer
    try:
        first.act_open_library.trigger()
        assert windows.window is first  # still on the library it had
        ((title, text),) = [(t, x) for kind, t, x in prompts.asked if kind == "error"]
        assert title == "Cannot open the library" and "photos.newsdesk" in text
        assert "--db" not in text and "File → Open Library" in text, text
    finally:
        _close(windows)


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


def test_the_whole_window_shows_before_the_library_is_open_then_comes_alive(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its crash hook
    db = tmp_path / "lib.newsdesk"
    open_context(str(db), str(tmp_path / "profile"), seed=True).close()
    windows = _start(qapp, prompts, tmp_path, db)
    window = windows.window
    try:
        # Shown before the library opened: every pane, menu and toolbar, all waiting.
        assert window.isVisible() and not window.attached
        assert window.statusBar().currentMessage() == "Opening library…"
        for pane in (window.metadata, window.editor, window.preview):
            assert pane.isVisible() and not pane.isEnabled()
        assert not window.library.isEnabled()  # a sidebar, collapsed on a small screen
        assert window.menuBar().actions() and window.main_toolbar.actions()
        assert not window.act_new.isEnabled() and not window.act_search.isEnabled()
        assert window.act_quit.isEnabled()  # leaving is always possible
        window.act_new.trigger()  # a shortcut pressed meanwhile does nothing
        assert window.record is None
        qtbot.waitUntil(lambda: window.attached, timeout=15000)
        qtbot.waitUntil(lambda: window.library.model.total > 0, timeout=10000)
        assert window.library.isEnabled() and window.act_new.isEnabled()
        assert window.statusBar().currentMessage() == ""
        assert windows.services.paths.db_path == db
        window.act_new.trigger()  # now it makes an article, ready to type into
        qtbot.waitUntil(lambda: window.record is not None, timeout=10000)
        assert window.editor.isEnabled() and window.metadata.isEnabled()
    finally:
        _close(windows)


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
    # The opening's result was posted (a queued signal) before close_services returned; once
    # it has been handled, for a closed window, no panes were built.
    handle_posted_events(qtbot)
    assert not window.attached and windows.services is None
    state = WindowState(resolve_paths(str(db), str(tmp_path / "profile")))
    assert state.open_article() == (first, 7)  # next start reopens the same article
    again = open_context(str(db), str(tmp_path / "profile"))
    with again.session() as s:
        assert any(a.id == first for a in list_articles(s))
    again.close()


def _reopening_library(tmp_path):
    """A library with a section, whose window state reopens its one article."""
    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.core.taxonomy import add_section
    from newsdesk.paths import resolve_paths
    from newsdesk.ui.window_state import WindowState

    db, profile = tmp_path / "lib.newsdesk", str(tmp_path / "profile")
    ctx = open_context(str(db), profile, seed=False)
    with ctx.session() as s:
        add_section(s, "Coast")
        rec = create_article(s, ArticleRecord(headline="Harbour wall", body="The tide rose."))
    ctx.close()
    WindowState(resolve_paths(str(db), profile)).set_open_article(rec.id, 0)
    return db


def test_at_start_up_the_reopened_article_comes_first_and_the_rest_follows(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    """Issue 3's start-up: the article open last time reaches the editor and the preview
    while the work a person does not wait for (the newsroom, the library watcher,
    screen-reader names, the filter choices with the spelling dictionary) is held back; once
    the article is in the preview (and painted), all of it comes."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its crash hook
    windows = _start(qapp, prompts, tmp_path, _reopening_library(tmp_path))
    window = windows.window
    when: dict[str, tuple[object, bool]] = {}

    def note(moment: str) -> None:
        when.setdefault(moment, (window.newsroom, window.settled))

    def opened(_rec) -> None:
        note("opened")
        # Heard after the window's own start-up connections: the held work comes after it.
        window.preview.page_ready.connect(lambda: note("in the preview"))

    window.article_opened.connect(opened)
    try:
        qtbot.waitUntil(lambda: window.record is not None, timeout=15000)
        qtbot.waitUntil(lambda: window.settled, timeout=15000)
        assert when == {"opened": (None, False), "in the preview": (None, False)}  # held back
        assert window.preview._shown is not None  # the article is in the preview
        assert window.newsroom is not None
        qtbot.waitUntil(lambda: window.newsroom.stage.text() != "", timeout=10000)
        qtbot.waitUntil(lambda: window.editor.dictionary() is not None, timeout=10000)
        qtbot.waitUntil(lambda: window.library.section_filter.findText("Coast") >= 0, timeout=10000)
        assert window.library.table.accessibleName()  # labelled for screen readers
    finally:
        _close(windows)


def test_closing_the_window_before_the_start_up_settled_runs_nothing_held_back(
    qapp, qtbot, prompts, tmp_path, monkeypatch
):
    """Quit while the reopened article is still on its way: the window closes at once, and
    the newsroom, the library watcher and the filter choices held for after the first screen
    never start against the closing library."""
    from newsdesk.ui import mainwindow

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # the app installs its crash hook
    monkeypatch.setattr(mainwindow, "SETTLE_MS", 200)
    windows = _start(qapp, prompts, tmp_path, _reopening_library(tmp_path))
    window = windows.window
    try:
        qtbot.waitUntil(lambda: window.attached, timeout=15000)
        assert not window.settled
        assert window.close()
        qtbot.waitUntil(lambda: window.settled, timeout=5000)  # the longest hold is over
        handle_posted_events(qtbot)
        assert window.newsroom is None
        assert not window.watcher._timer.isActive()  # not watching the closed library
        assert window.library.section_filter.findText("Coast") < 0  # no choices asked for
    finally:
        window.ui_ctx.tasks.wait()
        windows.close_services()


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


def test_the_real_app_paints_its_window_before_the_database_code_loads(tmp_path):
    """Start-up order of the real process (issue 3): the whole window paints before SQLAlchemy,
    the services or qtawesome's Python are imported; then the library opens and is listed.
    ``-X importtime`` lines and the paint hook's lines share one pipe, so their order holds."""
    import os
    import subprocess
    from pathlib import Path

    db = tmp_path / "lib.newsdesk"
    open_context(str(db), str(tmp_path / "profile"), seed=True).close()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "NEWSDESK_BASEDIR": str(tmp_path / "profile"),
        "NEWSDESK_EXIT_AFTER_PAINT": "1",
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    run = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "newsdesk", "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        timeout=120,
    )
    lines = [line.strip() for line in run.stdout.splitlines()]
    assert run.returncode == 0, run.stdout[-2000:]

    def moment(name: str) -> int:
        assert name in lines, f"{name!r} never printed:\n" + "\n".join(lines[-60:])
        return lines.index(name)

    painted = moment("painted")

    def imported(part: list[str]) -> set[str]:
        return {ln.rsplit("|", 1)[-1].strip() for ln in part if ln.startswith("import time:")}

    before = imported(lines[:painted])
    assert "newsdesk.ui.mainwindow" in before and "PySide6.QtWebEngineWidgets" in before
    assert not {"sqlalchemy", "sqlmodel", "newsdesk.core.articles", "qtawesome"} & before
    assert moment("loaded") > painted and moment("ready") > painted
    assert {"sqlalchemy", "newsdesk.core.context"} <= imported(lines[painted:])


def test_the_real_app_reopens_the_last_article_into_the_preview_and_can_trace_its_start(tmp_path):
    """A person who quit with an article open gets it back in the editor and the preview: the
    start-up moments (issue 3's benchmark) come in order, the article's before the app counts
    as usable; with NEWSDESK_STARTUP_TRACE each step is written to stderr with its wall and
    CPU seconds (how the start was profiled)."""
    import os
    import subprocess
    import time
    from pathlib import Path

    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.paths import resolve_paths
    from newsdesk.ui.window_state import WindowState

    db, profile = tmp_path / "lib.newsdesk", tmp_path / "profile"
    ctx = open_context(str(db), str(profile), seed=False)
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Harbour wall", body="The tide rose."))
    ctx.close()
    state = WindowState(resolve_paths(str(db), str(profile)))
    state.set_open_article(rec.id, 3)
    state.sync()
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "QTWEBENGINE_DISABLE_SANDBOX": "1",
        "NEWSDESK_BASEDIR": str(profile),
        "NEWSDESK_EXIT_AFTER_PAINT": "1",
        "NEWSDESK_STARTUP_TRACE": repr(time.time()),
        "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src"),
    }
    run = subprocess.run(
        [sys.executable, "-m", "newsdesk", "--db", str(db)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    lines = [line for line in run.stdout.split() if not line.replace(".", "").isdigit()]
    names = {"painted", "loaded", "listed", "article", "ready", "settled"}
    moments = [m for m in lines if m in names]
    assert moments[:2] == ["painted", "loaded"] and moments[-2:] == ["ready", "settled"]
    assert {"listed", "article"} <= set(moments)
    trace = [line.split(None, 4) for line in run.stderr.splitlines() if line.startswith("trace ")]
    steps = [step[4] for step in trace]
    assert steps[0] == "run_gui" and "first paint" in steps and "preview: article shown" in steps
    assert steps.index("first paint") < steps.index("library open")  # the window first
    assert steps.index("preview: article shown") < steps.index("start-up settled")
    assert all(float(step[1]) >= 0 and float(step[2]) > 0 for step in trace)  # wall, CPU
