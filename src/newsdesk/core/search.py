"""Ranked full-text search over the library (SQLite FTS5 with bm25, or PostgreSQL's tsvector
with ts_rank_cd) with highlighted snippets.

Ranking every match of a broad query (``count*``, a common word) is what makes plain
``ORDER BY rank`` slow on a large library. The plan here: one walk of the index newest first
that stops after ``CANDIDATES`` matches, scoring each with bm25 on the way, then the best of
those in Python. A narrow query has fewer matches than that, so every match is ranked exactly;
a broad one ranks the most recent few thousand articles — what a newsroom searching for a
common word wants anyway — and never pays for ranking the whole archive. PostgreSQL follows
the same plan over the ``search_vector`` column of revision 0005.

FTS5's own bm25 still reads the whole index once per phrase for its IDF (a phrase of two
common words: a position check in nearly every article). The ranked plan (``search_ranked``,
what the app and ``newsdesk search`` use where APSW is installed) scores the same walk with
``newsdesk_bm25`` (storage/fts_rank.py): the same formula, the IDFs from a walk of at most
``CANDIDATES`` matches per phrase, so no query costs more than a few thousand rows at any size.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.errors import UserError

if TYPE_CHECKING:  # the database is imported on use: the window shows hits before
    import apsw
    from sqlmodel import Session

CANDIDATES = 2000
SNIPPET_OPEN, SNIPPET_CLOSE = "\x02", "\x03"


@dataclass(frozen=True)
class SearchHit:
    id: int
    uuid: str
    slug: str
    headline: str
    status: str
    section: str | None
    score: float  # lower is better on both databases (bm25; ts_rank_cd negated)
    snippet: str  # plain text with SNIPPET_OPEN/SNIPPET_CLOSE around matched terms

    def snippet_marked(self, open_: str = "[", close: str = "]") -> str:
        return self.snippet.replace(SNIPPET_OPEN, open_).replace(SNIPPET_CLOSE, close)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["snippet"] = self.snippet_marked("<mark>", "</mark>")
        return out


_TOKEN = re.compile(r'"[^"]*"|\S+')
_OPERATORS = {"AND", "OR", "NOT"}


Term = tuple[str, bool]  # a word or phrase, and whether it is a prefix (``word*``)


def _parse(query: str) -> list[str | Term]:
    """A person's query as operators (AND/OR/NOT) and terms, punctuation dropped."""
    parts: list[str | Term] = []
    for token in _TOKEN.findall(query):
        if token in _OPERATORS:
            parts.append(token)
            continue
        prefix = token.endswith("*")
        word = token.strip('"').rstrip("*").replace('"', "")
        word = re.sub(r"[^\w\s'’-]", " ", word).strip()
        if not word:
            continue
        parts.append((word, prefix))
    while parts and isinstance(parts[-1], str):
        parts.pop()
    while parts and isinstance(parts[0], str):
        parts.pop(0)
    return parts


def to_fts_query(query: str) -> str:
    """A person's query → an FTS5 query: words ANDed, "phrases" kept, ``word*`` as prefix.

    Everything is quoted so punctuation in a query can never be an FTS5 syntax error.
    """
    return " ".join(
        part if isinstance(part, str) else f'"{part[0]}"' + ("*" if part[1] else "")
        for part in _parse(query)
    )


def _ts_term(word: str, prefix: bool) -> str:
    # Only letters and digits reach the tsquery, so nothing in a query can be tsquery syntax;
    # the pieces of a phrase (or of "well-known", "don't") must follow one another, as in FTS5.
    pieces = re.findall(r"[^\W_]+", word)
    if prefix and pieces:
        pieces[-1] += ":*"
    if len(pieces) <= 1:
        return "".join(pieces)
    return "(" + " <-> ".join(pieces) + ")"


def to_tsquery_text(query: str) -> str:
    """The same query for PostgreSQL's ``to_tsquery``: ``&``, ``|``, ``!``, ``<->`` and ``:*``."""
    out: list[str] = []
    ops: list[str] = []
    for part in _parse(query):
        if isinstance(part, str):
            ops.append(part)
            continue
        term = _ts_term(*part)
        if not term:
            continue
        if out:
            join = "|" if "OR" in ops else "&"
            out.append(f"{join} !" if "NOT" in ops else join)
        out.append(term)
        ops = []
    return " ".join(out)


_CANDIDATES = """
SELECT rowid, rank FROM article_fts WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT :k
"""
# Snippets are cut in Python from the chosen page's rows: asking FTS5 for them would evaluate
# the (possibly broad) query once per hit.
_ROWS = """
SELECT a.id, a.uuid, a.slug, a.headline, a.status, s.name, a.headline, a.standfirst, a.body,
       a.tags_text, a.byline_text
FROM article a LEFT JOIN section s ON s.id = a.section_id WHERE a.id IN ({ids})
"""
# Weights for the tsvector's D (body), C (standfirst, byline), B (tags), A (headline) parts.
_PG_CANDIDATES = """
SELECT a.id, -ts_rank_cd('{0.1, 0.4, 0.6, 1.0}', a.search_vector, q.q)
FROM article a, to_tsquery('simple', :q) AS q(q)
WHERE a.search_vector @@ q.q ORDER BY a.id DESC LIMIT :k
"""
SNIPPET_WORDS = 24
# Newest first like _CANDIDATES, scored by newsdesk_bm25 with the IDFs passed in (one per phrase).
_RANKED = """
SELECT rowid, newsdesk_bm25(article_fts{idfs}) FROM article_fts WHERE article_fts MATCH :q
ORDER BY rowid DESC LIMIT :k
"""
_WALK = """
SELECT count(*), min(rowid) FROM
    (SELECT rowid FROM article_fts WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT :k)
"""


def _ranked_candidates(execute: Execute, query: str, params: dict[str, Any]) -> tuple[str, str]:
    """The ranked plan's SQL and query. With one phrase the IDF cannot change the order; with
    more, each phrase's share of the articles comes from a walk of at most CANDIDATES matches
    (exact when it has fewer; else matches / articles walked, the newest articles' share)."""
    from newsdesk.storage.fts_rank import idf, row_count

    terms = [part for part in _parse(query) if not isinstance(part, str)]
    phrases = [f'"{word}"' + ("*" if prefix else "") for word, prefix in terms]
    if len(phrases) > 1:
        rows = row_count(execute)
        newest = execute("SELECT max(rowid) FROM article", {})[0][0] or 0
        for i, phrase in enumerate(phrases):
            found, oldest = execute(_WALK, {"q": phrase, "k": params["k"]})[0]
            hits = found
            if found >= params["k"] and oldest:
                hits = min(rows, found * newest / max(1, newest - oldest + 1))
            params[f"w{i}"] = idf(rows, hits)
    idfs = "".join(f", :w{i}" for i in range(len(phrases))) if len(phrases) > 1 else ""
    return _RANKED.format(idfs=idfs), to_fts_query(query)


def _highlighter(fts_query: str) -> re.Pattern[str] | None:
    alternatives = []
    for token in re.findall(r'"([^"]*)"(\*?)', fts_query):
        words, prefix = token[0].split(), token[1] == "*"
        if not words:
            continue
        pattern = r"\W+".join(re.escape(w) for w in words)
        alternatives.append(rf"\b{pattern}" + (r"\w*" if prefix else r"\b"))
    if not alternatives:
        return None
    return re.compile("|".join(sorted(alternatives, key=len, reverse=True)), re.IGNORECASE)


_MARKUP = re.compile(r"[#>*_`]|!?\[|\]\([^)]*\)")
SLACK = 400  # characters kept either side of a match before the markup is stripped


def make_snippet(texts: list[str], fts_query: str, words: int = SNIPPET_WORDS) -> str:
    """A window of about ``words`` words around the first match, matches marked."""
    return _snippet(texts, _highlighter(fts_query), words)


def _snippet(texts: list[str], pattern: re.Pattern[str] | None, words: int) -> str:
    for text_ in texts if pattern else ():
        # Markup is stripped from the few hundred characters around the match only, not from
        # the whole body (that was half of a search's time).
        raw = pattern.search(text_)  # type: ignore[union-attr]
        if raw is not None:
            lo, hi = max(0, raw.start() - SLACK), raw.end() + 2 * SLACK
            piece, cut_before, cut_after = text_[lo:hi], lo > 0, hi < len(text_)
        elif _MARKUP.search(text_) is None:
            continue  # no markup in the way: no match once it is stripped either
        else:
            piece, cut_before, cut_after = text_, False, False
        flat = " ".join(_MARKUP.sub("", piece).split())
        m = pattern.search(flat)  # type: ignore[union-attr]
        if m is None:
            continue
        before = flat[: m.start()].rsplit(" ", words // 3)
        start_words = before[-(words // 3) :] if len(before) > words // 3 else before
        start = m.start() - len(" ".join(start_words)) if start_words != [""] else m.start()
        window = flat[max(0, start) :]
        cut = " ".join(window.split(" ", words)[:words])
        marked = pattern.sub(lambda x: f"{SNIPPET_OPEN}{x.group(0)}{SNIPPET_CLOSE}", cut)  # type: ignore[union-attr]
        more = len(cut) < len(window) or cut_after
        return ("…" if start > 0 or cut_before else "") + marked + ("…" if more else "")
    first = " ".join(" ".join(texts[2:3] or texts[:1]).split()[:words])
    return first + "…" if first else ""


def search(session: Session, query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
    """The best ``limit`` matches for ``query``, best first, each with a snippet.

    A library file is searched by its search process with the ranked plan
    (:mod:`newsdesk.core.search_server`), which sees what has been committed; where that
    cannot run, in a session with uncommitted writes, and on PostgreSQL, it runs here."""
    from sqlalchemy import text

    conn = session.connection()
    file = conn.engine.url.database if conn.dialect.name == "sqlite" else None
    # A session that has written and not committed searches here, where it sees its writes.
    writing = getattr(conn.connection.dbapi_connection, "in_transaction", True)
    if file and file != ":memory:" and not file.startswith("file:") and not writing:
        from newsdesk.core.search_server import search_via

        hits = search_via(conn.engine, Path(file), query, limit, offset)
        if hits is not None:
            return hits

    def execute(sql: str, params: dict[str, Any]) -> Sequence[Any]:
        return conn.execute(text(sql), params).all()

    return _search(execute, conn.dialect.name, query, limit, offset)


def search_sqlite(
    conn: sqlite3.Connection, query: str, limit: int = 50, offset: int = 0
) -> list[SearchHit]:
    """:func:`search` over a plain ``sqlite3`` connection (the CLI's quick path)."""

    def execute(sql: str, params: dict[str, Any]) -> Sequence[Any]:
        return conn.execute(sql, params).fetchall()

    return _search(execute, "sqlite", query, limit, offset)


def search_ranked(
    conn: apsw.Connection,
    query: str,
    limit: int = 50,
    offset: int = 0,
    candidates: int | None = None,
) -> list[SearchHit]:
    """:func:`search` over an APSW connection with ``newsdesk_bm25`` registered
    (:mod:`newsdesk.storage.fts_rank`): no scan of the whole index for any query."""

    def execute(sql: str, params: dict[str, Any]) -> Sequence[Any]:
        return conn.execute(sql, params).fetchall()

    return _search(execute, "ranked", query, limit, offset, candidates or CANDIDATES)


Execute = Callable[[str, dict[str, Any]], Sequence[Any]]


def _search(
    execute: Execute,
    plan: str,  # "postgresql", "sqlite" (FTS5's bm25) or "ranked" (newsdesk_bm25)
    query: str,
    limit: int,
    offset: int,
    pool: int | None = None,
) -> list[SearchHit]:
    fts = to_fts_query(query)
    if not fts:
        return []
    params: dict[str, Any] = {"k": pool or CANDIDATES}
    if plan == "postgresql":
        sql, q = _PG_CANDIDATES, to_tsquery_text(query)
        if not q:
            return []
    elif plan == "ranked":
        sql, q = _ranked_candidates(execute, query, params)
    else:
        sql, q = _CANDIDATES, fts
    params["q"] = q
    try:
        candidates = execute(sql, params)
        # Best (lowest bm25) first; newer first among equals.
        best = heapq.nsmallest(offset + limit, candidates, key=lambda row: (row[1], -row[0]))
        ranked = best[offset:]
        if not ranked:
            return []
        ids = ",".join(str(int(rowid)) for rowid, _ in ranked)
        rows = {row[0]: row for row in execute(_ROWS.format(ids=ids), {})}
        pattern = _highlighter(fts)
        hits = []
        for rowid, score in ranked:
            if rowid not in rows:
                continue
            art_id, uuid, slug, headline, status, section, *texts = rows[rowid]
            snippet = _snippet(list(texts), pattern, SNIPPET_WORDS)
            hits.append(
                SearchHit(art_id, uuid, slug, headline, status, section, float(score), snippet)
            )
        return hits
    except Exception as exc:
        if any(word in str(exc).lower() for word in ("fts5", "syntax", "tsquery")):
            raise UserError(f"Cannot search for {query!r}: {exc}") from exc
        raise
