"""Every pane follows the one ArticleSession (issue 11): after a change from elsewhere — Ctrl+S,
another desk's save, a restore, a tag merge — each pane shows what is saved. Real library file,
real windows, real preview; the other desk is a second services context on the same file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from newsdesk.core import revisions
from newsdesk.core.article_session import SaveState
from newsdesk.core.articles import ArticleRecord, create_article, get_article, update_article
from newsdesk.services.opening import open_context


def _open(qtbot, window, article_id: int) -> None:
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(article_id)
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)


def _other_desk(ctx):
    """The same library file opened again, as another window or process would."""
    return open_context(
        str(ctx.paths.db_path), str(ctx.paths.data_dir.parent / "other"), seed=False
    )


def _history_rows(window) -> int:
    return window.history.list.topLevelItemCount()


def test_ctrl_s_adds_the_revision_to_the_history_list(ctx, qtbot, make_window) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry strike", body="Crews walked out."))
    window = make_window(ctx)
    _open(qtbot, window, rec.id)
    window.history_dock.show()
    qtbot.waitUntil(lambda: window.history.article_id == rec.id)
    before = _history_rows(window)
    window.editor.text_edit.setFocus()
    qtbot.keyClicks(window.editor.text_edit, " More.")
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: _history_rows(window) > before, timeout=5000)
    assert window.session.state is SaveState.SAVED  # an enum, not a display string


def test_another_desks_save_reaches_editor_inspector_history_title_and_row(
    ctx, qtbot, make_window
) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry strike", body="Crews walked out."))
    window = make_window(ctx)
    _open(qtbot, window, rec.id)
    window.history_dock.show()
    qtbot.waitUntil(lambda: window.history.article_id == rec.id)
    before = _history_rows(window)
    other = _other_desk(ctx)
    try:
        with other.session() as s:
            revisions.record_revision(s, rec.id, "save")
            update_article(s, rec.id, {"headline": "Ferry strike ends", "body": "Crews are back."})
    finally:
        other.close()
    qtbot.waitUntil(lambda: window.editor.markdown() == "Crews are back.", timeout=5000)
    qtbot.waitUntil(lambda: _history_rows(window) > before, timeout=5000)
    assert window.metadata.headline.text() == "Ferry strike ends"
    assert window.windowTitle().startswith("Ferry strike ends")
    assert window.session.saved.headline == "Ferry strike ends"
    qtbot.waitUntil(
        lambda: any(r.headline == "Ferry strike ends" for r in window.library.model.rows)
    )


def test_a_restore_shows_the_restored_body_in_the_editor_and_preview(
    ctx, qtbot, make_window, prompts
) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry", body="The first wording."))
        revisions.record_revision(s, rec.id, "save")
        update_article(s, rec.id, {"body": "The second wording."})
    window = make_window(ctx)
    _open(qtbot, window, rec.id)
    window.history_dock.show()
    qtbot.waitUntil(lambda: _history_rows(window) >= 1, timeout=10000)
    window.history.list.topLevelItem(_history_rows(window) - 1).setSelected(True)
    prompts.answers.append(True)  # yes, restore
    window.history.restore_button.click()
    qtbot.waitUntil(lambda: window.editor.markdown() == "The first wording.", timeout=10000)
    box: list[object] = []
    qtbot.waitUntil(lambda: window.preview._shown is not None, timeout=20000)

    def preview_text() -> str:
        box.clear()
        window.preview.run_js("document.querySelector('.article-body').textContent", box.append)
        qtbot.waitUntil(lambda: bool(box), timeout=5000)
        return str(box[0])

    qtbot.waitUntil(lambda: "The first wording." in preview_text(), timeout=10000)


def test_the_publish_dialog_shows_the_current_headline_and_version(
    ctx, qtbot, make_window, tmp_path
) -> None:
    from newsdesk.services import publishing
    from newsdesk.ui.publish.publish_dialog import PublishDialog

    site = tmp_path / "content"
    site.mkdir()
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry strike", body="Crews walked out."))
        publishing.add_target(s, "hugo", "folder", str(site))
    window = make_window(ctx)
    _open(qtbot, window, rec.id)
    next(a for a in window.acts.article_menu.actions() if a.text() == "&Publish…").trigger()
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, PublishDialog) and w.isVisible() for w in QApplication.topLevelWidgets()
        )
    )
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, PublishDialog))
    qtbot.waitUntil(lambda: "Ferry strike" in dialog.article.text(), timeout=5000)
    # The dialog stays open; the person fixes the headline in the window behind it.
    window.metadata.headline.setFocus()
    window.metadata.headline.selectAll()
    qtbot.keyClicks(window.metadata.headline, "Ferry strike ends")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    with ctx.session() as s:
        stored = get_article(s, rec.id)
    qtbot.waitUntil(
        lambda: (
            "Ferry strike ends" in dialog.article.text()
            and f"version {stored.version}" in dialog.article.text()
        ),
        timeout=5000,
    )
    dialog.close()


def test_a_tag_merge_in_the_tag_manager_reaches_the_inspector(ctx, qtbot, make_window) -> None:
    from newsdesk.core import tags

    with ctx.session() as s:
        rec = create_article(
            s, ArticleRecord(headline="Ferry strike", body="Crews.", tags=["Ferries", "Ferry"])
        )
    window = make_window(ctx)
    _open(qtbot, window, rec.id)
    window.library_commands.show_tag_manager()
    manager = window.tag_manager
    with ctx.session() as s:  # what the manager's Merge button runs
        tags.merge_tags(s, ["Ferry"], "Ferries")
    manager.tags_changed.emit()
    qtbot.waitUntil(lambda: window.metadata.tags.tags() == ["Ferries"], timeout=5000)
    manager.close()
