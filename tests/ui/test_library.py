"""The library browser driven like a person: filters, search with snippets, bulk changes,
tag completion in the metadata panel."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt

from newsdesk.core.articles import get_article, list_articles
from newsdesk.core.search import SNIPPET_OPEN


def _select_rows(window, rows):
    table = window.library.table
    selection = table.selectionModel()
    selection.clearSelection()
    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    for row in rows:
        selection.select(window.library.model.index(row, 0), flags)


def _wait_reload(qtbot, window, action):
    with qtbot.waitSignal(window.library.model.loaded, timeout=10000):
        action()


def test_status_section_and_tag_filters(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    browser = window.library
    with sample_ctx.session() as s:
        everything = list_articles(s)
    assert browser.model.total == len(everything)
    assert browser.count_label.text() == f"{len(everything)} articles"
    qtbot.waitUntil(lambda: browser.section_filter.count() > 2)
    _wait_reload(qtbot, window, lambda: browser.section_filter.setCurrentText("Sport"))
    sport = [a for a in everything if a.section == "Sport"]
    assert browser.model.total == len(sport) > 0
    assert {row.section for row in browser.model.rows} == {"Sport"}
    _wait_reload(qtbot, window, lambda: browser.section_filter.setCurrentIndex(0))
    tag = next(a.tags.split(", ")[0] for a in everything if a.tags)
    _wait_reload(qtbot, window, lambda: browser.tag_filter.setCurrentText(tag))
    assert browser.model.total == sum(tag in a.tags.split(", ") for a in everything)
    if browser.model.total == 1:
        assert browser.count_label.text() == "1 article"
    _wait_reload(qtbot, window, lambda: browser.tag_filter.setCurrentIndex(0))
    _wait_reload(
        qtbot,
        window,
        lambda: browser.status_filter.setCurrentIndex(browser.status_filter.findData("archived")),
    )
    assert browser.model.total == 0 and browser.count_label.text() == "0 articles"


def test_search_shows_highlighted_snippets_and_opens_a_hit(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    browser = window.library
    with qtbot.waitSignal(browser.searched, timeout=5000):
        qtbot.keyClicks(browser.search_box, "wheat")
    assert browser.stack.currentWidget() is browser.hits_view
    hits = browser.results.hits
    assert hits and SNIPPET_OPEN in hits[0].snippet
    assert "found for “wheat”" in browser.count_label.text()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        browser.hits_view.clicked.emit(browser.results.index(0))
    assert window.record.id == hits[0].id
    browser.search_box.clear()
    qtbot.waitUntil(lambda: browser.stack.currentWidget() is browser.table)


def test_bulk_status_change_on_a_multi_selection(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    _select_rows(window, [1, 2, 3])
    ids = window.library.selected_ids()
    assert len(ids) == 3
    with qtbot.waitSignal(window.library.library_changed, timeout=10000):
        window.library.bulk_set_status("in_review")
    with sample_ctx.session() as s:
        assert {get_article(s, i).status for i in ids} == {"in_review"}
    qtbot.waitUntil(lambda: len(window.library.model.rows) > 0)
    statuses = {row.id: row.status for row in window.library.model.rows}
    assert all(statuses[i] == "in_review" for i in ids)


def test_bulk_tag_and_section(sample_ctx, qtbot, make_window, prompts):
    window = make_window(sample_ctx)
    qtbot.waitUntil(lambda: window.library.section_filter.count() > 2)
    _select_rows(window, [0, 1])
    ids = window.library.selected_ids()
    prompts.answers.extend(["Harbours, Weather", "Culture"])
    with qtbot.waitSignal(window.library.library_changed, timeout=10000):
        window.library.bulk_add_tag()
    _select_rows(window, [0, 1]) if window.library.model.rows else None
    qtbot.waitUntil(lambda: len(window.library.model.rows) > 1)
    with qtbot.waitSignal(window.library.library_changed, timeout=10000):
        window.library.bulk_move_to_section()
    with sample_ctx.session() as s:
        for i in ids:
            rec = get_article(s, i)
            assert {"Harbours", "Weather"} <= set(rec.tags)


def test_archive_and_duplicate_the_open_article(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    first = window.library.model.rows[0].id
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(first)
    window.library.table.clearSelection()
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.act_duplicate.trigger()
    copy = window.record
    assert copy.id != first and copy.headline.endswith("(copy)")
    window.act_archive.trigger()

    def archived() -> bool:  # the refresh left by Duplicate may land first: wait for the row
        with sample_ctx.session() as s:
            return get_article(s, copy.id).status == "archived"

    qtbot.waitUntil(archived, timeout=10000)
    qtbot.waitUntil(lambda: window.metadata.status.currentData() == "archived")


def test_tag_completion_and_new_tag_on_enter(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    first = window.library.model.rows[0].id
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(first)
    tags = window.metadata.tags
    qtbot.waitUntil(lambda: tags.completer.model().rowCount() > 0)
    known = tags.completer.model().stringList()
    tags.input.setFocus()
    fragment = known[0][1:4].lower()
    qtbot.keyClicks(tags.input, fragment)
    tags.completer.setCompletionPrefix(fragment)
    assert known[0] in [
        tags.completer.completionModel().index(i, 0).data()
        for i in range(tags.completer.completionModel().rowCount())
    ]
    tags.input.clear()
    qtbot.keyClicks(tags.input, "Brand new tag")
    qtbot.keyClick(tags.input, Qt.Key.Key_Return)
    assert "Brand new tag" in tags.tags()
    qtbot.waitUntil(lambda: "Brand new tag" in get_article_tags(sample_ctx, first), timeout=5000)


def get_article_tags(ctx, article_id):
    with ctx.session() as s:
        return get_article(s, article_id).tags


def test_headline_budget_warning(sample_ctx, qtbot, make_window):
    window = make_window(sample_ctx)
    first = window.library.model.rows[0].id
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(first)
    panel = window.metadata
    panel.headline.clear()
    qtbot.keyClicks(panel.headline, "x" * 95)
    qtbot.waitUntil(lambda: panel.headline_count.property("over") is True)
    assert panel.headline_count.text().startswith("95 /")


def test_updated_dates_are_short_with_the_full_date_on_hover(sample_ctx, qtbot, make_window):
    from datetime import datetime

    from PySide6.QtCore import Qt

    from newsdesk.ui.library.model import short_date

    now = datetime(2026, 11, 28, 10, 30)
    assert short_date(datetime(2026, 11, 28, 9, 5), now) == "Today 09:05"
    assert short_date(datetime(2026, 11, 27, 23, 59), now) == "Yesterday 23:59"
    assert short_date(datetime(2026, 1, 2, 8, 0), now) == "02 Jan"
    assert short_date(datetime(2025, 12, 31, 8, 0), now) == "31 Dec 2025"
    window = make_window(sample_ctx)
    model = window.library.model
    index = model.index(0, 3)
    shown = model.data(index)
    full = model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert len(shown) <= 15 and full.startswith("Updated ") and full.count(" ") >= 5
    table = window.library.table
    if table.isColumnHidden(3):  # a narrow library: the headline's tooltip holds it
        tip = model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
        assert f"Updated: {shown}" in tip
    else:
        assert table.columnWidth(3) >= table.fontMetrics().horizontalAdvance(shown)


def test_columns_step_aside_as_the_library_narrows_and_come_back(sample_ctx, qtbot, prompts):
    """A narrow library keeps its headlines readable: the columns that do not fit are
    hidden, least needed last, the headline's tooltip says what they held (and an embargo's
    end, which a second, unreachable tooltip branch used to hold); widened, all come back."""
    from datetime import UTC, datetime, timedelta

    from newsdesk.core.articles import update_article
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.library.browser import LibraryBrowser
    from newsdesk.ui.library.model import COLUMNS

    with sample_ctx.session() as s:
        first = list_articles(s)[0]
        update_article(s, first.id, {"embargo_at": datetime.now(UTC) + timedelta(days=2)})
    browser = LibraryBrowser(UiContext(sample_ctx, prompts))
    qtbot.addWidget(browser)
    browser.resize(1100, 500)
    browser.show()
    browser.start(choices=False)
    qtbot.waitUntil(lambda: browser.model.rowCount() > 3)
    header = browser.table.horizontalHeader()
    names = [name for name, _label in COLUMNS]

    def hidden():
        return {n for i, n in enumerate(names) if header.isSectionHidden(i)}

    qtbot.waitUntil(lambda: not hidden())
    browser.resize(300, 500)
    qtbot.waitUntil(lambda: "section" in hidden())
    assert "status" not in hidden() and header.sectionSize(0) >= 170
    assert browser.table.horizontalScrollBar().maximum() == 0
    row = next(r for r in browser.model.rows if r.id == first.id)
    tip = browser.model.data(
        browser.model.index(browser.model.rows.index(row), 0), Qt.ItemDataRole.ToolTipRole
    )
    assert row.headline in tip and "Embargoed until" in tip
    assert f"Section: {row.section}" in tip
    browser.resize(1100, 500)
    qtbot.waitUntil(lambda: not hidden())
    tip = browser.model.data(browser.model.index(0, 0), Qt.ItemDataRole.ToolTipRole)
    assert "Section:" not in tip


def test_a_search_with_more_matches_than_shown_says_so(ctx, qtbot, make_window):
    """Seen when tried as a person on a 10,000-article library: "harbour tariff" said "100
    found" — the list's limit, not the count; many more articles matched."""
    from newsdesk.core.articles import ArticleRecord, create_article

    with ctx.session() as s:
        for n in range(105):
            create_article(
                s, ArticleRecord(headline=f"Harbour tariff story {n}", body="The harbour tariff.")
            )
        create_article(s, ArticleRecord(headline="Ferry times", body="The ferry runs at dawn."))
    window = make_window(ctx)
    browser = window.library
    from tests.ui.events import handle_posted_events

    handle_posted_events(qtbot)
    wide = browser.width()
    with qtbot.waitSignal(browser.searched, timeout=10000):
        qtbot.keyClicks(browser.search_box, "harbour tariff")
    assert len(browser.results.hits) == 100
    label = browser.count_label.text()
    assert "100 found" not in label
    assert label.startswith("The 100 best matches for “harbour tariff”"), label
    handle_posted_events(qtbot)
    assert browser.width() == wide  # the words wrap; the library does not grow for them
    browser.search_box.clear()
    with qtbot.waitSignal(browser.searched, timeout=10000):
        qtbot.keyClicks(browser.search_box, "ferry")
    assert browser.count_label.text() == "1 found for “ferry”"
