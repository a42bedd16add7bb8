"""Full-text search: ranked, with snippets, always in step with the articles."""

from __future__ import annotations

from newsdesk.core.articles import ArticleRecord, create_article, delete_article, update_article
from newsdesk.core.search import search, to_fts_query


def _add(ctx, **fields) -> int:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        return create_article(s, ArticleRecord(**fields)).id  # type: ignore[return-value]


def _ids(ctx, query: str) -> list[int]:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        return [h.id for h in search(s, query)]


def test_finds_by_body_headline_tag_and_byline(ctx) -> None:  # type: ignore[no-untyped-def]
    a = _add(
        ctx,
        headline="Harbour reopens",
        body="The ferry terminal welcomed passengers.",
        section="World",
    )
    b = _add(
        ctx,
        headline="Budget day",
        body="Ministers set out plans.",
        tags=["fiscal policy"],
        section="Business",
    )
    c = _add(
        ctx,
        headline="Match report",
        body="A late goal.",
        byline=["Ingrid Solberg"],
        section="Sport",
    )
    assert _ids(ctx, "ferry") == [a]
    assert _ids(ctx, "harbour") == [a]
    assert _ids(ctx, "fiscal") == [b]
    assert _ids(ctx, "solberg") == [c]
    assert _ids(ctx, "nothing-like-this") == []


def test_best_match_first_with_highlighted_snippet(ctx) -> None:  # type: ignore[no-untyped-def]
    weak = _add(ctx, headline="Farm news", body="Prices rose. " * 30 + "One mention of drought.")
    strong = _add(
        ctx,
        headline="Drought grips the south",
        body="The drought has lasted a year. Drought again.",
    )
    with ctx.session() as s:
        hits = search(s, "drought")
    assert [h.id for h in hits] == [strong, weak]
    assert "[drought]" in hits[1].snippet_marked().lower()


def test_query_syntax_phrases_prefix_and_punctuation(ctx) -> None:  # type: ignore[no-untyped-def]
    a = _add(ctx, headline="County council votes", body="The county council voted on Tuesday.")
    b = _add(ctx, headline="Council of the county", body="A council in the county met.")
    assert set(_ids(ctx, "county council")) == {a, b}
    assert _ids(ctx, '"county council"') == [a]
    assert set(_ids(ctx, "count*")) == {a, b}
    assert _ids(ctx, 'AND "(unbalanced') == []  # never a syntax error
    assert to_fts_query('cost-of-living "rent cap" hous*') == '"cost-of-living" "rent cap" "hous"*'


def test_index_follows_edits_and_deletes(ctx) -> None:  # type: ignore[no-untyped-def]
    a = _add(ctx, headline="Old words", body="The zeppelin landed.", tags=["aviation"])
    with ctx.session() as s:
        update_article(
            s, a, {"body": "The airship landed.", "tags": ["airships"], "byline": ["Noor Kassem"]}
        )
    assert _ids(ctx, "zeppelin") == [] and _ids(ctx, "aviation") == []
    assert (
        _ids(ctx, "airship") == [a] and _ids(ctx, "airships") == [a] and _ids(ctx, "kassem") == [a]
    )
    with ctx.session() as s:
        delete_article(s, a)
    assert _ids(ctx, "airship") == []


def test_broad_query_on_many_articles_prefers_recent_matches(ctx) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.core import search as search_mod

    old_limit = search_mod.CANDIDATES
    search_mod.CANDIDATES = 5
    try:
        ids = [_add(ctx, headline=f"Report {i}", body="Weather today.") for i in range(12)]
        found = _ids(ctx, "weather")
        assert len(found) == 5 and set(found) <= set(ids[-5:])
    finally:
        search_mod.CANDIDATES = old_limit
