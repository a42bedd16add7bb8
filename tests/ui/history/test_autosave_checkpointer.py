"""The editor's idle timer: after a pause, a significant change becomes an autosave revision."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.ui.context import UiContext
from newsdesk.ui.history.autosave import AutosaveCheckpointer
from newsdesk.ui.prompts import ScriptedPrompts


@pytest.fixture
def ui_ctx(ctx) -> Iterator[UiContext]:
    context = UiContext(services=ctx, prompts=ScriptedPrompts())
    yield context
    context.tasks.wait()


def test_a_pause_after_typing_records_an_autosave(qtbot, ui_ctx, ctx) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Storm", body="Winds reached 120km/h."))
    # A short pause for the test; the app waits revisions.IDLE_PAUSE.
    checkpointer = AutosaveCheckpointer(ui_ctx, idle_ms=50)
    with qtbot.waitSignal(checkpointer.checkpoint_recorded) as recorded:
        checkpointer.article_saved(rec.id)
    assert recorded.args[0] == rec.id
    with ctx.session() as s:
        kinds = [r.kind for r in revisions.list_revisions(s, rec.id)]
    assert kinds == ["autosave"]
    # Nothing changed since: the next pause records nothing.
    with qtbot.assertNotEmitted(checkpointer.checkpoint_recorded, wait=300):
        checkpointer.article_saved(rec.id)
