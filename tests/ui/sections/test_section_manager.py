"""The section manager: reorder with the buttons, delete with a chosen target."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from newsdesk.core import sections
from newsdesk.ui.context import UiContext
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.sections import SectionManagerDialog


@pytest.fixture
def ui_ctx(sample_ctx) -> Iterator[UiContext]:
    context = UiContext(services=sample_ctx, prompts=ScriptedPrompts())
    yield context
    context.tasks.wait()


@pytest.fixture
def dialog(qtbot, ui_ctx) -> SectionManagerDialog:
    dlg = SectionManagerDialog(ui_ctx)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: dlg.list.count() == 5)
    return dlg


def _choose(qtbot, dlg: SectionManagerDialog, name: str) -> None:
    item = dlg.list.item(dlg.section_names().index(name))
    qtbot.mouseClick(
        dlg.list.viewport(), Qt.MouseButton.LeftButton, pos=dlg.list.visualItemRect(item).center()
    )


def test_move_up_changes_the_navigation_order(qtbot, dialog, sample_ctx) -> None:
    _choose(qtbot, dialog, "Culture")
    with qtbot.waitSignal(dialog.refreshed):
        qtbot.mouseClick(dialog.up_button, Qt.MouseButton.LeftButton)
    assert dialog.section_names() == ["World", "Business", "Science", "Culture", "Sport"]
    assert dialog.current_name() == "Culture"
    with sample_ctx.session() as s:
        assert sections.section_names(s) == dialog.section_names()


def test_delete_moves_articles_to_the_chosen_section(qtbot, dialog, ui_ctx, sample_ctx) -> None:
    _choose(qtbot, dialog, "Sport")
    ui_ctx.prompts.answers.append("Culture")
    with qtbot.waitSignal(dialog.sections_changed):
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.list.count() == 4)
    assert "Sport" not in dialog.section_names()
    assert "moved to Culture" in dialog.status.text()


def test_dragging_a_section_saves_the_order(qtbot, dialog, sample_ctx) -> None:
    from PySide6.QtCore import QModelIndex

    # What a drop inside the list does to its model: move a row (here Sport to the top).
    with qtbot.waitSignal(dialog.sections_changed):
        assert dialog.list.model().moveRow(QModelIndex(), 3, QModelIndex(), 0)
    qtbot.waitUntil(lambda: dialog.section_names()[0] == "Sport")
    with sample_ctx.session() as s:
        assert sections.section_names(s) == ["Sport", "World", "Business", "Science", "Culture"]
