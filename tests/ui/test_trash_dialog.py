"""Delete moves articles to the Trash (no question: it can be undone); Library → Trash…
restores them whole or deletes them for good, asking once."""

from __future__ import annotations

from newsdesk.core.articles import get_article, list_articles
from newsdesk.services.trash import list_trash
from tests.ui.test_library import _select_rows
from tests.ui.test_mainwindow_wiring import _menu_action


def _ids(ctx) -> set[int]:
    with ctx.session() as s:
        return {a.id for a in list_articles(s)}


def test_delete_moves_to_the_trash_and_the_trash_restores_it(
    sample_ctx, qtbot, make_window, prompts
):
    window = make_window(sample_ctx)
    _select_rows(window, [0])
    victim = window.library.selected_ids()[0]
    qtbot.waitUntil(lambda: window.record is not None and window.record.id == victim)
    with sample_ctx.session() as s:
        before = get_article(s, victim)
    with qtbot.waitSignal(window.library.model.loaded, timeout=10000):
        _menu_action(window, "Article", "Move to Trash").trigger()
    assert not [kind for kind, *_ in prompts.asked if kind == "confirm"]  # undoable: no question
    assert victim not in _ids(sample_ctx)
    assert window.library.model.row_of(victim) is None
    assert window.record is None and "Trash" in window.statusBar().currentMessage()

    _menu_action(window, "Library", "Trash…").trigger()
    dialog = window.trash_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 1)
    assert dialog.table.item(0, 0).text() == before.headline
    assert not dialog.restore_button.isEnabled()
    dialog.table.selectRow(0)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        dialog.restore_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert window.record.id == victim and window.metadata.headline.text() == before.headline
    qtbot.waitUntil(lambda: window.library.model.row_of(victim) is not None)
    with sample_ctx.session() as s:
        back = get_article(s, victim)
    assert (back.tags, back.body, back.section) == (before.tags, before.body, before.section)


def test_emptying_the_trash_asks_once(sample_ctx, qtbot, make_window, prompts):
    window = make_window(sample_ctx)
    _select_rows(window, [0, 1])
    ids = window.library.selected_ids()
    with qtbot.waitSignal(window.library.model.loaded, timeout=10000):
        window.act_delete.trigger()
    window.act_trash.trigger()
    dialog = window.trash_dialog
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2)
    dialog.empty_button.click()  # no scripted answer: the person pressed Cancel
    assert prompts.asked[-1][0] == "confirm" and "cannot be undone" in prompts.asked[-1][2]
    with sample_ctx.session() as s:
        assert len(list_trash(s)) == 2
    prompts.answers.append(True)
    dialog.empty_button.click()
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 0)
    assert [kind for kind, *_ in prompts.asked].count("confirm") == 2  # once per click
    with sample_ctx.session() as s:
        assert list_trash(s) == []
    assert not set(ids) & _ids(sample_ctx)
    assert not dialog.empty_button.isEnabled()


def test_trashing_an_article_still_published_asks_first(sample_ctx, qtbot, make_window, prompts):
    from newsdesk.services import publishing
    from newsdesk.storage.models import RemotePost

    window = make_window(sample_ctx)
    victim = window.library.model.rows[0].id
    with sample_ctx.session() as s:
        target = publishing.add_target(s, "hugo", "folder", "/tmp/nowhere")
        s.add(RemotePost(article_id=victim, target_id=target.id, remote_id="7",
                         remote_url="https://example.org/p/7", last_published_hash="h"))  # fmt: skip
    _select_rows(window, [0])
    window.act_delete.trigger()  # no scripted answer: the person pressed Cancel
    qtbot.waitUntil(lambda: any(kind == "confirm" for kind, *_ in prompts.asked))
    _kind, _title, text = prompts.asked[-1]
    assert "hugo https://example.org/p/7" in text and "does not unpublish" in text
    assert victim in _ids(sample_ctx)
    prompts.answers.append(True)
    with qtbot.waitSignal(window.library.model.loaded, timeout=10000):
        window.act_delete.trigger()
    assert victim not in _ids(sample_ctx)


def test_trashing_the_open_article_raises_no_newsroom_error(
    sample_ctx, qtbot, make_window, prompts
):
    """Seen when tried as a person: Move to Trash on the open article was followed by a box,
    "No article '9' in the library (give its id, UUID or slug)": the Newsroom panel read the
    article it still followed. The stage in the status bar ("Draft") stayed with no article
    open. Both let go of it now."""
    from tests.ui.test_mainwindow import _open_first

    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    qtbot.waitUntil(lambda: window.newsroom is not None, timeout=10000)
    stage = window.newsroom.stage
    qtbot.waitUntil(stage.isVisible, timeout=10000)  # the open article's stage
    with qtbot.waitSignal(window.library.model.loaded, timeout=10000):
        _menu_action(window, "Article", "Move to Trash").trigger()
    qtbot.waitUntil(lambda: window.newsroom.panel.article_id is None)
    window.newsroom.panel.refresh()  # a change from another desk arrives meanwhile
    qtbot.wait(500)  # what the panel would read on a worker
    assert not stage.isVisible()
    assert [t for kind, t, *_ in prompts.asked if kind == "error"] == []
