"""Adding or updating one imported article: same UUID updates, ``as_copy`` adds a duplicate.

Every importer (Markdown, site folders, bundles, ninjs, and WXR for articles already in the
library) goes through :func:`upsert_article`, so a re-import follows one rule: what the source
leaves out — a slug, dates — the library keeps, and an article's URL never changes because
it was imported again.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import (
    ArticleRecord,
    create_article,
    find_by_uuid,
    merge_corrections,
    update_article,
)


@dataclass(frozen=True)
class ImportResult:
    """One imported article, where it came from, and whether it updated one already there."""

    record: ArticleRecord
    source: str
    updated: bool


def upsert_article(
    session: Session, fields: dict[str, Any], source: str, *, as_copy: bool = False
) -> ImportResult:
    """Create the article, or update the one with the same UUID (unless ``as_copy``)."""
    fields = dict(fields)
    if as_copy:
        fields["uuid"] = None
        fields["slug"] = ""
    existing = find_by_uuid(session, fields["uuid"]) if fields.get("uuid") else None
    if existing is not None:
        changes = {k: v for k, v in fields.items() if k not in ("uuid", "corrections", "stage")}
        for key in ("slug", "created_at", "updated_at"):  # absent: keep what the library has
            if not changes.get(key):
                changes.pop(key, None)
        merge_corrections(session, existing.id or 0, fields.get("corrections") or [])
        rec = update_article(
            session, existing.id or 0, changes, touch=changes.get("updated_at") is None
        )
        return ImportResult(rec, source, True)
    return ImportResult(create_article(session, ArticleRecord(**fields)), source, False)
