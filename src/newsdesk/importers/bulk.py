"""Adding thousands of imported articles at once: a few statements per batch, not per article.

``core.articles.create_article`` is made for one article at a time (an ORM row, two
flushes, a query per tag and per slug, the record read back), about 25 ms an article. An
archive import (WXR, ninjs, Markdown folders) goes through :class:`BulkImporter` instead:
sections, tags and authors are looked up (and created) a batch at a time and cached for the
import, slugs are checked against the batch and one query per batch, and rows are inserted
with one multi-row statement per table (the full-text index follows through its triggers
inside the same transaction).

Bodies are not rendered here: the source is stored and ``body_html`` left empty, and whoever
reads the article first renders it (``render.markdown.stored_or_rendered``; the first site
export stores them all, ``core.bodies.render_pending``) — rendering was
four fifths of an import's time, and most of an archive is never opened. The links to library
assets come from the source's ``asset:SHA`` references.

The rules are ``create_article``'s — same slugs (in the site's slug style), statuses, dates,
taxonomy look-ups — and an article whose UUID is already in the library still goes through
``upsert_article``, so a re-import updates it as before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from sqlite3 import SQLITE_LIMIT_VARIABLE_NUMBER
from typing import Any

from sqlalchemy import Connection, func, insert
from sqlmodel import Session, col, select

from newsdesk.core import taxonomy
from newsdesk.core.articles import (
    EDITABLE,
    _split_list,
    check_status,
    clean_fields,
    session_desk,
)
from newsdesk.core.settings import slug_style
from newsdesk.domain.record import ArticleRecord
from newsdesk.domain.slugs import slugify, unique_slug
from newsdesk.domain.stages import DRAFT, STAGE_OF_STATUS
from newsdesk.errors import UserError
from newsdesk.importers.upsert import LIGHT_FIELDS, ImportResult, upsert_article
from newsdesk.render.markdown import count_words
from newsdesk.storage import models
from newsdesk.storage.models import Article, Asset, Author, Status, Tag
from newsdesk.storage.slugs import slug_taken
from newsdesk.storage.types import utcnow

BATCH = 500
# Rows a multi-row INSERT adds at most (fewer when the columns would pass SQLite's limit of
# bound values): ``_insert_many``.
_ROWS_PER_INSERT = 100
# A slug the source asks for but another article has: the headline's is taken instead (the
# rule of a site folder's file names, ``importers/folder.py``). Never stored.
FALLBACK_SLUG = "_slug_or_headline"

Fields = dict[str, Any]
Item = tuple[Fields, str]  # an article's fields and where it came from (for messages)
_CORRECTIONS = LIGHT_FIELDS.index("corrections")


@dataclass(slots=True)
class Prepared:
    """An article ready to be added: its fields, where it came from, and what its row takes
    from them alone (status checked, lists split, words counted, the slug it asks for)."""

    fields: Fields
    source: str
    record: ArticleRecord
    status: str
    tags: list[str]
    byline: list[str]
    words: int
    base: str  # the slug asked for (or the headline's), before another article's is avoided
    fallback: str | None  # the slug to take when ``base`` is another article's


_SOURCE_ASSET = re.compile(r"asset:([0-9a-f]{64})")


class _Names:
    """Tags or authors by name, found or created as ``taxonomy.ensure_tag``/``ensure_author``
    would (same name ignoring case, else same slug, else a new one), a batch at a time."""

    def __init__(self, session: Session, model: Any, style: str) -> None:
        self.session, self.model, self.style = session, model, style
        self.ids: dict[str, int] = {}  # stripped, lower-case name -> id
        self._new_slugs: dict[str, int] = {}  # slugs of the rows this import created

    def ids_of(self, names: list[str]) -> list[int]:
        """The ids of ``names`` (resolved before), each once, in order."""
        out: list[int] = []
        for name in names:
            found = self.ids[name.strip().lower()]
            if found not in out:
                out.append(found)
        return out

    def resolve(self, names: Iterable[str]) -> None:
        wanted: dict[str, str] = {}
        for name in names:
            key = name.strip().lower()
            if key and key not in self.ids and key not in wanted:
                wanted[key] = name.strip()
        if not wanted:
            return
        m = self.model
        by_name: dict[str, int] = {}
        for rid, low in self.session.exec(
            select(m.id, func.lower(m.name)).where(func.lower(m.name).in_(list(wanted)))
        ):  # type: ignore[call-overload]
            by_name[low] = min(rid, by_name.get(low, rid))
        slugs = {key: slugify(name, style=self.style) for key, name in wanted.items()}
        missing = [k for k in wanted if k not in by_name]
        by_slug: dict[str, int] = dict(
            self.session.exec(
                select(m.slug, m.id).where(col(m.slug).in_({slugs[k] for k in missing}))
            ).all()  # type: ignore[call-overload]
        ) if missing else {}  # fmt: skip
        new: list[tuple[str, str, str]] = []  # key, name, slug
        new_slugs: set[str] = set()
        for key, name in wanted.items():
            if key in by_name:
                self.ids[key] = by_name[key]
            elif slugs[key] in by_slug:
                self.ids[key] = by_slug[slugs[key]]
            elif slugs[key] in self._new_slugs:
                self.ids[key] = self._new_slugs[slugs[key]]
            elif slugs[key] in new_slugs:  # created a moment ago in this batch: the same one
                new.append((key, name, slugs[key]))
            else:  # its slug is in no row (the look-up by slug above found none): free
                new_slugs.add(slugs[key])
                new.append((key, name, slugs[key]))
        self._create(new)

    def _create(self, new: list[tuple[str, str, str]]) -> None:
        rows: list[dict[str, Any]] = []
        keys_of_slug: dict[str, list[str]] = {}
        for key, name, slug in new:
            if slug not in keys_of_slug:
                extra = (
                    {"description": "", "slug_locked": False} if self.model is Tag else {"bio": ""}
                )
                rows.append({"name": name, "slug": slug, **extra})
            keys_of_slug.setdefault(slug, []).append(key)
        if not rows:
            return
        conn = self.session.connection()
        stmt = insert(self.model).returning(self.model.id, sort_by_parameter_order=True)
        for row, (rid,) in zip(rows, conn.execute(stmt, rows), strict=True):
            self._new_slugs[row["slug"]] = rid
            for key in keys_of_slug[row["slug"]]:
                self.ids[key] = rid


class BulkImporter:
    """New articles into the caller's transaction, a batch at a time."""

    def __init__(self, session: Session, *, as_copy: bool = False) -> None:
        self.session = session
        self.as_copy = as_copy
        self.style = slug_style(session)  # the site's: ascii or every script's letters
        self.tags = _Names(session, Tag, self.style)
        self.authors = _Names(session, Author, self.style)
        self._sections: dict[str, int] = {}  # lower name -> id
        self._slugs_used: set[str] = set()
        self._assets_known: set[str] = set()

    def add_batch(self, batch: list[Item]) -> list[ImportResult]:
        """Add (or, for a UUID already in the library, update) every article of ``batch``."""
        return self.add_prepared([self.prepare(item) for item in batch])

    def prepare(self, item: Item) -> Prepared:
        """What an article's row needs that the library does not decide: checked, cleaned,
        counted. Reads nothing from the library, so an import prepares every article before
        it takes the library's write lock (``services.importing``)."""
        fields = clean_fields(dict(item[0]))  # no control characters; a UUID that is one
        unknown = set(fields) - EDITABLE - {"corrections", FALLBACK_SLUG}  # added, never edited
        if unknown:
            raise UserError(f"Cannot import the fields {', '.join(sorted(unknown))}")
        if self.as_copy:
            fields["uuid"] = None
            fields["slug"] = ""
            fields.pop(FALLBACK_SLUG, None)
        fallback = fields.get(FALLBACK_SLUG)
        rec = ArticleRecord(**{k: v for k, v in fields.items() if k != FALLBACK_SLUG})
        base = slugify(rec.slug or rec.headline or "untitled", style=self.style)
        return Prepared(
            fields, item[1], rec, check_status(rec.status),
            _split_list(rec.tags), _split_list(rec.byline), count_words(rec.body or ""),
            base, slugify(fallback, style=self.style) if fallback else None,
        )  # fmt: skip

    def add_prepared(self, batch: list[Prepared]) -> list[ImportResult]:
        """Add (or, for a UUID already in the library, update) every prepared article."""
        known = self._existing_uuids([p.fields.get("uuid") for p in batch])
        results: list[ImportResult | None] = [None] * len(batch)
        new: list[tuple[int, Prepared]] = []
        updates: list[tuple[int, Prepared]] = []
        seen: set[str] = set()
        for pos, prepared in enumerate(batch):
            uuid = prepared.fields.get("uuid")
            if uuid and (uuid in known or uuid in seen):  # twice in one file: the last one wins
                updates.append((pos, prepared))
            else:
                new.append((pos, prepared))
            if uuid:
                seen.add(uuid)
        for pos, result in self._insert(new):
            results[pos] = result
        for pos, prepared in updates:
            fields = dict(prepared.fields)
            if fields.pop(FALLBACK_SLUG, None) is not None and self._taken_by_another(fields):
                fields.pop("slug")  # the file's name asks for another article's: keep its own
            results[pos] = upsert_article(self.session, fields, prepared.source)
        return [r for r in results if r is not None]

    # ----------------------------------------------------------------- steps

    def _existing_uuids(self, uuids: list[str | None]) -> set[str]:
        wanted = sorted({u for u in uuids if u})
        if not wanted:
            return set()
        return set(
            self.session.exec(select(Article.uuid).where(col(Article.uuid).in_(wanted))).all()
        )  # type: ignore[call-overload]

    def _taken_by_another(self, fields: Fields) -> bool:
        slug = slugify(fields.get("slug") or "", style=self.style)
        query = select(Article.id).where(Article.slug == slug, Article.uuid != fields["uuid"])
        return self.session.exec(query).first() is not None

    def _section(self, name: str) -> int:
        key = name.strip().lower()
        if key not in self._sections:
            found = taxonomy.ensure_section(self.session, name).id
            assert found is not None
            self._sections[key] = found
        return self._sections[key]

    def _slugs(self, wanted: list[tuple[str, str | None]]) -> list[str]:
        """Unique slugs for the batch, as ``unique_slug`` picks them against the library. Each
        item is (base, fallback): a base taken by another article gives way to the fallback's
        unique slug when there is one (``update_article`` refuses a taken slug)."""
        candidates = {base for base, _ in wanted} | {fb for _, fb in wanted if fb}
        taken_in_db = set(
            self.session.exec(select(Article.slug).where(col(Article.slug).in_(candidates))).all()  # type: ignore[call-overload]
        )

        def taken(slug: str) -> bool:
            if slug in self._slugs_used or slug in taken_in_db:
                return True
            return slug not in candidates and slug_taken(self.session, Article, slug)

        out = []
        for base, fallback in wanted:
            if fallback is not None and taken(base):
                base = fallback
            slug = unique_slug(base, taken)
            self._slugs_used.add(slug)
            out.append(slug)
        return out

    def _insert(self, new: list[tuple[int, Prepared]]) -> Iterator[tuple[int, ImportResult]]:
        if not new:
            return
        now = utcnow()
        slugs = self._slugs([(p.base, p.fallback) for _, p in new])
        prepared = [p for _, p in new]
        tag_lists = [p.tags for p in prepared]
        byline_lists = [p.byline for p in prepared]
        self.tags.resolve(t for tags in tag_lists for t in tags)
        self.authors.resolve(a for byline in byline_lists for a in byline)
        rows: list[dict[str, Any]] = []
        lights: list[list[Any]] = []
        for p, slug in zip(prepared, slugs, strict=True):
            row, light = self._row(p, slug, now)
            rows.append(row)
            lights.append(light)
        self.session.flush()  # sections created above reach the connection first
        conn = self.session.connection()
        ids = _insert_rows(conn, Article, rows)
        tag_rows: list[dict[str, int]] = []
        author_rows: list[dict[str, int]] = []
        asset_rows: list[dict[str, Any]] = []
        refs = self._known_assets(rows)
        for aid, light, row, tags, byline in zip(
            ids, lights, rows, tag_lists, byline_lists, strict=True
        ):
            light[0] = aid
            tag_rows += [
                {"article_id": aid, "tag_id": tid, "position": i}
                for i, tid in enumerate(self.tags.ids_of(tags))
            ]
            author_rows += [
                {"article_id": aid, "author_id": auid, "position": i}
                for i, auid in enumerate(self.authors.ids_of(byline))
            ]
            asset_rows += [
                {"article_id": aid, "asset_sha256": sha}
                for sha in (sorted(set(_SOURCE_ASSET.findall(row["body"])) & refs) if refs else ())
            ]
        for table, link_rows in (
            (models.ArticleTag, tag_rows),
            (models.ArticleAuthor, author_rows),
            (models.ArticleAsset, asset_rows),
        ):
            if link_rows:
                _insert_rows(conn, table, link_rows)
        correction_rows = [
            {"article_id": light[0], "kind": c.kind, "text": c.text, "created_at": c.created_at,
             "desk": c.desk}
            for light in lights
            for c in light[_CORRECTIONS]
        ]  # fmt: skip
        if correction_rows:
            conn.execute(insert(models.ArticleCorrection), correction_rows)
        for (pos, p), light in zip(new, lights, strict=True):
            yield pos, ImportResult(tuple(light), p.source, False)

    def _row(self, p: Prepared, slug: str, now: Any) -> tuple[dict[str, Any], list[Any]]:
        rec, status, tags, byline, words = p.record, p.status, p.tags, p.byline, p.words
        published = rec.published_at
        if status == Status.PUBLISHED and published is None:
            published = now
        section_id = self._section(rec.section) if rec.section and rec.section.strip() else None
        body = rec.body or ""
        uuid, created, updated = rec.uuid or _uuid4(), rec.created_at or now, rec.updated_at or now
        row: dict[str, Any] = {
            "uuid": uuid, "slug": slug, "headline": rec.headline,
            "standfirst": rec.standfirst, "body": body, "body_html": "",  # rendered when read
            "section_id": section_id, "status": status, "dateline": rec.dateline,
            "created_at": created, "updated_at": updated,
            "published_at": published, "scheduled_at": rec.scheduled_at,
            "image_sha256": rec.image_sha256, "image_alt": rec.image_alt,
            "image_caption": rec.image_caption, "image_credit": rec.image_credit,
            "seo_description": rec.seo_description, "editors_note": rec.editors_note,
            "language": rec.language, "embargo_at": rec.embargo_at,
            "stage": STAGE_OF_STATUS.get(status, DRAFT) if rec.stage == DRAFT else rec.stage,
            "updated_by": session_desk(self.session),
            "pinned": rec.pinned, "word_count": words,
            "tags_text": ", ".join(tags), "byline_text": ", ".join(byline), "version": 1,
        }  # fmt: skip
        if rec.image_sha256 is not None:
            self._check_image(rec.image_sha256)
        # What the result keeps (LIGHT_FIELDS, the id once inserted): an archive's results
        # must not hold every article whole.
        light = [
            None, uuid, slug, rec.headline, status, rec.section, tuple(tags), tuple(byline),
            published, rec.scheduled_at, created, updated, words, rec.language,
            rec.image_sha256, tuple(rec.corrections), 1,
        ]  # fmt: skip
        return row, light

    def _known_assets(self, rows: list[dict[str, Any]]) -> set[str]:
        """Which of the library assets the batch's bodies name are in the library."""
        named = {
            sha
            for row in rows
            if "asset:" in row["body"]
            for sha in _SOURCE_ASSET.findall(row["body"])
        }
        unknown = named - self._assets_known
        if unknown:
            self.session.flush()  # images the importer stored a moment ago
            self._assets_known |= set(
                self.session.exec(select(Asset.sha256).where(col(Asset.sha256).in_(unknown))).all()
            )  # type: ignore[call-overload]
        return named & self._assets_known

    def _check_image(self, sha: str) -> None:
        if sha in self._assets_known:
            return
        if self.session.get(Asset, sha) is None:
            raise UserError(f"The featured image {sha[:12]}… is not in the library")
        self._assets_known.add(sha)


def _insert_rows(conn: Connection, model: Any, rows: list[dict[str, Any]]) -> list[int]:
    """Insert ``rows`` (dicts with the same keys) into ``model``'s table; their ids, in order.

    On SQLite the rows go to the driver (``_insert_many``) with the columns' own bind
    processors (SQLAlchemy's multi-row statement cost more than the insert itself); a rowid
    table gives the rows consecutive ids (max + 1 each, and this transaction holds the write
    lock), which is checked. Elsewhere: one multi-row INSERT … RETURNING.
    """
    table = model.__table__
    if conn.dialect.name != "sqlite":
        if "id" not in table.c:
            conn.execute(insert(model), rows)
            return []
        stmt = insert(model).returning(table.c.id, sort_by_parameter_order=True)
        return [row[0] for row in conn.execute(stmt, rows)]
    names = list(rows[0])
    processors = [
        (i, p)
        for i, name in enumerate(names)
        if (p := table.c[name].type.bind_processor(conn.dialect)) is not None
    ]  # only a few columns have one (dates): the rest go as they are
    get = itemgetter(*names) if len(names) > 1 else (lambda row: (row[names[0]],))
    params: list[Any] = []
    for row in rows:
        values = list(get(row))
        for i, p in processors:
            values[i] = p(values[i])
        params.append(values)
    driver = conn.connection.driver_connection
    assert driver is not None
    cursor = driver.cursor()
    try:
        _insert_many(driver, cursor, table.name, names, params)
        if "id" not in table.c:
            return []
        last = int(cursor.execute("SELECT last_insert_rowid()").fetchone()[0])
        first = last - len(rows) + 1
        count = cursor.execute(
            f"SELECT count(*) FROM {table.name} WHERE id BETWEEN ? AND ?", (first, last)
        ).fetchone()[0]
    finally:
        cursor.close()
    if count != len(rows):  # cannot happen in a rowid table under the write lock
        raise RuntimeError(f"{table.name}: the inserted rows' ids are not consecutive")
    return list(range(first, last + 1))


def _insert_many(
    driver: Any, cursor: Any, table: str, names: list[str], params: list[list[Any]]
) -> None:
    """``params`` into ``table``, up to ``_ROWS_PER_INSERT`` rows a statement.

    One row a statement (``executemany``) cost three times as much: every statement on a table
    with triggers (the full-text index, the change counter) keeps a statement journal of the
    pages it changes, so that it can be undone alone, and the journal went to a temporary
    file, some 90 writes an article (strace: 180,000 ``pwrite`` calls for 2,000 posts).
    """
    per = max(1, min(_ROWS_PER_INSERT, driver.getlimit(SQLITE_LIMIT_VARIABLE_NUMBER) // len(names)))
    head = f"INSERT INTO {table} ({', '.join(names)}) VALUES "
    one = f"({', '.join('?' * len(names))})"
    full = len(params) - len(params) % per
    if full:
        sql = head + ", ".join([one] * per)
        for start in range(0, full, per):
            cursor.execute(sql, [v for row in params[start : start + per] for v in row])
    if full < len(params):
        rest = params[full:]
        cursor.execute(head + ", ".join([one] * len(rest)), [v for row in rest for v in row])


def _uuid4() -> str:
    import uuid

    return str(uuid.uuid4())


def batched(items: Iterable[Item], size: int = BATCH) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
