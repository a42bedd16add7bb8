"""The Newsroom panel as a person uses it, on a library file that another desk (a second
services context, as another app on the same machine would be) shares: presence, notes and
stage changes from the other desk appear, a stage is moved from the menu, a correction added,
and the story taken over."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QDate, QDateTime, QTime

from newsdesk.core.articles import ArticleRecord, create_article, get_article
from newsdesk.services import newsroom, notes, presence
from newsdesk.services.opening import open_context


@pytest.fixture
def desks(tmp_path, monkeypatch):
    opened = []

    def open_as(name):
        monkeypatch.setenv("NEWSDESK_DESK", name)
        ctx = open_context(str(tmp_path / "library.newsdesk"), seed=False)
        opened.append(ctx)
        return ctx

    yield open_as
    for ctx in opened:
        ctx.close()


def _open(qtbot, window, article_id):
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(article_id)
    panel = window.newsroom.panel
    qtbot.waitUntil(lambda: panel.view is not None, timeout=20000)
    return panel


def test_the_other_desk_is_seen_and_its_note_and_stage_arrive(desks, qtbot, make_window):
    mine = desks("Dafydd Jones")
    with mine.session() as s:
        article = create_article(
            s, ArticleRecord(headline="Harbour talks", section="World", body="Talks went on.")
        ).id
    window = make_window(mine)
    panel = _open(qtbot, window, article)
    assert panel.stage_chip.text() == "Draft" and panel.presence_banner.isHidden()

    aled = desks("Aled Morgan")
    since = datetime.now(UTC)
    with aled.session() as s:
        presence.open_article(s, article, presence.new_client_id(), aled.desk, since)
    qtbot.waitUntil(lambda: not panel.presence_banner.isHidden(), timeout=5000)
    expected = f"Aled Morgan is editing (since {since.astimezone():%H:%M})"
    assert panel.presence_banner.text().startswith(expected)
    # The status bar says it too, with the stage, while the Newsroom panel is closed.
    assert window.newsroom.presence.isVisible() and window.newsroom.presence.text() == expected
    assert window.newsroom.stage.isVisible() and window.newsroom.stage.text() == "Draft"
    assert not panel.take_over_button.isHidden()

    with aled.session() as s:
        notes.add_note(s, article, "Is the minister's quote on record?")
        newsroom.move_stage(s, article, "ready for edit")
    qtbot.waitUntil(
        lambda: (
            panel.stage_chip.text() == "Ready for edit" and panel.notes.topLevelItemCount() == 1
        ),
        timeout=5000,  # the watcher looks twice a second; 2 s is the PostgreSQL test's bound
    )
    note = panel.notes.topLevelItem(0)
    assert note.text(0) == "Is the minister's quote on record?"
    assert note.text(1).startswith("Aled Morgan, ")


def test_move_stage_add_correction_and_take_over(desks, qtbot, make_window, prompts):
    mine = desks("Dafydd Jones")
    with mine.session() as s:
        article = create_article(
            s, ArticleRecord(headline="Harbour talks", section="World", status="published")
        ).id
        newsroom.set_roles(s, "Dafydd Jones", ["editor"])
    window = make_window(mine)
    panel = _open(qtbot, window, article)
    assert panel.stage_chip.text() == "Published"
    [edit_again] = [a for a in panel.move_menu.actions() if a.text() == "Edited"]
    edit_again.trigger()
    qtbot.waitUntil(lambda: panel.stage_chip.text() == "Edited", timeout=5000)
    assert window.newsroom.stage.text() == "Edited"
    panel.embargo_edit.setDateTime(QDateTime(QDate(2031, 5, 1), QTime(6, 0)))
    panel.embargo_set.click()
    qtbot.waitUntil(lambda: "Embargoed until" in window.newsroom.stage.text(), timeout=5000)
    assert panel.embargo_label.text().startswith("<b>Embargoed until 01 May 2031, 06:00</b>")
    panel.embargo_lift.click()
    qtbot.waitUntil(lambda: window.newsroom.stage.text() == "Edited", timeout=5000)
    history = window.history.list

    def newest_revision() -> tuple[str, str]:
        top = history.topLevelItem(0)
        return (top.text(0), top.text(3)) if top is not None else ("", "")

    qtbot.waitUntil(lambda: newest_revision()[1].startswith("stage: Published → Edited"))
    assert newest_revision()[0].startswith("Dafydd Jones, ")

    prompts.answers.append("The minister spoke on Tuesday, not Monday.")
    panel.add_correction_button.click()
    qtbot.waitUntil(lambda: panel.corrections.topLevelItemCount() == 1, timeout=5000)
    item = panel.corrections.topLevelItem(0)
    assert item.text(0) == "Correction" and "Dafydd Jones" in item.text(1)
    with mine.session() as s:
        stored = get_article(s, article)
        path = [(e.desk, e.message) for e in newsroom.list_events(s, article)]
    assert stored.corrections[0].text == "The minister spoke on Tuesday, not Monday."
    assert ("Dafydd Jones", "Published → Edited") in path

    aled = desks("Aled Morgan")
    theirs = presence.new_client_id()
    with aled.session() as s:
        presence.open_article(s, article, theirs, aled.desk)
    qtbot.waitUntil(lambda: not panel.take_over_button.isHidden(), timeout=5000)
    panel.take_over_button.click()
    qtbot.waitUntil(lambda: panel.presence_banner.isHidden(), timeout=5000)
    with aled.session() as s:
        beat = presence.heartbeat(s, article, theirs, aled.desk)
    assert beat.taken_over_by == "Dafydd Jones"


def test_an_article_another_desk_trashes_leaves_the_window_and_the_panel(
    desks, qtbot, make_window, prompts
):
    """Seen when trying the Trash: another desk sent the story open here to the Trash and this
    window never noticed; the story stayed open and listed (the watcher took a vanished
    article for one of its own saves), and typing into it could not be saved. Now the window
    lets go of it and says so, the list drops it, and the Newsroom panel clears without a
    "No article … in the library" box."""
    from newsdesk.services.trash import move_to_trash

    mine = desks("Dafydd Jones")
    with mine.session() as s:
        article = create_article(s, ArticleRecord(headline="Harbour talks", body="On.")).id
    window = make_window(mine)
    panel = _open(qtbot, window, article)
    aled = desks("Aled Morgan")
    with aled.session() as s:
        move_to_trash(s, [article])
    qtbot.waitUntil(lambda: window.record is None, timeout=10000)
    assert "deleted elsewhere" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.library.model.row_of(article) is None, timeout=10000)
    qtbot.waitUntil(lambda: panel.article_id is None, timeout=10000)
    assert [kind for kind, *_ in prompts.asked if kind == "error"] == []


def test_words_typed_into_a_story_trashed_elsewhere_stay_on_screen(
    desks, qtbot, make_window, prompts
):
    """The story is sent to the Trash by another desk while words typed here are not saved
    yet: the window keeps them on screen and says how to keep them (restore the story),
    rather than closing the article with them."""
    from newsdesk.services.trash import move_to_trash

    mine = desks("Dafydd Jones")
    with mine.session() as s:
        article = create_article(s, ArticleRecord(headline="Harbour talks", body="On.")).id
    window = make_window(mine)
    _open(qtbot, window, article)
    editor = window.editor.text_edit
    editor.setFocus()
    editor.moveCursor(editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(editor, " Words that must survive")
    aled = desks("Aled Morgan")
    with aled.session() as s:
        move_to_trash(s, [article])
    qtbot.waitUntil(lambda: "still here" in window.statusBar().currentMessage(), timeout=10000)
    assert window.record is not None and window.record.id == article
    assert editor.toPlainText().endswith("Words that must survive")
    qtbot.keyClicks(editor, ", and more")  # its save is refused: in the window's words
    qtbot.waitUntil(lambda: window.autosave.state.startswith("Not saved"), timeout=10000)
    assert "deleted elsewhere" in window.autosave.state and "UUID" not in window.autosave.state
    assert [kind for kind, *_ in prompts.asked if kind == "error"] == []
    from newsdesk.core.articles import get_article
    from newsdesk.services.trash import restore

    with aled.session() as s:  # the story comes back from the Trash: the words are saved in it
        restore(s, [article])
    qtbot.waitUntil(lambda: window.autosave.state == "Saved", timeout=15000)
    with mine.session() as s:
        assert get_article(s, article).body.endswith("Words that must survive, and more")
