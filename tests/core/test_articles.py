"""Articles in the library: identity, slugs, relations, optimistic locking, times in UTC."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import select

from newsdesk.core.articles import (
    ArticleRecord,
    create_article,
    delete_article,
    get_article,
    list_articles,
    update_article,
)
from newsdesk.domain.listing import LibraryFilter
from newsdesk.errors import ConflictError, NotFoundError, UserError
from newsdesk.storage.models import ArticleTag, Tag


def test_create_fills_identity_slug_and_relations(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        rec = create_article(
            s,
            ArticleRecord(
                headline="Qatar’s sea wall — explained",
                section="World",
                tags=["Climate", "climate", "Coasts"],
                byline=["A. Writer", "B. Writer"],
            ),
        )
        dup = create_article(s, ArticleRecord(headline="Qatar’s sea wall — explained"))
    assert rec.slug == "qatars-sea-wall-explained" and dup.slug == "qatars-sea-wall-explained-2"
    assert len(rec.uuid or "") == 36 and rec.version == 1
    assert rec.tags == ["Climate", "Coasts"] and rec.byline == ["A. Writer", "B. Writer"]
    assert rec.section == "World" and rec.created_at is not None and rec.created_at.tzinfo is UTC
    with ctx.session() as s:
        assert get_article(s, rec.uuid[:8]).id == rec.id  # type: ignore[index]
        assert get_article(s, rec.slug).id == rec.id
        assert get_article(s, str(rec.id)).id == rec.id


def test_update_refuses_a_stale_version(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Draft", body="one"))
    with ctx.session() as s:
        first = update_article(s, rec.id, {"body": "two"}, expected_version=rec.version)
    assert first.version == rec.version + 1
    with pytest.raises(ConflictError, match="changed elsewhere"), ctx.session() as s:
        update_article(s, rec.id, {"body": "three"}, expected_version=rec.version)
    with ctx.session() as s:
        assert get_article(s, rec.id).body == "two"


def test_times_are_stored_in_utc(ctx) -> None:  # type: ignore[no-untyped-def]
    from zoneinfo import ZoneInfo

    local = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Qatar"))
    with ctx.session() as s:
        rec = create_article(
            s, ArticleRecord(headline="Timed", published_at=local, status="published")
        )
    with ctx.session() as s:
        back = get_article(s, rec.id)
    assert back.published_at == local and back.published_at.utcoffset().total_seconds() == 0  # type: ignore[union-attr]


def test_delete_removes_relations(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Gone soon", tags=["x"]))
    with ctx.session() as s:
        delete_article(s, rec.id)  # type: ignore[arg-type]
        assert s.exec(select(ArticleTag)).all() == []
        assert s.exec(select(Tag)).first() is not None  # the tag itself stays
    with pytest.raises(NotFoundError), ctx.session() as s:
        get_article(s, rec.id)  # type: ignore[arg-type]


def test_filters_and_bad_status(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        create_article(
            s, ArticleRecord(headline="A", section="World", tags=["t1"], status="published")
        )
        create_article(s, ArticleRecord(headline="B", section="Sport", status="draft"))
        assert [a.headline for a in list_articles(s, LibraryFilter(status="published"))] == ["A"]
        assert [a.headline for a in list_articles(s, LibraryFilter(section="sport"))] == ["B"]
        assert [a.headline for a in list_articles(s, LibraryFilter(tag="t1"))] == ["A"]
        with pytest.raises(UserError, match="Unknown status"):
            create_article(s, ArticleRecord(headline="C", status="posted"))
