"""Adding, changing, listing and deleting articles as commands do it (``newsdesk article``):
each call is one transaction that also records the revision, applies an embargo and stores a
featured image file, so a front end only turns its options into field values."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import (
    ArticleRecord,
    ArticleSummary,
    create_article,
    delete_article,
    get_article,
    list_articles,
    update_article,
)
from newsdesk.core.assets import add_asset_file
from newsdesk.core.context import AppContext
from newsdesk.core.revisions import RevisionInfo, record_revision
from newsdesk.core.settings import load_settings
from newsdesk.domain.languages import article_language
from newsdesk.domain.listing import LibraryFilter
from newsdesk.domain.stages import Workflow
from newsdesk.errors import UserError
from newsdesk.services.editing import in_library
from newsdesk.services.newsroom import load_workflow, set_embargo
from newsdesk.services.trash import LiveCopy, live_copies, move_to_trash


@dataclass(frozen=True)
class Deleted:
    """One article gone: ``trash`` when it can be restored."""

    article_id: int
    uuid: str | None
    title: str
    trash: bool


class _Unchanged:
    """The embargo is left as it is (None lifts it)."""


UNCHANGED = _Unchanged()


def _with_image(session: Any, fields: dict[str, Any], image: Path | None) -> dict[str, Any]:
    if image is None:
        return fields
    return {**fields, "image_sha256": add_asset_file(session, image).sha256}


def add_article(
    ctx: AppContext,
    fields: dict[str, Any],
    *,
    image: Path | None = None,
    embargo: datetime | None = None,
    on_wait: Callable[[], None] | None = None,
) -> ArticleRecord:
    """A new article from ``fields`` (in the site's language unless one is given), its first
    revision recorded. While another program holds the library's write lock it is tried
    again (``AppContext.write``); ``on_wait`` tells the person once."""

    def work(session: Session) -> ArticleRecord:
        values = _with_image(session, fields, image)
        if values.get("language") is None:
            values = {**values, "language": article_language(load_settings(session).locale)}
        rec = create_article(session, ArticleRecord(**values))
        if embargo is not None:
            rec = set_embargo(session, rec.id or 0, embargo)
        record_revision(session, rec.id or 0, "save")
        return rec

    return ctx.write(work, on_wait=on_wait)


def edit_article(
    ctx: AppContext,
    ref: str | int,
    fields: dict[str, Any],
    *,
    image: Path | None = None,
    add_tags: Sequence[str] = (),
    remove_tags: Sequence[str] = (),
    embargo: datetime | _Unchanged | None = UNCHANGED,
    expected_version: int | None = None,
    on_wait: Callable[[], None] | None = None,
) -> tuple[ArticleRecord, RevisionInfo]:
    """Change the article's ``fields`` (refused if it is no longer at ``expected_version``),
    add and remove tags (case-insensitively) and set or lift its embargo; returns the article
    and the publish or save revision recorded. Waits for a busy library like ``add_article``."""

    def work(session: Session) -> tuple[ArticleRecord, RevisionInfo]:
        changes = _with_image(session, dict(fields), image)
        if add_tags or remove_tags:
            current = changes.get("tags") or get_article(session, ref).tags
            drop = {t.lower() for t in remove_tags}
            changes["tags"] = [t for t in current if t.lower() not in drop] + list(add_tags)
        if not changes and isinstance(embargo, _Unchanged):
            raise UserError("Nothing to change: give at least one field option (see --help)")
        rec = get_article(session, ref)
        if changes:
            rec = update_article(session, ref, changes, expected_version=expected_version)
        if not isinstance(embargo, _Unchanged):
            rec = set_embargo(session, rec.id or 0, embargo)
        kind = "publish" if changes.get("status") == "published" else "save"
        return rec, record_revision(session, rec.id or 0, kind)

    return ctx.write(work, on_wait=on_wait)


def show_article(ctx: AppContext, ref: str | int) -> ArticleRecord:
    """The article by id, UUID or slug."""
    return in_library(ctx, lambda session: get_article(session, ref))


def list_desk_articles(
    ctx: AppContext, flt: LibraryFilter = LibraryFilter(), *, limit: int | None = None
) -> tuple[list[ArticleSummary], Workflow]:
    """Articles, newest first, with the newsroom's workflow to name their stages (the
    filter's stage may be given by its label: "ready for edit")."""

    def listing(session: Session) -> tuple[list[ArticleSummary], Workflow]:
        wf = load_workflow(session)
        stage = wf.find(flt.stage) if flt.stage else None
        return list_articles(session, replace(flt, stage=stage), limit=limit), wf

    return in_library(ctx, listing)


def delete_articles(
    ctx: AppContext, refs: Sequence[str | int], *, permanent: bool = False
) -> tuple[list[Deleted], list[LiveCopy]]:
    """Move the articles to the Trash (or delete them for good); also the published copies
    that stay online (the Trash does not unpublish)."""
    with ctx.session() as session:
        if permanent:
            gone = [delete_article(session, ref) for ref in refs]
            return [Deleted(r.id or 0, r.uuid, r.headline, False) for r in gone], []
        ids = [get_article(session, ref).id or 0 for ref in refs]
        live = live_copies(session, ids)
        entries = move_to_trash(session, ids)
    return [Deleted(e.article_id, e.uuid, e.title, True) for e in entries], live
