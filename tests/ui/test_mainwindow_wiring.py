"""The main window with every feature wired in, driven through its menus like a person:
shortcuts, focus mode, Ctrl+S revisions, history restore, tags, export, preferences, and the
person's path from a new article to the preview's DOM."""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, get_article, update_article
from tests.ui.test_mainwindow import _open_first, _open_new, _stored, type_text


def _menu_action(window, *path: str) -> QAction:
    """The action at a menu path, e.g. ("File", "Export", "HTML Page…") (mnemonics ignored)."""
    actions = window.menuBar().actions()
    found = None
    for name in path:
        found = next(a for a in actions if a.text().replace("&", "") == name)
        if found.menu() is not None:
            actions = found.menu().actions()
    assert found is not None
    return found


def _js(qtbot, window, expr: str) -> Any:
    box: list[Any] = []
    window.preview.run_js(f"JSON.stringify(({expr}))", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return json.loads(box[0]) if isinstance(box[0], str) and box[0] else None


def test_no_two_actions_share_a_shortcut(ctx, make_window):
    window = make_window(ctx)
    owners: dict[str, list[str]] = defaultdict(list)
    for action in set(window.findChildren(QAction)):
        for keys in action.shortcuts():
            text = keys.toString(QKeySequence.SequenceFormat.PortableText)
            owners[text].append(action.text() or action.objectName())
    clashes = {keys: names for keys, names in owners.items() if len(names) > 1}
    assert clashes == {}
    # the editor's formatting and find actions are among them
    assert window.editor.action("bold").shortcut().toString() == "Ctrl+B"
    assert "Ctrl+F" in owners and "Ctrl+D" in owners and "Ctrl+Shift+D" in owners


def test_focus_mode_hides_the_panes_and_brings_them_back(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    window.act_toggle_meta.trigger()  # the person had hidden the metadata already
    assert window.metadata_area.isHidden()
    window.act_toggle_library.setChecked(True)  # and shown the library sidebar
    _menu_action(window, "View", "Focus mode").trigger()
    panes = (window.library, window.metadata_area, window.preview, window.main_toolbar)
    assert all(pane.isHidden() for pane in (*panes, window.format_toolbar))
    assert window.editor.isVisible()
    window.editor.action("focus").trigger()
    assert not window.library.isHidden() and not window.preview.isHidden()
    assert not window.main_toolbar.isHidden() and not window.format_toolbar.isHidden()
    assert window.metadata_area.isHidden()  # it stays as the person left it


def test_ctrl_s_records_a_save_revision(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    first = _open_first(qtbot, window)
    qtbot.keyClicks(window.editor.text_edit, " Saved on purpose.")
    with qtbot.waitSignal(window.explicit_save_recorded, timeout=10000):
        qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    with sample_ctx.session() as s:
        kinds = [r.kind for r in revisions.list_revisions(s, first)]
        assert get_article(s, first).body.endswith("Saved on purpose.")
    assert "save" in kinds


def test_restoring_from_the_history_dock_updates_the_editor(ctx, qtbot, make_window, prompts):
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry", body="The first wording."))
        revisions.record_revision(s, rec.id, "save")
        update_article(s, rec.id, {"body": "The second wording."})
    window = make_window(ctx)
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(rec.id)
    _menu_action(window, "View", "History").trigger()
    assert window.history_dock.isVisible()
    qtbot.waitUntil(lambda: window.history.list.topLevelItemCount() >= 1, timeout=10000)
    qtbot.keyClicks(window.editor.text_edit, " Unsaved typing.")  # must not be lost
    window.history.list.topLevelItem(window.history.list.topLevelItemCount() - 1).setSelected(True)
    prompts.answers.append(True)  # yes, restore
    window.history.restore_button.click()
    qtbot.waitUntil(lambda: window.editor.markdown() == "The first wording.", timeout=10000)
    with ctx.session() as s:
        kept = [r for r in revisions.list_revisions(s, rec.id) if r.kind == "restore"]
        assert kept and "Unsaved typing." in revisions.get_revision(s, rec.id, kept[0].id).body
    # typing after the restore saves on top of it, without a conflict
    qtbot.keyClick(window.editor.text_edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.editor.text_edit, " Again.")
    qtbot.waitUntil(lambda: _stored(ctx, rec.id).body.endswith("Again."), timeout=5000)
    assert prompts.errors == []


def test_renaming_a_tag_from_the_library_menu_updates_the_open_article(
    sample_ctx, qtbot, make_window, prompts
):
    window = make_window(sample_ctx)
    first = _open_first(qtbot, window)
    tag = _stored(sample_ctx, first).tags[0]
    _menu_action(window, "Library", "Tags…").trigger()
    dialog = window.tag_manager
    qtbot.waitUntil(lambda: tag in dialog.tag_names(), timeout=10000)
    dialog.table.selectRow(dialog.row_of(tag))
    prompts.answers.append("Renamed tag")
    dialog.rename_button.click()
    qtbot.waitUntil(lambda: "Renamed tag" in window.metadata.tags.tags(), timeout=10000)
    assert tag not in window.metadata.tags.tags()
    assert "Renamed tag" in _stored(sample_ctx, first).tags


def test_export_html_from_the_file_menu(sample_ctx, qtbot, make_window, prompts, tmp_path):
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    out = tmp_path / "page"
    prompts.answers.append(str(out))  # the folder chosen
    with qtbot.waitSignal(window.transfers.finished, timeout=20000):
        _menu_action(window, "File", "Export", "HTML Page…").trigger()
    assert (out / "index.html").is_file()
    assert window.record.headline in (out / "index.html").read_text(encoding="utf-8")
    assert prompts.errors == []


def test_preferences_open_from_their_action(ctx, qtbot, make_window):
    window = make_window(ctx)
    action = _menu_action(window, "File", "Preferences…")
    assert action.shortcut().toString() == "Ctrl+,"
    action.trigger()
    qtbot.waitUntil(lambda: window.views.preferences_dialog.isVisible())
    window.views.preferences_dialog.reject()


def test_a_persons_path_reaches_the_preview(ctx, qtbot, make_window):
    window = make_window(ctx)
    rec = _open_new(qtbot, window)
    qtbot.waitUntil(lambda: window.preview._shown is not None, timeout=20000)
    qtbot.keyClicks(window.metadata.headline, "Harbour cranes return")
    type_text(qtbot, window.editor.text_edit, "The cranes are back.\n\nMore to come.")
    qtbot.waitUntil(lambda: _stored(ctx, rec.id).body.endswith("More to come."), timeout=5000)
    assert _stored(ctx, rec.id).headline == "Harbour cranes return"

    def preview_shows() -> bool:
        text = _js(qtbot, window, "document.body.innerText")
        return "Harbour cranes return" in text and "More to come." in text

    qtbot.waitUntil(preview_shows, timeout=10000)
    assert _js(qtbot, window, "document.querySelector('h1').innerText") == "Harbour cranes return"


def test_publish_from_the_article_menu_to_a_folder_target(qtbot, ctx, make_window, tmp_path):
    from PySide6.QtWidgets import QApplication

    from newsdesk.services import publishing
    from newsdesk.ui.publish.publish_dialog import PublishDialog

    site = tmp_path / "content"
    site.mkdir()
    with ctx.session() as s:
        publishing.add_target(s, "hugo", "folder", str(site))
    window = make_window(ctx)
    _open_new(qtbot, window)
    type_text(qtbot, window.metadata.headline, "Ferry strike ends")
    window.editor.text_edit.setFocus()
    type_text(qtbot, window.editor.text_edit, "Crews returned at dawn.")
    _menu_action(window, "Article", "Publish…").trigger()  # saves first, then asks
    qtbot.waitUntil(
        lambda: any(
            isinstance(w, PublishDialog) for w in QApplication.topLevelWidgets() if w.isVisible()
        ),
        timeout=10000,
    )
    dialog = next(
        w for w in QApplication.topLevelWidgets() if isinstance(w, PublishDialog) and w.isVisible()
    )
    qtbot.waitUntil(dialog.publish_button.isEnabled)  # the article and targets are read
    dialog.targets.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(dialog.finished_publishing, timeout=15000):
        dialog.publish_button.click()
    pages = list(site.rglob("index.md"))
    assert len(pages) == 1 and "Crews returned at dawn." in pages[0].read_text(encoding="utf-8")
    dialog.close()
    outbox = _menu_action(window, "Article", "Outbox")
    outbox.trigger()
    assert window.outbox_panel.isVisible()
    qtbot.waitUntil(lambda: window.outbox_panel.table.rowCount() == 1, timeout=10000)


def test_a_headline_typed_at_once_after_new_reaches_the_preview(ctx, qtbot, make_window):
    """Ctrl+N and straight into the headline: the page is still loading then, and the
    headline must still arrive once it is in (it used to be dropped)."""
    window = make_window(ctx)
    _open_new(qtbot, window)
    qtbot.keyClicks(window.metadata.headline, "Storm closes the bridge")  # before the page
    qtbot.waitUntil(lambda: window.preview._shown is not None, timeout=20000)
    qtbot.waitUntil(
        lambda: (
            _js(qtbot, window, "document.querySelector('h1').innerText")
            == "Storm closes the bridge"
        ),
        timeout=10000,
    )


def test_export_site_into_a_new_folder_then_again_where_it_went(
    sample_ctx, qtbot, make_window, prompts, tmp_path
):
    """The folder chooser took only a folder that exists and began in the program's working
    folder; now a new folder can be typed, and the next export suggests the same one."""
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    out = tmp_path / "news-site"  # does not exist yet
    prompts.answers.append(str(out))
    with qtbot.waitSignal(window.transfers.finished, timeout=60000):
        _menu_action(window, "File", "Export", "Static Site…").trigger()
    assert prompts.errors == [] and (out / "index.html").is_file()
    first = next(a for a in prompts.asked if a[0] == "site_folder")
    assert first[2].endswith("-site") and not first[2].startswith(str(tmp_path))
    prompts.answers.append(str(out))
    with qtbot.waitSignal(window.transfers.finished, timeout=60000):
        _menu_action(window, "File", "Export", "Static Site…").trigger()
    second = [a for a in prompts.asked if a[0] == "site_folder"][1]
    assert second[2] == str(out)  # suggested: where it went last time


def test_the_site_folder_dialog_takes_a_folder_that_does_not_exist_yet(qtbot, tmp_path):
    from newsdesk.ui.site_folder import SiteFolderDialog, _nearest_folder

    wanted = tmp_path / "sites" / "harbour"
    dialog = SiteFolderDialog("Export the static site", str(tmp_path / "old-site"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path.selectAll()
    qtbot.keyClicks(dialog.path, str(wanted))
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.path, Qt.Key.Key_Return)
    assert dialog.chosen() == str(wanted) and not wanted.exists()  # the export makes it
    assert _nearest_folder(str(wanted)) == str(tmp_path)  # where Choose… opens


def test_import_from_the_file_menu_opens_the_one_article_it_brought(
    sample_ctx, qtbot, make_window, prompts, tmp_path
):
    """Seen when tried as a person: File → Import of one Markdown file said "Imported 1 new
    and updated 0 existing articles." and left the person to hunt for it in the library.
    One article imported is opened; the words count what happened."""
    window = make_window(sample_ctx)
    _open_first(qtbot, window)
    story = tmp_path / "night-buses.md"
    story.write_text(
        "---\ntitle: Night buses return to the old town\nsection: World\n---\n"
        "Night buses return on Friday after a two-year gap.\n",
        encoding="utf-8",
    )
    prompts.answers.append([str(story)])  # the files chosen
    with qtbot.waitSignal(window.transfers.finished, timeout=20000) as done:
        _menu_action(window, "File", "Import…").trigger()
    assert done.args == ["Imported 1 new article."]
    qtbot.waitUntil(
        lambda: (
            window.record is not None
            and window.record.headline == "Night buses return to the old town"
        ),
        timeout=10000,
    )
    qtbot.waitUntil(
        lambda: any(r.headline.startswith("Night buses") for r in window.library.model.rows)
    )
    assert prompts.errors == []


def test_the_import_summary_counts_what_happened() -> None:
    from newsdesk.services.transfer import imported_words

    assert imported_words(3, 0) == "Imported 3 new articles."
    assert imported_words(3, 1) == "Imported 3 new articles and updated 1 already in the library."
    assert imported_words(0, 2) == "Updated 2 articles already in the library."
    assert imported_words(0, 0).startswith("Nothing was imported")


def test_f1_opens_the_writing_guide_and_about_reads_in_lines(ctx, qtbot, make_window, prompts):
    """Seen when tried as a person: F1, the help key everywhere, opened "About", whose box
    read "newsdesk 0.1.0\\nLibrary: …\\nWindow state: …" with the \\n shown as letters."""
    from tests.ui.test_keyboard import _active, _press

    window = _active(qtbot, make_window(ctx))
    _open_new(qtbot, window)
    window.editor.text_edit.setFocus()
    qtbot.waitUntil(window.editor.text_edit.hasFocus)
    _press(qtbot, window, "F1")
    qtbot.waitUntil(
        lambda: window.views.guide_dialog is not None and window.views.guide_dialog.isVisible()
    )
    window.views.guide_dialog.close()
    _menu_action(window, "Help", "About newsdesk").trigger()
    kind, title, text = prompts.asked[-1]
    assert (kind, title) == ("info", "About newsdesk")
    assert "\\n" not in text
    lines = text.splitlines()
    assert lines[0].startswith("newsdesk ") and any(ln.startswith("Library: ") for ln in lines)


def test_the_publishing_targets_window_closes_from_its_own_button(ctx, qtbot, make_window):
    """Seen when tried as a person: Article → Publishing Targets… opened a window with no
    button to close it (only the title bar's, which a dialog on a tablet or a full-screen
    desktop may not show); the Sections and Tags windows have a Close button."""
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    window = make_window(ctx)
    _menu_action(window, "Article", "Publishing Targets…").trigger()

    def targets():
        found = [d for d in window.findChildren(QDialog) if d.windowTitle() == "Publishing targets"]
        return found[0] if found and found[0].isVisible() else None

    qtbot.waitUntil(lambda: targets() is not None)
    dialog = targets()
    close = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Close)
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_a_new_article_carries_the_persons_name_as_its_byline(ctx, qtbot, make_window):
    """Seen when tried as a person: the welcome asks "Your name" and then every new article's
    byline was empty, to be typed again each time; a reporter's story is theirs unless they
    say otherwise (the byline stays editable)."""
    window = make_window(ctx)
    window.preferences = window.preferences.with_changes(desk_name="Sam Editor")
    rec = _open_new(qtbot, window)
    assert window.metadata.byline.text() == "Sam Editor"
    assert _stored(ctx, rec.id).byline == ["Sam Editor"]
    window.preferences = window.preferences.with_changes(desk_name="")
    rec = _open_new(qtbot, window)  # no name given: no byline made up
    assert window.metadata.byline.text() == "" and _stored(ctx, rec.id).byline == []
