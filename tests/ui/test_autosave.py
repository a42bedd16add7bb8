"""Two writers on one article: a concurrent edit from another process is detected, never
silently overwritten, and neither text is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt

from newsdesk.services.articles import get_article, list_articles
from newsdesk.ui.autosave import KEEP_MINE, TAKE_THEIRS
from tests.conftest import run_cli


def _open_at_end(qtbot, window, article_id):
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(article_id)
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)


def _setup(sample_ctx, qtbot, make_window, db_path):
    window = make_window(sample_ctx)
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


def test_concurrent_edit_is_detected_and_mine_kept_with_theirs_as_copy(
    sample_ctx, qtbot, make_window, db_path, prompts
):
    window, article_id = _setup(sample_ctx, qtbot, make_window, db_path)
    prompts.answers.append(KEEP_MINE)
    qtbot.keyClicks(window.editor.text_edit, " Mine two.")
    qtbot.waitUntil(lambda: any(kind == "choose" for kind, *_ in prompts.asked), timeout=5000)
    assert "changed elsewhere" in next(text for kind, _t, text in prompts.asked if kind == "choose")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    with sample_ctx.session() as s:
        mine = get_article(s, article_id)
    assert mine.body.endswith("Mine one. Mine two.")
    copies = {h: b for h, b in _bodies(sample_ctx).items() if h.endswith("(other version)")}
    assert list(copies.values()) == ["Theirs."]


def test_concurrent_edit_can_show_theirs_and_keep_mine_as_copy(
    sample_ctx, qtbot, make_window, db_path, prompts
):
    window, article_id = _setup(sample_ctx, qtbot, make_window, db_path)
    prompts.answers.append(TAKE_THEIRS)
    qtbot.keyClicks(window.editor.text_edit, " Mine two.")
    qtbot.waitUntil(lambda: window.editor.markdown() == "Theirs.", timeout=5000)
    copies = {h: b for h, b in _bodies(sample_ctx).items() if h.endswith("(my version)")}
    assert len(copies) == 1 and next(iter(copies.values())).endswith("Mine one. Mine two.")
    with sample_ctx.session() as s:
        assert get_article(s, article_id).body == "Theirs."


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
