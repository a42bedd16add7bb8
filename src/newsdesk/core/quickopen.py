"""The quick switcher's list: every article's id and headline, newest change first, and the
matching of what is typed against them (words in any order, any case, accents ignored)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlmodel import Session, col, select

from newsdesk.storage.models import Article


@dataclass(frozen=True)
class Headline:
    id: int
    headline: str
    status: str


def headlines(session: Session) -> list[Headline]:
    rows = session.exec(
        select(Article.id, Article.headline, Article.status).order_by(
            col(Article.updated_at).desc(), col(Article.id).desc()
        )
    ).all()
    return [Headline(i, h or "Untitled", s) for i, h, s in rows if i is not None]


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def matching(items: list[Headline], query: str, limit: int = 50) -> list[Headline]:
    """Items whose headline holds every typed word; those starting with the first word first."""
    words = _fold(query).split()
    if not words:
        return items[:limit]
    hits = [(i, _fold(i.headline)) for i in items]
    found = [(not h.startswith(words[0]), i) for i, h in hits if all(w in h for w in words)]
    found.sort(key=lambda pair: pair[0])  # stable: newest first within each group
    return [i for _late, i in found[:limit]]
