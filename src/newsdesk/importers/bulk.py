"""Adding thousands of imported articles at once: a few statements per batch, not per article.

``core.articles.create_article`` is made for one article at a time (an ORM row, two
flushes, a query per tag and per slug, the record read back), about 25 ms an article. An
archive import goes through :class:`BulkImporter` instead: bodies are rendered ahead in worker
processes (:class:`Renderer`), sections, tags and authors are looked up once per import, slugs
are checked against the batch and one query per batch, and rows are inserted with one
multi-row statement per table (the full-text index follows through its triggers inside the
same transaction). The rules are ``create_article``'s — same slugs (in the site's slug
style), statuses, dates, taxonomy look-ups — and an article whose UUID is already in the library still goes through
``upsert_article``, so a re-import updates it as before.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from sqlalchemy import insert
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
from newsdesk.importers.upsert import ImportResult, upsert_article
from newsdesk.render.markdown import asset_refs, count_words, render_body
from newsdesk.storage.models import (
    Article,
    ArticleAsset,
    ArticleAuthor,
    ArticleCorrection,
    ArticleTag,
    Asset,
    Status,
)
from newsdesk.storage.slugs import slug_taken
from newsdesk.storage.types import utcnow

BATCH = 250
# Below this many articles, starting worker processes costs more than it saves.
PARALLEL_FROM = 400

Fields = dict[str, Any]
Item = tuple[Fields, str]  # an article's fields and where it came from (for messages)


def _render_many(bodies: list[str]) -> list[str]:
    return [render_body(body) for body in bodies]


class Renderer:
    """Renders batches of bodies in order, in worker processes that keep a few batches ahead.

    Workers are started with ``spawn`` (never ``fork``): the desktop app imports on a worker
    thread, and a forked child of a threaded process can deadlock on a lock it inherited.
    """

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: cf.ProcessPoolExecutor | None = None

    def __enter__(self) -> Renderer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def map(self, batches: Iterable[list[Item]]) -> Iterator[tuple[list[Item], list[str]]]:
        """Each batch with its bodies rendered, in order."""
        if self.workers <= 1:
            for batch in batches:
                yield batch, _render_many([f.get("body") or "" for f, _ in batch])
            return
        if self._pool is None:
            ctx = multiprocessing.get_context("spawn")
            self._pool = cf.ProcessPoolExecutor(self.workers, mp_context=ctx)
        ahead: deque[tuple[list[Item], cf.Future[list[str]]]] = deque()
        for batch in batches:
            bodies = [f.get("body") or "" for f, _ in batch]
            ahead.append((batch, self._pool.submit(_render_many, bodies)))
            if len(ahead) > 2 * self.workers:
                done, future = ahead.popleft()
                yield done, future.result()
        while ahead:
            done, future = ahead.popleft()
            yield done, future.result()


class BulkImporter:
    """New articles into the caller's transaction, a batch at a time."""

    def __init__(self, session: Session, *, as_copy: bool = False) -> None:
        self.session = session
        self.as_copy = as_copy
        self._ids: dict[tuple[str, str], int] = {}  # ("tag", lower name) -> id
        self._slugs_used: set[str] = set()

    def add_batch(self, batch: list[Item], rendered: list[str]) -> list[ImportResult]:
        """Add (or, for a UUID already in the library, update) every article of ``batch``."""
        fields_list = [self._prepared(fields) for fields, _ in batch]
        known = self._existing_uuids([f.get("uuid") for f in fields_list])
        results: list[ImportResult | None] = [None] * len(batch)
        new: list[tuple[int, Fields, str, str]] = []
        updates: list[tuple[int, Fields, str]] = []
        seen: set[str] = set()
        for pos, (fields, (_, source)) in enumerate(zip(fields_list, batch, strict=True)):
            uuid = fields.get("uuid")
            if uuid and (uuid in known or uuid in seen):  # twice in one file: the last one wins
                updates.append((pos, fields, source))
            else:
                new.append((pos, fields, rendered[pos], source))
            if uuid:
                seen.add(uuid)
        for pos, result in self._insert(new):
            results[pos] = result
        for pos, fields, source in updates:
            results[pos] = upsert_article(self.session, fields, source)
        return [r for r in results if r is not None]

    # ----------------------------------------------------------------- steps

    def _prepared(self, fields: Fields) -> Fields:
        fields = clean_fields(dict(fields))  # no control characters; a UUID that is one
        unknown = set(fields) - EDITABLE - {"corrections"}  # added, never edited
        if unknown:
            raise UserError(f"Cannot import the fields {', '.join(sorted(unknown))}")
        if self.as_copy:
            fields["uuid"] = None
            fields["slug"] = ""
        return fields

    def _existing_uuids(self, uuids: list[str | None]) -> set[str]:
        wanted = sorted({u for u in uuids if u})
        if not wanted:
            return set()
        return set(
            self.session.exec(select(Article.uuid).where(col(Article.uuid).in_(wanted))).all()
        )  # type: ignore[call-overload]

    def _id(self, kind: str, name: str, ensure: Callable[[Session, str], Any]) -> int:
        key = (kind, name.strip().lower())
        if key not in self._ids:
            self._ids[key] = ensure(self.session, name).id
        return self._ids[key]

    def _slugs(self, bases: list[str]) -> list[str]:
        """Unique slugs for the batch, as ``unique_slug`` picks them against the library."""
        taken_in_db = set(
            self.session.exec(select(Article.slug).where(col(Article.slug).in_(set(bases)))).all()  # type: ignore[call-overload]
        )

        def taken(slug: str) -> bool:
            if slug in self._slugs_used or slug in taken_in_db:
                return True
            return slug not in bases and slug_taken(self.session, Article, slug)

        out = []
        for base in bases:
            slug = unique_slug(base, taken)
            self._slugs_used.add(slug)
            out.append(slug)
        return out

    def _insert(
        self, new: list[tuple[int, Fields, str, str]]
    ) -> Iterator[tuple[int, ImportResult]]:
        if not new:
            return
        now = utcnow()
        style = slug_style(self.session)  # the site's: ascii or every script's letters
        bases = [
            slugify(f.get("slug") or f.get("headline") or "untitled", style=style)
            for _, f, _, _ in new
        ]
        slugs = self._slugs(bases)
        rows: list[dict[str, Any]] = []
        records: list[ArticleRecord] = []
        for (_, fields, html, _), slug in zip(new, slugs, strict=True):
            row, rec = self._row(fields, html, slug, now)
            rows.append(row)
            records.append(rec)
        self.session.flush()  # sections and tags created above reach the connection first
        conn = self.session.connection()
        stmt = insert(Article).returning(col(Article.id), sort_by_parameter_order=True)
        ids: list[int] = [row[0] for row in conn.execute(stmt, rows) if row[0] is not None]
        tag_rows: list[dict[str, int]] = []
        author_rows: list[dict[str, int]] = []
        asset_rows: list[dict[str, Any]] = []
        for aid, rec, row in zip(ids, records, rows, strict=True):
            rec.id = aid
            tag_rows += [
                {
                    "article_id": aid,
                    "tag_id": self._id("tag", t, taxonomy.ensure_tag),
                    "position": i,
                }
                for i, t in enumerate(rec.tags)
            ]
            author_rows += [
                {"article_id": aid, "author_id": self._id("author", a, taxonomy.ensure_author),
                 "position": i}
                for i, a in enumerate(rec.byline)
            ]  # fmt: skip
            asset_rows += self._assets(aid, row["body_html"], rec.image_sha256)
        self.session.flush()
        for table, link_rows in ((ArticleTag, tag_rows), (ArticleAuthor, author_rows)):
            if link_rows:
                conn.execute(insert(table), link_rows)
        if asset_rows:
            conn.execute(insert(ArticleAsset), asset_rows)
        correction_rows = [
            {"article_id": rec.id, "kind": c.kind, "text": c.text, "created_at": c.created_at,
             "desk": c.desk}
            for rec in records
            for c in rec.corrections
        ]  # fmt: skip
        if correction_rows:
            conn.execute(insert(ArticleCorrection), correction_rows)
        for (pos, _, _, source), rec in zip(new, records, strict=True):
            yield pos, ImportResult(rec, source, False)

    def _row(
        self, fields: Fields, html: str, slug: str, now: Any
    ) -> tuple[dict[str, Any], ArticleRecord]:
        rec = ArticleRecord(**fields)
        status = check_status(rec.status)
        published = rec.published_at
        if status == Status.PUBLISHED and published is None:
            published = now
        tags, byline = _split_list(rec.tags), _split_list(rec.byline)
        section_id = (
            self._id("section", rec.section, taxonomy.ensure_section)
            if rec.section and rec.section.strip()
            else None
        )
        body = rec.body or ""
        uuid, created, updated = rec.uuid or _uuid4(), rec.created_at or now, rec.updated_at or now
        words = count_words(body)
        row: dict[str, Any] = {
            "uuid": uuid, "slug": slug, "headline": rec.headline,
            "standfirst": rec.standfirst, "body": body, "body_html": html,
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
        # The record handed back is light (no body): an archive's results must not hold it.
        light = ArticleRecord(
            headline=rec.headline, standfirst=rec.standfirst, section=rec.section, tags=tags,
            byline=byline, status=status, slug=slug, published_at=published,
            scheduled_at=rec.scheduled_at, image_sha256=rec.image_sha256, uuid=uuid,
            version=1, created_at=created, updated_at=updated, word_count=words,
            language=rec.language, corrections=list(rec.corrections),
        )  # fmt: skip
        return row, light

    def _assets(self, aid: int, html: str, image: str | None) -> list[dict[str, Any]]:
        refs = asset_refs(html)
        known: set[str] = set()
        if refs:
            known = set(
                self.session.exec(select(Asset.sha256).where(col(Asset.sha256).in_(refs))).all()
            )  # type: ignore[call-overload]
        if image is not None and self.session.get(Asset, image) is None:
            raise UserError(f"The featured image {image[:12]}… is not in the library")
        return [{"article_id": aid, "asset_sha256": sha} for sha in sorted(known)]


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
