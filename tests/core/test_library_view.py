"""Keyset paging of the library list: every article exactly once, in order, with filters."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.library_view import LibraryFilter, count_articles, list_page
from newsdesk.services import bulk


def _fill(ctx, n=25):
    start = datetime(2026, 1, 1, tzinfo=UTC)
    with ctx.session() as s:
        for i in range(n):
            create_article(
                s,
                ArticleRecord(
                    headline=f"Story {i:02d}",
                    body="word " * i,
                    section="World" if i % 2 else "Sport",
                    tags=["Ports"] if i % 5 == 0 else [],
                    # several articles share a timestamp: paging must still not skip any
                    updated_at=start + timedelta(minutes=i // 3),
                ),
            )


def _all_pages(ctx, flt=None, **kw):
    flt = flt or LibraryFilter()
    rows, after = [], None
    with ctx.session() as s:
        while True:
            page = list_page(s, flt, after=after, limit=4, **kw)
            rows += page
            if len(page) < 4:
                return rows
            after = page[-1]


def test_pages_cover_everything_once_in_order(ctx):
    _fill(ctx)
    for sort in ("updated", "headline", "section", "status", "words"):
        for descending in (True, False):
            rows = _all_pages(ctx, sort=sort, descending=descending)
            assert sorted(r.id for r in rows) == list(range(1, 26)), (sort, descending)
    newest_first = _all_pages(ctx)
    assert [r.updated_at for r in newest_first] == sorted(
        (r.updated_at for r in newest_first), reverse=True
    )
    by_headline = _all_pages(ctx, sort="headline", descending=False)
    assert [r.headline for r in by_headline] == [f"Story {i:02d}" for i in range(25)]


def test_filters(ctx):
    _fill(ctx)
    with ctx.session() as s:
        bulk.set_status(s, [1, 2, 3], "ready")
        assert count_articles(s, LibraryFilter(status="ready")) == 3
        assert count_articles(s, LibraryFilter(section="Sport")) == 13
        assert count_articles(s, LibraryFilter(tag="ports")) == 5
        assert count_articles(s, LibraryFilter(section="Nowhere")) == 0
        assert count_articles(s, LibraryFilter(section="")) == 0
    assert {r.section for r in _all_pages(ctx, LibraryFilter(section="World"))} == {"World"}
