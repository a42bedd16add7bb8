"""Ranked full-text search over the library (SQLite FTS5, bm25) with highlighted snippets.

Ranking every match of a broad query (``count*``, a common word) is what makes plain
``ORDER BY rank`` slow on a large library. The plan here: one walk of the index newest first
that stops after ``CANDIDATES`` matches, scoring each with bm25 on the way, then the best of
those in Python. A narrow query has fewer matches than that, so every match is ranked exactly;
a broad one ranks the most recent few thousand articles — what a newsroom searching for a
common word wants anyway — and never pays for ranking the whole archive.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from newsdesk.errors import UserError

if TYPE_CHECKING:  # the database is imported on use: the window shows hits before
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
SNIPPET_WORDS = 24


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


def make_snippet(texts: list[str], fts_query: str, words: int = SNIPPET_WORDS) -> str:
    """A window of about ``words`` words around the first match, matches marked."""
    pattern = _highlighter(fts_query)
    for text_ in texts:
        flat = " ".join(re.sub(r"[#>*_`]|!?\[|\]\([^)]*\)", "", text_).split())
        m = pattern.search(flat) if pattern else None
        if m is None:
            continue
        before = flat[: m.start()].split(" ")
        start_words = before[-(words // 3) :] if len(before) > words // 3 else before
        start = m.start() - len(" ".join(start_words)) if start_words != [""] else m.start()
        window = flat[max(0, start) :]
        cut = " ".join(window.split(" ")[:words])
        marked = pattern.sub(lambda x: f"{SNIPPET_OPEN}{x.group(0)}{SNIPPET_CLOSE}", cut)  # type: ignore[union-attr]
        return ("…" if start > 0 else "") + marked + ("…" if len(cut) < len(window) else "")
    first = " ".join(" ".join(texts[2:3] or texts[:1]).split()[:words])
    return first + "…" if first else ""


def search(session: Session, query: str, limit: int = 50, offset: int = 0) -> list[SearchHit]:
    """The best ``limit`` matches for ``query``, best first, each with a snippet."""
    from sqlalchemy import text

    fts = to_fts_query(query)
    if not fts:
        return []
    conn = session.connection()
    try:
        candidates = conn.execute(text(_CANDIDATES), {"q": fts, "k": CANDIDATES}).all()
        # Best (lowest bm25) first; newer first among equals.
        ranked = sorted(candidates, key=lambda row: (row[1], -row[0]))[offset : offset + limit]
        if not ranked:
            return []
        ids = ",".join(str(int(rowid)) for rowid, _ in ranked)
        rows = {row[0]: row for row in conn.execute(text(_ROWS.format(ids=ids))).all()}
        hits = []
        for rowid, score in ranked:
            if rowid not in rows:
                continue
            art_id, uuid, slug, headline, status, section, *texts = rows[rowid]
            snippet = make_snippet(list(texts), fts)
            hits.append(
                SearchHit(art_id, uuid, slug, headline, status, section, float(score), snippet)
            )
        return hits
    except Exception as exc:
        if "fts5" in str(exc).lower() or "syntax" in str(exc).lower():
            raise UserError(f"Cannot search for {query!r}: {exc}") from exc
        raise
