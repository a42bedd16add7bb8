"""The tag manager, driven like a person: click rows, press buttons, answer the prompts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from newsdesk.core import tags
from newsdesk.core.articles import get_article
from newsdesk.core.search import search
from newsdesk.ui.context import UiContext
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.tags.manager import TagManagerDialog

SEAWALL = "porto-calhau-approves-seawall-after-flooding"


@pytest.fixture
def ui_ctx(sample_ctx) -> Iterator[UiContext]:
    context = UiContext(services=sample_ctx, prompts=ScriptedPrompts())
    yield context
    context.tasks.wait()


@pytest.fixture
def dialog(qtbot, ui_ctx) -> TagManagerDialog:
    dlg = TagManagerDialog(ui_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: "climate" in dlg.tag_names())
    return dlg


def _click_row(qtbot, dlg: TagManagerDialog, name: str, *, add: bool = False) -> None:
    index = dlg.proxy.index(dlg.row_of(name), 0)
    rect = dlg.table.visualRect(index)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(dlg.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _count(dlg: TagManagerDialog, name: str) -> int:
    return int(dlg.proxy.index(dlg.row_of(name), 2).data())


def test_lists_tags_with_counts_and_filters(qtbot, dialog) -> None:
    assert _count(dialog, "climate") == 4
    qtbot.keyClicks(dialog.filter_edit, "coast")
    assert dialog.tag_names() == ["coastal cities"]
    dialog.filter_edit.clear()
    dialog.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)
    assert dialog.tag_names()[0] == "climate"


def test_rename_through_the_dialog(qtbot, dialog, ui_ctx, sample_ctx) -> None:
    _click_row(qtbot, dialog, "coastal cities")
    assert dialog.selected_names() == ["coastal cities"]
    qtbot.waitUntil(lambda: dialog.articles_list.count() == 2)
    ui_ctx.prompts.answers.append("Littoral towns")
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    assert "Littoral towns" in dialog.tag_names() and "coastal cities" not in dialog.tag_names()
    assert dialog.selected_names() == ["Littoral towns"]
    assert "littoral-towns" in dialog.proxy.index(dialog.row_of("Littoral towns"), 1).data()
    assert "Renamed" in dialog.status.text()
    with sample_ctx.session() as s:
        assert len(search(s, "littoral")) == 2


def test_merge_two_tags(qtbot, dialog, ui_ctx, sample_ctx) -> None:
    _click_row(qtbot, dialog, "climate")
    _click_row(qtbot, dialog, "flooding", add=True)
    assert dialog.selected_names() == ["climate", "flooding"]
    assert dialog.merge_button.isEnabled()
    ui_ctx.prompts.answers.append("climate")
    with qtbot.waitSignal(dialog.tags_changed):
        qtbot.mouseClick(dialog.merge_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "flooding" not in dialog.tag_names())
    assert ui_ctx.prompts.asked[-1][0] == "choose"
    assert _count(dialog, "climate") == 4  # the seawall story carried both; it counts once
    with sample_ctx.session() as s:
        assert get_article(s, SEAWALL).tags.count("climate") == 1


def test_delete_shows_the_count_and_can_be_undone(qtbot, dialog, ui_ctx, sample_ctx) -> None:
    _click_row(qtbot, dialog, "climate")
    qtbot.waitUntil(lambda: dialog.articles_list.count() == 4)
    ui_ctx.prompts.answers.append(True)
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert [(kind, text) for kind, _title, text in ui_ctx.prompts.asked] == [
        (
            "confirm",
            "Delete “climate”? It is taken off 4 articles. "
            "You can undo this while the tag manager is open.",
        )
    ]
    assert "climate" not in dialog.tag_names()
    assert dialog.undo_button.isEnabled()
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.undo_button, Qt.MouseButton.LeftButton)
    assert _count(dialog, "climate") == 4
    with sample_ctx.session() as s:
        assert "climate" in get_article(s, SEAWALL).tags


def test_articles_of_a_tag_open_by_signal(qtbot, dialog, sample_ctx) -> None:
    _click_row(qtbot, dialog, "flooding")
    qtbot.waitUntil(lambda: dialog.articles_list.count() == 1)
    item = dialog.articles_list.item(0)
    with sample_ctx.session() as s:
        seawall_id = get_article(s, SEAWALL).id
    rect = dialog.articles_list.visualItemRect(item)
    qtbot.mouseClick(dialog.articles_list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(dialog.open_article) as blocker:
        qtbot.keyClick(dialog.articles_list, Qt.Key.Key_Return)
    assert blocker.args == [seawall_id]


def test_bulk_tagging_of_selected_articles(qtbot, dialog, sample_ctx) -> None:
    with sample_ctx.session() as s:
        ids = [a.id for a in tags.tag_articles(s, "football")] + [get_article(s, SEAWALL).id]
    dialog.set_article_selection(ids)
    _click_row(qtbot, dialog, "housing")
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.add_to_button, Qt.MouseButton.LeftButton)
    assert _count(dialog, "housing") == 1 + len(ids)
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.remove_from_button, Qt.MouseButton.LeftButton)
    assert _count(dialog, "housing") == 1


def test_renaming_onto_an_existing_tag_explains_and_changes_nothing(qtbot, dialog, ui_ctx) -> None:
    _click_row(qtbot, dialog, "flooding")
    qtbot.waitUntil(lambda: dialog.articles_list.count() == 1)
    ui_ctx.prompts.answers.append("climate")
    qtbot.mouseClick(dialog.rename_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(ui_ctx.prompts.errors))
    assert "merge" in ui_ctx.prompts.errors[0]
    assert "flooding" in dialog.tag_names()


def test_a_tags_slug_and_description_through_the_dialog(qtbot, dialog, ui_ctx, sample_ctx) -> None:
    _click_row(qtbot, dialog, "coastal cities")
    ui_ctx.prompts.answers.append("coasts")
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.slug_button, Qt.MouseButton.LeftButton)
    assert ui_ctx.prompts.asked[-1][:2] == ("ask_text", "Tag slug")
    assert dialog.proxy.index(dialog.row_of("coastal cities"), 1).data().endswith("coasts")
    assert dialog.status.text() == "“coastal cities” is at /tags/coasts/"
    ui_ctx.prompts.answers.append("Towns by the sea.")
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.describe_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Described “coastal cities”"
    with sample_ctx.session() as s:
        [info] = [i for i in tags.list_tag_infos(s) if i.name == "coastal cities"]
    assert (info.slug, info.description) == ("coasts", "Towns by the sea.")


def test_several_tags_chosen_show_every_article_they_are_on(qtbot, dialog) -> None:
    """Choosing two tags before a merge said "2 tags" over an empty list: which articles the
    merge would touch was not to be seen."""
    _click_row(qtbot, dialog, "climate")
    qtbot.waitUntil(lambda: dialog.articles_list.count() == _count(dialog, "climate"))
    climate = {dialog.articles_list.item(i).text() for i in range(dialog.articles_list.count())}
    _click_row(qtbot, dialog, "flooding", add=True)
    qtbot.waitUntil(lambda: "any of 2 tags" in dialog.articles_label.text())
    shown = [dialog.articles_list.item(i).text() for i in range(dialog.articles_list.count())]
    assert len(shown) == len(set(shown)) == len(climate)  # the seawall story carries both: once
    assert set(shown) == climate and any("seawall" in text for text in shown)
    assert dialog.articles_label.text().startswith(f"{len(climate)} articles")
