"""The ranked search plan (newsdesk_bm25 through APSW, no scan of the whole index) against
FTS5's own bm25 on a real library: the same best ten for every kind of query the search bench
runs, exactly the phrase matches for a phrase, and the app's search process kept alive."""

from __future__ import annotations

import itertools
import json
import random
import sqlite3
from pathlib import Path

import pytest

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.search import search, search_ranked, search_sqlite, to_fts_query
from newsdesk.storage.fts_rank import open_read_only
from tests.conftest import run_cli

apsw = pytest.importorskip("apsw")

WORDS = [
    *("harbour", "council", "ferry", "budget", "drought", "minister", "county", "election"),
    *("river", "festival", "school", "hospital", "storm", "railway", "market", "village"),
    *("museum", "football", "harvest", "bridge", "court", "police", "theatre", "airport"),
    *("factory", "garden", "library", "forest", "island", "valley", "station"),
]
QUERIES = {
    "common word": ["harbour", "council"],
    "mid word": ["museum", "bridge"],
    "rare word": ["valley", "station"],
    "two words": ["harbour ferry", "county storm", "council valley"],
    "phrase": ['"harbour council"', '"ferry budget"', '"county election"'],
    "broad prefix": ["ha*", "co*", "f*"],
}


def _corpus(ctx, count: int = 400) -> None:  # type: ignore[no-untyped-def]
    rng = random.Random(17)
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    with ctx.session() as s:
        for i in range(count):
            body = " ".join(rng.choices(WORDS, weights, k=rng.randrange(20, 160))) + "."
            headline = " ".join(rng.choices(WORDS, weights, k=rng.randrange(2, 7))).capitalize()
            tags = sorted(set(rng.choices(WORDS[8:], k=2)))
            create_article(s, ArticleRecord(headline=f"{headline} {i}", body=body, tags=tags))


def _bm25(db: Path, query: str) -> dict[int, float]:
    """FTS5's own bm25 for every match (the index's configured rank)."""
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT rowid, rank FROM article_fts WHERE article_fts MATCH ?", (to_fts_query(query),)
        ).fetchall()
    finally:
        conn.close()
    return dict(rows)


def _assert_same_best_ten(ids: list[int], bm25: dict[int, float]) -> None:
    """The best ten by bm25 (ties at the tenth place may be either) in bm25's order."""
    best = sorted(bm25.values())
    tenth = best[min(9, len(best) - 1)]
    assert len(ids) == min(10, len(bm25))
    scores = [bm25[i] for i in ids]
    assert all(score <= tenth + 1e-9 for score in scores), (scores, best[:10])
    assert all(a <= b + 1e-9 for a, b in itertools.pairwise(scores)), scores


def test_every_query_kind_gives_bm25s_best_ten(ctx, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    _corpus(ctx)
    ranked = open_read_only(db_path)
    plain = sqlite3.connect(db_path)
    try:
        for kind, queries in QUERIES.items():
            for query in queries:
                bm25 = _bm25(db_path, query)
                assert len(bm25) > 10, (kind, query)  # a real choice of ten
                with ctx.session() as s:
                    app = [h.id for h in search(s, query, limit=10)]  # the app's search process
                quick = [h.id for h in search_ranked(ranked, query, limit=10)]  # newsdesk search
                stock = [h.id for h in search_sqlite(plain, query, limit=10)]  # FTS5's bm25
                for ids in (app, quick, stock):
                    _assert_same_best_ten(ids, bm25)
    finally:
        ranked.close()
        plain.close()


def test_phrase_plan_returns_exactly_the_phrase_matches(ctx, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    texts = {
        "phrase in body": "The county council met on Tuesday.",
        "phrase in headline": "Nothing about it here.",
        "words apart": "The county has a new council.",
        "reversed": "A council of the county.",
        "across punctuation": "Across the county. Council members left.",
        "case and plural": "COUNTY COUNCILS voted.",
        "one word only": "The county fair opens.",
    }
    ids = {}
    with ctx.session() as s:
        for name, body in texts.items():
            headline = "County council votes" if name == "phrase in headline" else name
            ids[name] = create_article(s, ArticleRecord(headline=headline, body=body)).id
    expected = {ids["phrase in body"], ids["phrase in headline"], ids["across punctuation"]}
    ranked = open_read_only(db_path)
    try:
        quick = {h.id for h in search_ranked(ranked, '"county council"')}
    finally:
        ranked.close()
    with ctx.session() as s:
        app = {h.id for h in search(s, '"county council"')}
    assert quick == app == expected == set(_bm25(db_path, '"county council"'))
    cli = run_cli("search", '"county council"', "--json", db=db_path)  # the quick path
    assert cli.returncode == 0, cli.stderr
    assert {hit["id"] for hit in json.loads(cli.stdout)} == expected
    with ctx.session() as s:
        [hit] = [h for h in search(s, '"county council"') if h.id == ids["phrase in body"]]
    assert hit.snippet_marked() == "The [county council] met on Tuesday."


def test_app_search_survives_its_process_being_killed_and_ends_with_the_library(
    ctx,  # type: ignore[no-untyped-def]
) -> None:
    from newsdesk.core import search_server

    with ctx.session() as s:
        a = create_article(s, ArticleRecord(headline="Ferry strike", body="No ferries ran.")).id
    with ctx.session() as s:
        assert [h.id for h in search(s, "ferry")] == [a]
    server = search_server._servers[ctx.library.engine]
    proc = server._proc
    assert proc is not None and proc.poll() is None
    proc.kill()
    proc.wait()
    with ctx.session() as s:
        b = create_article(s, ArticleRecord(headline="Ferry back", body="Ferries run.")).id
        assert {h.id for h in search(s, "ferry")} == {a, b}  # not committed: searched here
    with ctx.session() as s:
        assert {h.id for h in search(s, "ferry")} == {a, b}  # a new process, the new article
    assert server._proc is not None and server._proc is not proc
    second = server._proc
    search_server.close_server(ctx.library.engine)
    assert second.poll() is not None  # ended with the library


def test_without_a_search_process_the_app_searches_itself(ctx, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsdesk.core import search_server

    monkeypatch.setattr(search_server, "can_serve", lambda: False)  # as in a frozen bundle
    with ctx.session() as s:
        a = create_article(s, ArticleRecord(headline="Tide tables", body="High tide.")).id
    with ctx.session() as s:
        assert [h.id for h in search(s, '"high tide"')] == [a]
    assert ctx.library.engine not in search_server._servers
