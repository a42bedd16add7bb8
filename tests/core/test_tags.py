"""Tag rename, merge and delete keep the library consistent: links, counts, search, the page."""

from __future__ import annotations

from bs4 import BeautifulSoup
from sqlalchemy import text
from sqlmodel import Session

from newsdesk.core import tags
from newsdesk.core.articles import ArticleRecord, create_article, get_article
from newsdesk.core.pages import PREVIEW_LINKER, render_article_page
from newsdesk.core.search import search
from newsdesk.core.settings import load_settings
from newsdesk.render.page import load_theme

SEAWALL = "porto-calhau-approves-seawall-after-flooding"


def _page_tags(session: Session, ctx, ref: str) -> list[str]:
    theme = load_theme(ctx.resources, load_settings(session).theme)
    html = render_article_page(session, ref, PREVIEW_LINKER, theme)
    return [a.get_text() for a in BeautifulSoup(html, "html.parser").select("ul.tags a")]


def _dangling(session: Session) -> int:
    return session.execute(
        text(
            "SELECT count(*) FROM article_tag at LEFT JOIN tag t ON t.id = at.tag_id "
            "LEFT JOIN article a ON a.id = at.article_id WHERE t.id IS NULL OR a.id IS NULL"
        )
    ).scalar_one()


def _counts(session: Session) -> dict[str, int]:
    return {t.name: t.articles for t in tags.list_tag_infos(session)}


def _ids(hits) -> set[int]:
    return {h.id for h in hits}


def test_rename_updates_links_search_and_page(sample_ctx) -> None:
    with sample_ctx.session() as s:
        before = _counts(s)["coastal cities"]
        tagged = {a.id for a in tags.tag_articles(s, "coastal cities")}
        assert not search(s, "littoral")
        info = tags.rename_tag(s, "coastal cities", "Littoral towns")
    assert info.slug == "littoral-towns" and info.articles == before == len(tagged)
    with sample_ctx.session() as s:
        counts = _counts(s)
        assert "coastal cities" not in counts and counts["Littoral towns"] == before
        assert _ids(search(s, "littoral")) == tagged
        assert _dangling(s) == 0
        assert "Littoral towns" in get_article(s, SEAWALL).tags
        assert "Littoral towns" in _page_tags(s, sample_ctx, SEAWALL)
        assert "coastal cities" not in _page_tags(s, sample_ctx, SEAWALL)


def test_rename_keeps_a_slug_set_by_hand(ctx) -> None:
    with ctx.session() as s:
        tags.add_tag(s, "Climate", slug="climate-crisis")
        renamed = tags.rename_tag(s, "Climate", "Climate change")
        assert renamed.slug == "climate-crisis"
        tags.add_tag(s, "Oceans")
        assert tags.rename_tag(s, "Oceans", "Seas").slug == "seas"


def test_rename_onto_an_existing_tag_points_to_merge(sample_ctx) -> None:
    import pytest

    from newsdesk.errors import UserError

    with sample_ctx.session() as s, pytest.raises(UserError, match="merge"):
        tags.rename_tag(s, "flooding", "climate")


def test_merge_keeps_one_copy_per_article(sample_ctx) -> None:
    with sample_ctx.session() as s:
        counts = _counts(s)
        union = {
            a.id
            for name in ("climate", "flooding", "infrastructure")
            for a in tags.tag_articles(s, name)
        }
        seawall_before = get_article(s, SEAWALL).tags
        result = tags.merge_tags(s, ["flooding", "infrastructure"], into="climate")
    assert set(result.merged) == {"flooding", "infrastructure"}
    assert (
        result.target.articles
        == len(union)
        < counts["climate"] + counts["flooding"] + counts["infrastructure"]
    )
    with sample_ctx.session() as s:
        after = _counts(s)
        assert "flooding" not in after and "infrastructure" not in after
        assert after["climate"] == len(union)
        seawall = get_article(s, SEAWALL).tags
        # climate was first; it stays first, and appears once.
        assert seawall == [t for t in seawall_before if t not in ("flooding", "infrastructure")]
        assert seawall.count("climate") == 1
        assert _dangling(s) == 0
        assert _page_tags(s, sample_ctx, SEAWALL) == seawall
        # Full-text: the merged names are gone from the tag copy.
        row = s.execute(
            text("SELECT tags_text FROM article WHERE slug = :s"), {"s": SEAWALL}
        ).scalar_one()
        assert "flooding" not in row and "infrastructure" not in row


def test_merge_into_a_new_tag(ctx) -> None:
    with ctx.session() as s:
        a = create_article(s, ArticleRecord(headline="One", body="x", tags=["Footy", "sport"]))
        b = create_article(s, ArticleRecord(headline="Two", body="y", tags=["Soccer"]))
        result = tags.merge_tags(s, ["Footy", "Soccer"], into="Football")
        assert result.target.articles == 2
        assert get_article(s, a.id).tags == ["Football", "sport"]
        assert get_article(s, b.id).tags == ["Football"]
        assert {h.id for h in search(s, "football")} == {a.id, b.id}
        assert not search(s, "soccer")


def test_delete_then_undo(sample_ctx) -> None:
    with sample_ctx.session() as s:
        tagged = {a.id for a in tags.tag_articles(s, "flooding")}
        seawall_before = get_article(s, SEAWALL).tags
        gone = tags.delete_tag(s, "flooding")
    assert gone.articles == len(tagged) > 0
    with sample_ctx.session() as s:
        assert "flooding" not in _counts(s)
        assert _dangling(s) == 0
        assert "flooding" not in get_article(s, SEAWALL).tags
        assert "flooding" not in _page_tags(s, sample_ctx, SEAWALL)
        assert not (_ids(search(s, "flooding")) - _body_mentions(s, "flooding"))
        tags.restore_tag(s, gone)
    with sample_ctx.session() as s:
        assert _counts(s)["flooding"] == len(tagged)
        assert get_article(s, SEAWALL).tags == seawall_before
        assert _page_tags(s, sample_ctx, SEAWALL) == seawall_before


def _body_mentions(s: Session, word: str) -> set[int]:
    rows = s.execute(
        text("SELECT id FROM article WHERE lower(body||headline||standfirst) LIKE :w"),
        {"w": f"%{word}%"},
    ).all()
    return {r[0] for r in rows}


def test_tag_changes_bump_article_versions(sample_ctx) -> None:
    with sample_ctx.session() as s:
        version = get_article(s, SEAWALL).version
        tags.rename_tag(s, "flooding", "floods")
        assert get_article(s, SEAWALL).version == version + 1


def test_bulk_add_and_remove(sample_ctx) -> None:
    with sample_ctx.session() as s:
        ids = [a.id for a in tags.tag_articles(s, "climate")][:2]
        changed = tags.bulk_tag(s, ids, add=["Heat"], remove=["climate"])
        assert changed == ids
        for article_id in ids:
            names = get_article(s, article_id).tags
            assert "Heat" in names and "climate" not in names
        assert {h.id for h in search(s, "heat")} >= set(ids)


def test_suggestions_come_from_the_text(sample_ctx) -> None:
    with sample_ctx.session() as s:
        found = tags.suggest_tags(
            s, "Housing costs rose along the coastal cities; Housing again.", current=["climate"]
        )
        names = [t.name for t in found]
        assert names[:2] == ["housing", "coastal cities"]
        assert "climate" not in names
