"""Tag suggestions while editing: existing tags named in the text, one click to add."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from newsdesk.ui.context import UiContext
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.tags.suggest import TagSuggestions


@pytest.fixture
def ui_ctx(sample_ctx) -> Iterator[UiContext]:
    context = UiContext(services=sample_ctx, prompts=ScriptedPrompts())
    yield context
    context.tasks.wait()


def test_suggests_tags_named_in_the_text(qtbot, ui_ctx) -> None:
    strip = TagSuggestions(ui_ctx)
    qtbot.addWidget(strip)
    strip.show()
    with qtbot.waitSignal(strip.updated):
        strip.set_text("Housing and more housing in coastal cities; shipping too.", ["shipping"])
    assert strip.suggestions() == ["housing", "coastal cities"]
    assert strip.isVisible()
    with qtbot.waitSignal(strip.tag_chosen) as chosen, qtbot.waitSignal(strip.updated):
        qtbot.mouseClick(strip.buttons[0], Qt.MouseButton.LeftButton)
    assert chosen.args == ["housing"]
    assert strip.suggestions() == ["coastal cities"]


def test_many_suggestions_wrap_inside_a_narrow_panel(qtbot, ui_ctx) -> None:
    """Suggestions wrap onto more lines; they never make the metadata panel wider than its
    column (which would cut off every field behind a horizontal scroll bar)."""
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    panel = QWidget()
    qtbot.addWidget(panel)
    strip = TagSuggestions(ui_ctx)
    QVBoxLayout(panel).addWidget(strip)
    panel.resize(260, 200)
    panel.show()
    with qtbot.waitSignal(strip.updated):
        strip.set_text(
            "Housing in coastal cities: shipping, economy, agriculture, trade and culture.", []
        )
    assert len(strip.suggestions()) >= 4
    assert panel.minimumSizeHint().width() <= 260
    qtbot.waitUntil(lambda: strip.height() > 2 * strip.buttons[0].height())  # wrapped
    right = max(b.geometry().right() for b in strip.buttons)
    assert right <= strip.width()
