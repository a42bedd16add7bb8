"""Adding or updating one imported article: same UUID updates, ``as_copy`` adds a duplicate."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from newsdesk.importers.markdown import ImportResult
from newsdesk.services.articles import (
    ArticleRecord,
    create_article,
    find_by_uuid,
    merge_corrections,
    update_article,
)


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
