"""Ranked full-text search over the library (SQLite FTS5, bm25) with highlighted snippets.

Ranking every match of a broad query (``count*``, a common word) is what makes plain
``ORDER BY rank`` slow on a large library. The plan here: find the ``CANDIDATES``-th newest
match by walking the index in rowid order (cheap, it stops early); if there is none, the query
is narrow and every match is ranked; otherwise only matches at least that new are ranked, so a
broad query ranks the most recent few thousand articles — what a newsroom searching for a
common word wants anyway.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import text
from sqlmodel import Session

from newsdesk.errors import UserError

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
    score: float
    snippet: str  # plain text with SNIPPET_OPEN/SNIPPET_CLOSE around matched terms

    def snippet_marked(self, open_: str = "[", close: str = "]") -> str:
        return self.snippet.replace(SNIPPET_OPEN, open_).replace(SNIPPET_CLOSE, close)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["snippet"] = self.snippet_marked("<mark>", "</mark>")
        return out


_TOKEN = re.compile(r'"[^"]*"|\S+')
_OPERATORS = {"AND", "OR", "NOT"}


def to_fts_query(query: str) -> str:
    """A person's query → an FTS5 query: words ANDed, "phrases" kept, ``word*`` as prefix.

    Everything is quoted so punctuation in a query can never be an FTS5 syntax error.
    """
    parts: list[str] = []
    for token in _TOKEN.findall(query):
        if token in _OPERATORS:
            parts.append(token)
            continue
        prefix = token.endswith("*")
        word = token.strip('"').rstrip("*").replace('"', "")
        word = re.sub(r"[^\w\s'’-]", " ", word).strip()
        if not word:
            continue
        parts.append(f'"{word}"' + ("*" if prefix else ""))
    while parts and parts[-1] in _OPERATORS:
        parts.pop()
    while parts and parts[0] in _OPERATORS:
        parts.pop(0)
    return " ".join(parts)


_RANKED = """
SELECT rowid, rank FROM article_fts WHERE article_fts MATCH :q {extra}
ORDER BY rank LIMIT :limit OFFSET :offset
"""
_DETAILS = """
SELECT a.id, a.uuid, a.slug, a.headline, a.status, s.name,
       snippet(article_fts, -1, :o, :c, '…', 24)
FROM article_fts JOIN article a ON a.id = article_fts.rowid
LEFT JOIN section s ON s.id = a.section_id
WHERE article_fts MATCH :q AND article_fts.rowid = :id
"""


def search(session: Session, query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
    """The best ``limit`` matches for ``query``, best first, each with a snippet."""
    fts = to_fts_query(query)
    if not fts:
        return []
    conn = session.connection()
    try:
        cutoff = conn.execute(
            text(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH :q ORDER BY rowid DESC LIMIT 1 OFFSET :k"
            ),
            {"q": fts, "k": CANDIDATES - 1},
        ).scalar()
        extra = "AND rowid >= :cutoff" if cutoff is not None else ""
        ranked = conn.execute(
            text(_RANKED.format(extra=extra)),
            {"q": fts, "limit": limit, "offset": offset, "cutoff": cutoff},
        ).all()
        hits = []
        for rowid, score in ranked:
            row = conn.execute(
                text(_DETAILS), {"q": fts, "id": rowid, "o": SNIPPET_OPEN, "c": SNIPPET_CLOSE}
            ).one()
            hits.append(SearchHit(*row[:6], score=float(score), snippet=row[6]))
        return hits
    except Exception as exc:
        if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
            raise UserError(f"Cannot search for {query!r}: {exc}") from exc
        raise
