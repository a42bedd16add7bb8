"""Adding or updating one imported article: same UUID updates, ``as_copy`` adds a duplicate.

Every importer (Markdown, site folders, bundles, ninjs, and WXR for articles already in the
library) goes through :func:`upsert_article`, so a re-import follows one rule: what the source
leaves out — a slug, dates — the library keeps, and an article's URL never changes because
it was imported again.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import (
    ArticleRecord,
    create_article,
    find_by_uuid,
    merge_corrections,
    update_article,
)

# What a bulk import's result keeps of an article (no body, no standfirst): an archive of
# 100,000 posts returns 100,000 results, and a full record each made memory grow with it.
LIGHT_FIELDS = (
    "id", "uuid", "slug", "headline", "status", "section", "tags", "byline", "published_at",
    "scheduled_at", "created_at", "updated_at", "word_count", "language", "image_sha256",
    "corrections", "version",
)  # fmt: skip


class ImportResult:
    """One imported article, where it came from, and whether it updated one already there.

    ``record`` is the article as imported; a bulk import keeps only ``LIGHT_FIELDS`` of it
    (a tuple, made a record again when asked for).
    """

    __slots__ = ("_record", "source", "updated")

    def __init__(self, record: ArticleRecord | tuple[Any, ...], source: str, updated: bool) -> None:
        self._record, self.source, self.updated = record, source, updated

    @property
    def record(self) -> ArticleRecord:
        if isinstance(self._record, ArticleRecord):
            return self._record
        values = dict(zip(LIGHT_FIELDS, self._record, strict=True))
        values["tags"], values["byline"] = list(values["tags"]), list(values["byline"])
        values["corrections"] = list(values["corrections"])
        return ArticleRecord(**values)

    def __repr__(self) -> str:
        return f"ImportResult({self.record!r}, {self.source!r}, {self.updated!r})"


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
