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
