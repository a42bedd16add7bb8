"""The Trash: deleting an article moves it here; restoring brings it back whole.

Moving to the Trash copies the article's row and every row that hangs on it by a foreign key
(revisions, remote posts, rows other features add later) into one JSON snapshot, then deletes
the article. So a trashed article is in no list, search, export, feed or outbox by construction,
without each query having to remember a flag. Tags, byline and section are kept by name, so a
tag merged or deleted meanwhile comes back too. Emptying the Trash deletes the snapshots.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Table, insert, or_, select, update
from sqlalchemy import delete as sa_delete
from sqlalchemy.types import TypeDecorator
from sqlmodel import Session, SQLModel, col
from sqlmodel import select as model_select

from newsdesk.core.articles import (
    ArticleRecord,
    _apply_relations,
    delete_article,
    get_article,
)
from newsdesk.core.taxonomy import ensure_section
from newsdesk.domain.plain import plain
from newsdesk.errors import NotFoundError, UserError
from newsdesk.storage.models import Article, Asset, TrashItem
from newsdesk.storage.slugs import free_slug
from newsdesk.storage.types import utcnow

# Kept by name in the snapshot (restored through the taxonomy), or not restored at all:
# a publish job waiting in the outbox is not sent again because the article came back.
_BY_NAME = {"article_tag", "article_author"}
_NOT_RESTORED = {"publish_job"}


@dataclass(frozen=True)
class TrashEntry:
    """One trashed article as the Trash lists it."""

    id: int  # the trash entry
    article_id: int  # the id the article had (and gets back when it is free)
    uuid: str
    headline: str
    slug: str
    status: str
    word_count: int
    trashed_at: datetime

    @property
    def title(self) -> str:
        return self.headline.strip() or "Untitled"

    def to_json(self) -> dict[str, Any]:
        return plain(self, rename={"id": "trash_id"})


def _entry(item: TrashItem) -> TrashEntry:
    assert item.id is not None
    return TrashEntry(
        item.id, item.article_id, item.uuid, item.headline, item.slug, item.status,
        item.word_count, item.trashed_at,
    )  # fmt: skip


# -- JSON for column values -------------------------------------------------------------------


def _python_type(column: Column[Any]) -> type | None:
    kind: Any = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    try:
        return kind.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None


def _dump(column: Column[Any], value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _load(column: Column[Any], value: Any) -> Any:
    if value is None:
        return None
    kind = _python_type(column)
    if kind is datetime and isinstance(value, str):
        return datetime.fromisoformat(value)
    if kind is bytes and isinstance(value, str):
        return base64.b64decode(value)
    return value


def _row_json(table: Table, row: Any) -> dict[str, Any]:
    mapping = row._mapping
    return {c.name: _dump(c, mapping[c.name]) for c in table.columns if c.name in mapping}


def _row_values(table: Table, data: dict[str, Any]) -> dict[str, Any]:
    return {c.name: _load(c, data[c.name]) for c in table.columns if c.name in data}


# -- which rows hang on an article -------------------------------------------------------------


def _dependents() -> list[tuple[Table, Column[Any], str | None]]:
    """(table, its column referencing article.id, ondelete) for every table in the models."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in {"article", "trash_item"}:
            continue
        for fk in table.foreign_keys:
            if fk.column.table.name == "article" and fk.column.name == "id":
                found.append((table, fk.parent, fk.ondelete))
    return found


def _article_table() -> Table:
    table = Article.__table__  # type: ignore[attr-defined]
    assert isinstance(table, Table)
    return table


def _snapshot(session: Session, article_id: int, rec: ArticleRecord) -> dict[str, Any]:
    article = _article_table()
    row = session.execute(select(article).where(article.c.id == article_id)).one()
    rows: dict[str, list[dict[str, Any]]] = {}
    relinks: dict[str, list[Any]] = {}
    for table, column, ondelete in _dependents():
        if table.name in _BY_NAME:
            continue
        found = session.execute(select(table).where(column == article_id)).all()
        if not found:
            continue
        if ondelete is not None and ondelete.upper() == "SET NULL":
            # Rows that outlive the article (the publish log): relink them on restore.
            pk = list(table.primary_key.columns)
            if len(pk) == 1:
                relinks[table.name] = [r._mapping[pk[0].name] for r in found]
            continue
        rows[table.name] = [_row_json(table, r) for r in found]
    return {
        "article": _row_json(article, row),
        "section": rec.section,
        "tags": rec.tags,
        "byline": rec.byline,
        "rows": rows,
        "relink": relinks,
    }


# -- use cases --------------------------------------------------------------------------------


def move_to_trash(session: Session, refs: Iterable[str | int]) -> list[TrashEntry]:
    """Move articles (by id, UUID or slug) to the Trash."""
    entries = []
    for ref in refs:
        rec = get_article(session, ref)
        assert rec.id is not None
        item = TrashItem(
            article_id=rec.id,
            uuid=rec.uuid or "",
            headline=rec.headline,
            slug=rec.slug,
            status=rec.status,
            word_count=rec.word_count,
            trashed_at=utcnow(),
            snapshot=_snapshot(session, rec.id, rec),
        )
        session.add(item)
        delete_article(session, rec.id)
        session.flush()
        entries.append(_entry(item))
    return entries


@dataclass(frozen=True)
class LiveCopy:
    """Where an article about to be trashed is still published (the Trash leaves it there)."""

    article_id: int
    headline: str
    target: str
    url: str


def live_copies(session: Session, ids: Iterable[int]) -> list[LiveCopy]:
    """The remote copies of these articles that were published and not unpublished."""
    from newsdesk.storage.models import PublishTarget, RemotePost

    wanted = list(ids)
    if not wanted:
        return []
    rows = session.exec(
        model_select(Article.id, Article.headline, PublishTarget.name, RemotePost.remote_url)
        .join(RemotePost, col(RemotePost.article_id) == Article.id)
        .join(PublishTarget, col(PublishTarget.id) == RemotePost.target_id)
        .where(col(Article.id).in_(wanted))
        .where(col(RemotePost.last_published_hash) != "")  # cleared by an unpublish
        .order_by(col(Article.id), col(PublishTarget.name))
    ).all()
    return [LiveCopy(int(i or 0), h, t, u) for i, h, t, u in rows]


def list_trash(session: Session) -> list[TrashEntry]:
    """What is in the Trash, most recently trashed first."""
    items = session.exec(
        model_select(TrashItem).order_by(col(TrashItem.trashed_at).desc(), col(TrashItem.id).desc())
    ).all()
    return [_entry(item) for item in items]


def _find(session: Session, ref: str | int) -> TrashItem:
    """A trash entry by the article's id (as `trash list` shows it), UUID, slug or headline."""
    text = str(ref).strip()
    query = model_select(TrashItem).order_by(col(TrashItem.trashed_at).desc())
    if text.isdigit():
        query = query.where(col(TrashItem.article_id) == int(text))
    else:
        matches = [col(TrashItem.uuid) == text, col(TrashItem.slug) == text]
        if len(text) >= 8:
            matches.append(col(TrashItem.uuid).startswith(text))
        query = query.where(or_(*matches))
    found = session.exec(query).first()
    if found is None:
        raise NotFoundError(f"No article {text!r} in the Trash (see 'newsdesk trash list')")
    return found


def _insert_rows(session: Session, table: Table, rows: list[dict[str, Any]], new_id: int) -> None:
    link = next(fk.parent.name for fk in table.foreign_keys if fk.column.table.name == "article")
    pk = list(table.primary_key.columns)
    for data in rows:
        values = _row_values(table, data)
        values[link] = new_id
        if len(pk) == 1 and pk[0].name != link and pk[0].autoincrement is not False:
            taken = session.execute(select(pk[0]).where(pk[0] == values.get(pk[0].name))).first()
            if taken is not None:
                values.pop(pk[0].name, None)  # that id went to another row meanwhile
        session.execute(insert(table).values(**values))


def _restore_item(session: Session, item: TrashItem) -> ArticleRecord:
    snap = item.snapshot
    article = _article_table()
    values = _row_values(article, snap["article"])
    existing = session.exec(model_select(Article.id).where(Article.uuid == item.uuid)).first()
    if existing is not None:
        raise UserError(
            f"“{item.headline or 'Untitled'}” is in the library again (article {existing}, same "
            "UUID), so the trashed copy stays in the Trash."
        )
    if session.get(Article, values["id"]) is not None:
        values.pop("id")  # its id went to a newer article
    values["slug"] = free_slug(session, Article, values["slug"])
    section = snap.get("section")
    values["section_id"] = ensure_section(session, section).id if section else None
    image = values.get("image_sha256")
    if image is not None and session.get(Asset, image) is None:
        values["image_sha256"] = None
    result = session.execute(insert(article).values(**values))
    new_id = int(values.get("id") or result.inserted_primary_key[0])  # type: ignore[attr-defined]
    _apply_relations(session, new_id, list(snap.get("tags", [])), list(snap.get("byline", [])))
    tables = {t.name: t for t, _c, _o in _dependents()}
    for name, rows in snap.get("rows", {}).items():
        table = tables.get(name)
        if table is not None and name not in _NOT_RESTORED:
            _insert_rows(session, table, rows, new_id)
    for name, keys in snap.get("relink", {}).items():
        table = tables.get(name)
        if table is None:
            continue
        pk = next(iter(table.primary_key.columns))
        link = next(fk.parent for fk in table.foreign_keys if fk.column.table.name == "article")
        session.execute(update(table).where(pk.in_(keys)).values({link.name: new_id}))
    session.delete(item)
    session.flush()
    return get_article(session, new_id)


def restore(session: Session, refs: Iterable[str | int]) -> list[ArticleRecord]:
    """Bring trashed articles back with their tags, images, revisions and remote posts."""
    return [_restore_item(session, _find(session, ref)) for ref in refs]


def restore_entries(session: Session, trash_ids: Iterable[int]) -> list[ArticleRecord]:
    """Restore by trash entry id (the Trash dialog's rows)."""
    restored = []
    for trash_id in trash_ids:
        item = session.get(TrashItem, trash_id)
        if item is None:
            raise NotFoundError("That article is no longer in the Trash")
        restored.append(_restore_item(session, item))
    return restored


def empty_trash(session: Session, trash_ids: Iterable[int] | None = None) -> int:
    """Delete trashed articles for good (all of them, or the given entries)."""
    query = sa_delete(TrashItem)
    if trash_ids is not None:
        query = query.where(col(TrashItem.id).in_(list(trash_ids)))
    result = session.execute(query)
    session.flush()
    return int(result.rowcount)  # type: ignore[attr-defined]


def trash_count(session: Session) -> int:
    return len(session.exec(model_select(TrashItem.id)).all())
