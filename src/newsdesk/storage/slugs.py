"""Whether a slug is already used in the library, for every kind of row that has one
(articles, sections, tags, authors): the one "slug taken" check the services share."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from newsdesk.domain.slugs import unique_slug


def slug_taken(session: Session, model: Any, slug: str, except_id: int | None = None) -> bool:
    """True when a ``model`` row other than ``except_id`` already has ``slug``."""
    query = select(model.id).where(model.slug == slug)
    if except_id is not None:
        query = query.where(model.id != except_id)
    return session.exec(query).first() is not None


def free_slug(session: Session, model: Any, base: str, except_id: int | None = None) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever no other ``model`` row has."""
    return unique_slug(base, lambda s: slug_taken(session, model, s, except_id))
