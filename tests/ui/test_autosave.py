"""Two writers on one article: a concurrent edit from another process is detected, never
silently overwritten, and neither text is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt

from newsdesk.core.articles import get_article, list_articles
from newsdesk.ui.autosave import KEEP_BOTH, KEEP_MINE, TAKE_THEIRS
from tests.conftest import run_cli


def _open_at_end(qtbot, window, article_id):
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(article_id)
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)


def _setup(sample_ctx, qtbot, make_window, db_path):
    window = make_window(sample_ctx)
    # Both edit within the same moment: this window has not yet seen the other's save (it
    # would otherwise show it within half a second, and there would be nothing to resolve).
    window.watcher.stop()
    article_id = window.library.model.rows[0].id
    _open_at_end(qtbot, window, article_id)
    qtbot.keyClicks(window.editor.text_edit, " Mine one.")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    other = run_cli(
        "article", "edit", str(article_id), "--body-file", "-", db=db_path, input="Theirs."
    )
    assert other.returncode == 0, other.stderr
    return window, article_id


def _bodies(ctx):
    with ctx.session() as s:
        return {r.headline: get_article(s, r.id).body for r in list_articles(s)}


def _revision_bodies(ctx, article_id):
    from newsdesk.core import revisions

    with ctx.session() as s:
        return [
            revisions.get_revision(s, article_id, r.id).body
            for r in revisions.list_revisions(s, article_id)
        ]


def test_concurrent_edit_is_shown_side_by_side_and_mine_kept(
    sample_ctx, qtbot, make_window, db_path, prompts
):
    window, article_id = _setup(sample_ctx, qtbot, make_window, db_path)
    prompts.answers.append(KEEP_MINE)
    qtbot.keyClicks(window.editor.text_edit, " Mine two.")
    qtbot.waitUntil(lambda: bool(prompts.compared), timeout=5000)
    theirs, mine = prompts.compared[0]
    assert theirs["Body"] == "Theirs." and mine["Body"].endswith("Mine one. Mine two.")
    assert "changed elsewhere" in next(t for k, _t, t in prompts.asked if k == "choose_version")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    with sample_ctx.session() as s:
        assert get_article(s, article_id).body.endswith("Mine one. Mine two.")
    assert not [h for h in _bodies(sample_ctx) if "version)" in h]  # no copy
    assert "Theirs." in _revision_bodies(sample_ctx, article_id)  # theirs is in the history


def test_concurrent_edit_can_take_theirs_with_mine_in_the_history(
    sample_ctx, qtbot, make_window, db_path, prompts
):
    window, article_id = _setup(sample_ctx, qtbot, make_window, db_path)
    prompts.answers.append(TAKE_THEIRS)
    qtbot.keyClicks(window.editor.text_edit, " Mine two.")
    qtbot.waitUntil(lambda: window.editor.markdown() == "Theirs.", timeout=5000)
    assert not [h for h in _bodies(sample_ctx) if "version)" in h]
    with sample_ctx.session() as s:
        assert get_article(s, article_id).body == "Theirs."
    mine = [b for b in _revision_bodies(sample_ctx, article_id) if b.endswith("Mine two.")]
    assert len(mine) == 1
    qtbot.keyClicks(window.editor.text_edit, " After.")  # and typing goes on without a conflict
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    with sample_ctx.session() as s:
        assert get_article(s, article_id).body == "Theirs. After."


def test_repeated_conflicts_keeping_both_make_one_copy(
    sample_ctx, qtbot, make_window, db_path, prompts
):
    window, article_id = _setup(sample_ctx, qtbot, make_window, db_path)
    for round_ in range(3):
        if round_:  # the other writer saves the same text again
            run_cli("article", "edit", str(article_id), "--body-file", "-", db=db_path,
                    input="Theirs.")  # fmt: skip
        prompts.answers.append(KEEP_BOTH)
        qtbot.keyClicks(window.editor.text_edit, f" Mine {round_}.")
        qtbot.waitUntil(lambda r=round_: len(prompts.compared) == r + 1, timeout=5000)
        qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    copies = [b for h, b in _bodies(sample_ctx).items() if h.endswith("(other version)")]
    assert copies == ["Theirs."]


def test_unanswered_conflict_saves_nothing_over_theirs(
    sample_ctx, qtbot, make_window, db_path, prompts
):
    window, article_id = _setup(sample_ctx, qtbot, make_window, db_path)
    qtbot.keyClicks(window.editor.text_edit, " Mine two.")  # no scripted answer: cancelled
    qtbot.waitUntil(lambda: window.save_label.text().startswith("Not saved"), timeout=5000)
    assert window.editor.markdown().endswith("Mine one. Mine two.")
    with sample_ctx.session() as s:
        assert get_article(s, article_id).body == "Theirs."


def test_other_fields_changed_elsewhere_merge_without_asking(
    sample_ctx, qtbot, make_window, db_path, prompts
):
    window = make_window(sample_ctx)
    article_id = window.library.model.rows[0].id
    _open_at_end(qtbot, window, article_id)
    other = run_cli("article", "edit", str(article_id), "--status", "ready", db=db_path)
    assert other.returncode == 0, other.stderr
    qtbot.keyClicks(window.editor.text_edit, " Mine.")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    with sample_ctx.session() as s:
        stored = get_article(s, article_id)
    assert stored.status == "ready" and stored.body.endswith(" Mine.")
    assert not prompts.asked
