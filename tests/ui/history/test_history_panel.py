"""The history panel: choose two revisions, read the word diff, restore one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, get_article, update_article
from newsdesk.ui.context import UiContext
from newsdesk.ui.history.panel import HistoryPanel
from newsdesk.ui.prompts import ScriptedPrompts

T0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)


@pytest.fixture
def ui_ctx(ctx) -> Iterator[UiContext]:
    context = UiContext(services=ctx, prompts=ScriptedPrompts())
    yield context
    context.tasks.wait()


@pytest.fixture
def article(ctx) -> tuple[int, list[int]]:
    with ctx.session() as s:
        rec = create_article(
            s,
            ArticleRecord(
                headline="Seawall vote",
                body="The council voted to approve the seawall.\n\nWork starts soon.",
                section="World",
                tags=["climate"],
            ),
        )
        first = revisions.record_revision(s, rec.id, "save", now=T0)
        update_article(
            s,
            rec.id,
            {
                "body": "The council voted narrowly to approve the seawall.\n\nWork starts soon.",
                "tags": ["climate", "flooding"],
            },
        )
        second = revisions.record_revision(s, rec.id, "save", now=T0 + timedelta(minutes=7))
    assert rec.id is not None
    return rec.id, [first.id, second.id]


def _click(qtbot, panel: HistoryPanel, rev_id: int, *, add: bool = False) -> None:
    item = panel.item_for(rev_id)
    rect = panel.list.visualItemRect(item)
    modifier = Qt.KeyboardModifier.ControlModifier if add else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(panel.list.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


@pytest.fixture
def panel(qtbot, ui_ctx, article) -> HistoryPanel:
    widget = HistoryPanel(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    with qtbot.waitSignal(widget.refreshed):
        widget.set_article(article[0])
    return widget


def test_lists_revisions_newest_first(panel, article) -> None:
    assert panel.list.topLevelItemCount() == 2
    top = panel.list.topLevelItem(0)
    assert top.data(0, Qt.ItemDataRole.UserRole) == article[1][1]
    assert top.text(1) == "Saved" and top.text(2) == "11"
    assert top.text(3) == "+1 −0 words; tags changed"


def test_two_revisions_show_the_inserted_word(qtbot, panel, article) -> None:
    first, second = article[1]
    _click(qtbot, panel, first)
    with qtbot.waitSignal(panel.diff_shown):
        _click(qtbot, panel, second, add=True)
    assert panel.selected_ids() == [first, second]
    html = panel.view.toHtml()
    assert "narrowly" in panel.diff_text()
    # The inserted word is marked (green), only in the "after" column.
    assert "#d7f5dd" in html and html.count("narrowly") == 1
    assert "Tags" in panel.diff_text() and "flooding" in panel.diff_text()
    assert "+1 −0 words" in panel.heading.text()
    panel.mode.setCurrentText("Inline")
    assert "narrowly" in panel.diff_text() and "After" not in panel.diff_text()


def test_restore_and_undo(qtbot, panel, article, ui_ctx, ctx) -> None:
    article_id, (first, _second) = article
    _click(qtbot, panel, first)
    assert panel.restore_button.isEnabled()
    ui_ctx.prompts.answers.append(True)
    with qtbot.waitSignal(panel.restored) as blocker, qtbot.waitSignal(panel.refreshed):
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [article_id]
    with ctx.session() as s:
        rec = get_article(s, article_id)
    assert "narrowly" not in rec.body and rec.tags == ["climate"]
    assert panel.list.topLevelItemCount() == 3
    undo = panel.list.topLevelItem(0)
    assert undo.text(1) == "Before restore"
    # Undo: restore the revision the restore recorded.
    _click(qtbot, panel, undo.data(0, Qt.ItemDataRole.UserRole))
    ui_ctx.prompts.answers.append(True)
    with qtbot.waitSignal(panel.refreshed):
        qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)
    with ctx.session() as s:
        rec = get_article(s, article_id)
    assert "narrowly" in rec.body and rec.tags == ["climate", "flooding"]


def test_declining_the_prompt_changes_nothing(qtbot, panel, article, ui_ctx, ctx) -> None:
    _click(qtbot, panel, article[1][0])
    qtbot.mouseClick(panel.restore_button, Qt.MouseButton.LeftButton)  # prompts answer False
    ui_ctx.tasks.wait()
    with ctx.session() as s:
        assert "narrowly" in get_article(s, article[0]).body


def test_one_revision_is_compared_with_the_article_now(qtbot, panel, article, ctx) -> None:
    with ctx.session() as s:
        update_article(s, article[0], {"headline": "Seawall approved"})
    with qtbot.waitSignal(panel.diff_shown):
        _click(qtbot, panel, article[1][1])
    assert "the article now" in panel.heading.text()
    # The headline's own word diff: "vote" struck out, "approved" inserted.
    assert "Seawall vote approved" in panel.diff_text()
    assert "The body is the same." in panel.diff_text()


def test_the_diff_opens_at_the_first_change_with_room_to_read_it(qtbot, ui_ctx, ctx) -> None:
    """A change at the end of a long article: the diff showed its top, paragraphs that are the
    same on both sides, and the change was out of sight; and in a dock a third of a laptop's
    window the list of revisions took two thirds of it."""
    paragraphs = [f"Paragraph {n} about the harbour, the same in both." for n in range(60)]
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Long read", body="\n\n".join(paragraphs)))
        first = revisions.record_revision(s, rec.id, "save", now=T0)
        update_article(s, rec.id, {"body": "\n\n".join([*paragraphs, "A late correction."])})
        second = revisions.record_revision(s, rec.id, "save", now=T0 + timedelta(minutes=5))
    panel = HistoryPanel(ui_ctx)
    qtbot.addWidget(panel)
    panel.resize(1300, 270)  # the History dock on a 1366x768 laptop
    panel.show()
    with qtbot.waitSignal(panel.refreshed):
        panel.set_article(rec.id)
    assert panel.view.height() > panel.list.height()
    _click(qtbot, panel, first.id)
    with qtbot.waitSignal(panel.diff_shown):
        _click(qtbot, panel, second.id, add=True)
    view = panel.view
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    shown = view.document().toPlainText()[top:bottom]
    assert "A late correction." in shown, shown


def test_the_compare_shows_every_field_a_restore_would_bring_back(
    qtbot, panel, article, ctx
) -> None:
    """Seen when tried as a person: a revision compared with the article now said "Headline,
    standfirst, tags, section and byline unchanged" while its caption, credit, image
    description and SEO text differed, and Restore would have put the old ones back unseen."""
    with ctx.session() as s:
        update_article(
            s,
            article[0],
            {
                "image_caption": "The old sea wall at low tide",
                "image_credit": "Photo: Harbour Trust",
                "seo_description": "Saltmere votes on its seawall",
            },
        )
    with qtbot.waitSignal(panel.diff_shown):
        _click(qtbot, panel, article[1][1])
    shown = panel.diff_text()
    for words in ("Caption", "The old sea wall at low tide", "Credit", "Photo: Harbour Trust",
                  "SEO description", "Saltmere votes on its seawall"):  # fmt: skip
        assert words in shown, (words, shown)
    assert "unchanged" not in shown
    assert panel.list.currentItem() is not None
    with ctx.session() as s:  # the list's summary names them too
        infos = revisions.list_revisions(s, article[0])
        revisions.record_revision(s, article[0], "save", now=T0 + timedelta(minutes=20))
        newest = revisions.list_revisions(s, article[0])[0]
    assert "caption changed" in newest.summary and len(infos) == 2
