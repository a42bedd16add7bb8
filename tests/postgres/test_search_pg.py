"""Full-text search on PostgreSQL beyond the shared search tests: the query translation, OR
and NOT, and queries made of punctuation."""

from __future__ import annotations

import pytest

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.search import search, to_fts_query, to_tsquery_text


@pytest.mark.parametrize(
    ("query", "fts5", "tsquery"),
    [
        ("harbour ferry", '"harbour" "ferry"', "harbour & ferry"),
        ('"late goal" ferr*', '"late goal" "ferr"*', "(late <-> goal) & ferr:*"),
        ("well-known", '"well-known"', "(well <-> known)"),
        ("ports OR harbours", '"ports" OR "harbours"', "ports | harbours"),
        ("ports NOT harbours", '"ports" NOT "harbours"', "ports & ! harbours"),
        ("AND ports OR", '"ports"', "ports"),
        ("&|! :* (x)", '"x"', "x"),
        ("&&& !!!", "", ""),
    ],
)
def test_one_parse_gives_both_query_languages(query: str, fts5: str, tsquery: str) -> None:
    assert to_fts_query(query) == fts5
    assert to_tsquery_text(query) == tsquery


def _headlines(ctx, query: str) -> list[str]:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        return sorted(h.headline for h in search(s, query))


def test_or_not_and_punctuation_on_postgres(ctx) -> None:  # type: ignore[no-untyped-def]
    with ctx.session() as s:
        for headline, body in [
            ("Ports", "Container ports expand."),
            ("Harbours", "Old harbours silt up."),
            ("Both", "Ports and harbours merge."),
        ]:
            create_article(s, ArticleRecord(headline=headline, body=body))
    assert _headlines(ctx, "ports OR harbours") == ["Both", "Harbours", "Ports"]
    assert _headlines(ctx, "ports NOT harbours") == ["Ports"]
    assert _headlines(ctx, "harbours: (silt) & up!") == ["Harbours"]
    assert _headlines(ctx, "&|!") == []
    with ctx.session() as s:
        [hit] = search(s, '"silt up"')
    assert hit.snippet_marked() == "Old harbours [silt up]."
