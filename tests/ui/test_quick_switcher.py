"""Ctrl+P: type part of a headline, Enter, and the article is open."""

from __future__ import annotations

from PySide6.QtCore import Qt

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.quickopen import Headline, matching


def test_matching_takes_words_in_any_order_and_ignores_case_and_accents():
    items = [Headline(1, "Café owners protest rent", "draft"), Headline(2, "Rent rises", "draft")]
    assert [i.id for i in matching(items, "cafe RENT")] == [1]
    assert [i.id for i in matching(items, "rent")] == [2, 1]  # starting with it first
    assert len(matching(items, "")) == 2


def test_ctrl_p_opens_an_article_by_headline(ctx, qtbot, make_window):
    with ctx.session() as s:
        for headline in ("Ferry strike ends", "Harbour cranes return", "Storm closes bridge"):
            create_article(s, ArticleRecord(headline=headline, body=f"{headline}."))
    window = make_window(ctx)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    switcher = window.views.switcher
    qtbot.waitUntil(lambda: switcher.isVisible() and switcher.results.count() == 3)
    qtbot.keyClicks(switcher.query, "cranes")
    assert switcher.results.count() == 1
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        qtbot.keyClick(switcher.query, Qt.Key.Key_Return)
    assert window.record.headline == "Harbour cranes return"
    assert not switcher.isVisible()
