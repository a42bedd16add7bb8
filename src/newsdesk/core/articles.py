"""Articles: create, read, update (with optimistic locking), list and delete.

``ArticleRecord`` is the plain, detached view of an article that the GUI, the CLI, the renderer,
exports and publishers all share. Which of its fields live in the article's row, and which
may be changed, comes from its declaration (``domain.schema``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import func, or_, update
from sqlmodel import Session, col, select

from newsdesk.core import taxonomy
from newsdesk.core.settings import site_slugify
from newsdesk.domain import schema
from newsdesk.domain.dates import iso_utc
from newsdesk.domain.listing import LibraryFilter
from newsdesk.domain.record import ArticleRecord as ArticleRecord  # lives in domain
from newsdesk.domain.record import Correction
from newsdesk.domain.stages import DRAFT, PUBLISHED, STAGE_OF_STATUS
from newsdesk.domain.status import STATUSES
from newsdesk.domain.text import canonical_uuid, clean_text
from newsdesk.errors import ConflictError, NotFoundError, UserError
from newsdesk.render.markdown import asset_refs, count_words, render_body, stored_or_rendered
from newsdesk.storage.models import (
    Article,
    ArticleAsset,
    ArticleAuthor,
    ArticleCorrection,
    ArticleTag,
    Asset,
    Author,
    Section,
    Status,
    Tag,
)
from newsdesk.storage.slugs import free_slug, slug_taken
from newsdesk.storage.types import utcnow

EDITABLE = set(schema.EDITABLE)
# The editable fields kept in the article's own row (``updated_at`` is the save stamp, set apart).
_SCALARS = (EDITABLE & set(schema.COLUMNS)) - {"updated_at"}
# Changed only through services.newsroom (permissions, the pre-flight check, a recorded event).
WORKFLOW_FIELDS = {"stage"}


def session_desk(session: Session) -> str:
    """The desk working in this session ("Priya Raman"), set by ``AppContext.session``."""
    return str(session.info.get("desk", ""))


def _split_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else list(value)
    seen: dict[str, str] = {}
    for item in items:
        name = clean_text(str(item)).strip()
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def check_status(status: str) -> str:
    norm = status.strip().lower().replace(" ", "_").replace("-", "_")
    if norm not in STATUSES:
        raise UserError(f"Unknown status {status!r}; use one of: {', '.join(STATUSES)}")
    return norm


def _resolve_id(session: Session, ref: str | int) -> int:
    """An article by id, UUID (or a unique UUID prefix of 8+ characters) or slug."""
    text = str(ref).strip()
    if text.isdigit() and int(text) < 2**63:  # larger ids cannot exist (SQLite integers)
        found = session.get(Article, int(text))
        if found is not None:
            return int(text)
    row = session.exec(
        select(Article.id).where(or_(col(Article.uuid) == text, col(Article.slug) == text))
    ).first()
    if row is not None:
        return int(row)
    if re.fullmatch(r"[0-9a-f-]{8,36}", text):
        rows = session.exec(
            select(Article.id).where(col(Article.uuid).startswith(text)).limit(2)
        ).all()
        if len(rows) == 1 and rows[0] is not None:
            return int(rows[0])
    raise NotFoundError(f"No article {text!r} in the library (give its id, UUID or slug)")


def article_rows(
    session: Session, model: Any, article: str | int, *, newest_first: bool = False
) -> list[Any]:
    """The rows of a table kept per article (revisions, events, notes) for one article (by id,
    UUID or slug), oldest first (or newest first)."""
    order = [col(model.created_at), col(model.id)]
    query = select(model).where(model.article_id == _resolve_id(session, article))
    query = query.order_by(*(c.desc() for c in order) if newest_first else order)
    return list(session.exec(query).all())


def get_article(session: Session, ref: str | int) -> ArticleRecord:
    row = session.get(Article, _resolve_id(session, ref))
    assert row is not None
    return _to_record(session, row)


def find_by_uuid(session: Session, uuid: str) -> ArticleRecord | None:
    try:
        uuid = canonical_uuid(uuid)
    except UserError:
        return None  # not a UUID: no article has it (adding one with it is refused)
    row = session.exec(select(Article).where(Article.uuid == uuid)).first()
    return _to_record(session, row) if row else None


def _to_record(session: Session, row: Article) -> ArticleRecord:
    section = session.get(Section, row.section_id) if row.section_id else None
    values = {name: getattr(row, name) for name in schema.COLUMNS}
    values["body_html"] = stored_or_rendered(row.body, row.body_html)  # a bulk import's: now
    return ArticleRecord(
        **values,
        section=section.name if section else None,
        section_slug=section.slug if section else None,
        tags=_linked_names(session, Tag, ArticleTag, row.id),
        byline=_linked_names(session, Author, ArticleAuthor, row.id),
        corrections=list_corrections(session, row.id or 0),
    )


def _linked_names(session: Session, named: Any, link: Any, article_id: int | None) -> list[str]:
    """The names of an article's tags (``Tag``, ``ArticleTag``) or authors, in their order."""
    query = select(named.name).join(link).where(link.article_id == article_id)
    return list(session.exec(query.order_by(col(link.position))).all())


def merge_corrections(session: Session, article_id: int, corrections: list[Correction]) -> int:
    """Add the corrections the article does not have yet (an import of a newer copy); returns
    how many were added. Nothing is ever removed."""
    have = {(c.kind, c.text, c.created_at) for c in list_corrections(session, article_id)}
    added = 0
    for c in corrections:
        if (c.kind, c.text, c.created_at) not in have:
            session.add(
                ArticleCorrection(
                    article_id=article_id,
                    kind=c.kind,
                    text=c.text,
                    created_at=c.created_at,
                    desk=c.desk,
                )
            )
            added += 1
    session.flush()
    return added


def list_corrections(session: Session, article_id: int) -> list[Correction]:
    """The article's corrections and updates, oldest first."""
    rows = session.exec(
        select(ArticleCorrection)
        .where(ArticleCorrection.article_id == article_id)
        .order_by(col(ArticleCorrection.created_at), col(ArticleCorrection.id))
    ).all()
    return [Correction(r.kind, r.text, r.created_at, r.desk) for r in rows]


def _apply_relations(session: Session, article_id: int, tags: list[str], byline: list[str]) -> None:
    _link(session, article_id, tags, taxonomy.ensure_tag, ArticleTag, "tag_id")
    _link(session, article_id, byline, taxonomy.ensure_author, ArticleAuthor, "author_id")


def _link(
    session: Session,
    article_id: int,
    names: list[str],
    ensure: Callable[[Session, str], Any],
    link: Any,
    key: str,
) -> None:
    """Replace the article's tags or authors by ``names``, in order, each made if new."""
    session.execute(sa_delete(link).where(col(link.article_id) == article_id))
    ids: list[int] = []  # two names with one slug ("café", "cafe") are one tag, once
    for name in names:
        found = ensure(session, name).id
        if found is not None and found not in ids:
            ids.append(found)
    for pos, found in enumerate(ids):
        session.add(link(article_id=article_id, position=pos, **{key: found}))


def _apply_assets(session: Session, article_id: int, body_html: str, image: str | None) -> None:
    session.execute(sa_delete(ArticleAsset).where(col(ArticleAsset.article_id) == article_id))
    refs = asset_refs(body_html)
    known = (
        set(session.exec(select(Asset.sha256).where(col(Asset.sha256).in_(refs))).all())
        if refs
        else set()
    )
    for sha in sorted(known):
        session.add(ArticleAsset(article_id=article_id, asset_sha256=sha))
    if image is not None and session.get(Asset, image) is None:
        raise UserError(f"The featured image {image[:12]}… is not in the library")


def clean_fields(values: dict[str, Any]) -> dict[str, Any]:
    """Text fields without control characters; a UUID in its canonical spelling (or a
    ``UserError``). Every way into the library applies it (bulk import too)."""
    out = {k: clean_text(v) if isinstance(v, str) else v for k, v in values.items()}
    if out.get("uuid"):
        out["uuid"] = canonical_uuid(out["uuid"], "article UUID")
    return out


def _derived(values: dict[str, Any]) -> dict[str, Any]:
    body = values.get("body", "")
    return {"body_html": render_body(body), "word_count": count_words(body)}


def create_article(session: Session, rec: ArticleRecord) -> ArticleRecord:
    """Add an article; slug from the headline unless given; section, tags and authors created as needed."""
    values = {name: getattr(rec, name) for name in _SCALARS}
    values["status"] = check_status(rec.status)
    values = {
        k: v
        for k, v in values.items()
        if v is not None or k in {"published_at", "scheduled_at", "image_sha256"}
    }
    values = clean_fields(values)
    if not values.get("uuid"):
        values.pop("uuid", None)
    elif session.exec(select(Article.id).where(Article.uuid == values["uuid"])).first() is not None:
        raise UserError(f"An article with UUID {values['uuid']} is already in the library")
    now = utcnow()
    values["created_at"] = rec.created_at or now
    tags, byline = _split_list(rec.tags), _split_list(rec.byline)
    section_name = clean_text(rec.section) if rec.section else None
    section = taxonomy.ensure_section(session, section_name) if section_name else None
    base = site_slugify(session, rec.slug or rec.headline or "untitled")
    values["slug"] = free_slug(session, Article, base)
    if values["status"] == Status.PUBLISHED and values.get("published_at") is None:
        values["published_at"] = now
    if values.get("stage", DRAFT) == DRAFT:  # an import's status says how far it got
        values["stage"] = STAGE_OF_STATUS.get(values["status"], DRAFT)
    row = Article(
        **values,
        **_derived(values),
        section_id=section.id if section else None,
        tags_text=", ".join(tags),
        byline_text=", ".join(byline),
        updated_at=rec.updated_at or now,
        updated_by=session_desk(session),
        version=1,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for c in rec.corrections:  # carried by an import or a bundle
        session.add(
            ArticleCorrection(
                article_id=row.id, kind=c.kind, text=c.text, created_at=c.created_at, desk=c.desk
            )
        )
    _apply_relations(session, row.id, tags, byline)
    _apply_assets(session, row.id, row.body_html, row.image_sha256)
    session.flush()
    return _to_record(session, row)


def update_article(
    session: Session,
    ref: str | int,
    changes: dict[str, Any],
    expected_version: int | None = None,
    *,
    touch: bool = True,
    workflow: bool = False,
) -> ArticleRecord:
    """Change some fields. With ``expected_version``, refuse if someone saved in between.

    The stage changes only with ``workflow`` (services.newsroom.move_stage checks who may)."""
    unknown = set(changes) - (EDITABLE - {"uuid"})
    if unknown:
        raise UserError(f"Cannot change {', '.join(sorted(unknown))}")
    if not workflow and WORKFLOW_FIELDS & set(changes):
        raise UserError("The stage changes with 'newsdesk article stage ID STAGE'")
    article_id = _resolve_id(session, ref)
    row = session.get(Article, article_id)
    assert row is not None
    session.refresh(row)
    if expected_version is not None and row.version != expected_version:
        raise ConflictError(
            f"“{row.headline or 'Untitled'}” was changed elsewhere (version {row.version}, "
            f"you edited version {expected_version}). Your text is kept; reload or save a copy."
        )
    values: dict[str, Any] = {k: v for k, v in changes.items() if k in _SCALARS | {"updated_at"}}
    values = clean_fields(values)
    if "status" in values:
        values["status"] = check_status(values["status"])
        if (
            values["status"] == Status.PUBLISHED
            and row.published_at is None
            and "published_at" not in values
        ):
            values["published_at"] = utcnow()
        if values["status"] == Status.PUBLISHED and "stage" not in values:
            values["stage"] = PUBLISHED  # published by status or by a publish: the stage follows
    if "slug" in values:
        wanted = site_slugify(session, values["slug"] or row.headline)
        if slug_taken(session, Article, wanted, article_id):
            raise UserError(f"The slug {wanted!r} is already used by another article")
        values["slug"] = wanted
    if "body" in values:
        values.update(_derived(values))
    if "section" in changes:
        name = clean_text(changes["section"]) if changes["section"] else None
        values["section_id"] = taxonomy.ensure_section(session, name).id if name else None
    old = _to_record(session, row)
    tags = _split_list(changes["tags"]) if "tags" in changes else old.tags
    byline = _split_list(changes["byline"]) if "byline" in changes else old.byline
    values["tags_text"], values["byline_text"] = ", ".join(tags), ", ".join(byline)
    if touch and "updated_at" not in values:
        values["updated_at"] = utcnow()
        values["updated_by"] = session_desk(session)
    values["version"] = row.version + 1
    result = session.execute(
        update(Article)
        .where(col(Article.id) == article_id, col(Article.version) == row.version)
        .values(**values)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise ConflictError("The article was changed elsewhere while saving; your text is kept.")
    if "tags" in changes or "byline" in changes:
        _apply_relations(session, article_id, tags, byline)
    session.expire(row)
    session.refresh(row)
    _apply_assets(session, article_id, row.body_html, row.image_sha256)
    session.flush()
    return _to_record(session, row)


def delete_article(session: Session, ref: str | int) -> ArticleRecord:
    rec = get_article(session, ref)
    session.execute(sa_delete(Article).where(col(Article.id) == rec.id))
    session.flush()
    return rec


@dataclass(frozen=True)
class ArticleSummary:
    id: int
    uuid: str
    slug: str
    headline: str
    section: str | None
    status: str
    updated_at: datetime
    published_at: datetime | None
    word_count: int
    tags: str
    byline: str
    stage: str = "draft"
    updated_by: str = ""
    assignee: str = ""
    word_budget: int = 0
    deadline_at: datetime | None = None
    embargo_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key in ("updated_at", "published_at", "deadline_at", "embargo_at"):
            if out[key] is not None:
                out[key] = iso_utc(out[key])
        return out


def list_articles(
    session: Session,
    flt: LibraryFilter = LibraryFilter(),
    *,
    limit: int | None = None,
    offset: int = 0,
) -> list[ArticleSummary]:
    """Articles, most recently updated first, filtered by status, section (name or slug),
    tag (name or slug), stage (a name from ``domain.stages``) and assignee ("My stories")."""
    status, section, tag, stage, assignee = (
        flt.status, flt.section, flt.tag, flt.stage, flt.assignee,
    )  # fmt: skip
    q = (
        select(  # type: ignore[call-overload]
            Article.id, Article.uuid, Article.slug, Article.headline, Section.name, Article.status,
            Article.updated_at, Article.published_at, Article.word_count, Article.tags_text,
            Article.byline_text, Article.stage, Article.updated_by, Article.assignee,
            Article.word_budget, Article.deadline_at, Article.embargo_at,
        )
        .outerjoin(Section, col(Section.id) == Article.section_id)
        .order_by(col(Article.updated_at).desc(), col(Article.id).desc())
    )  # fmt: skip
    if status:
        q = q.where(Article.status == check_status(status))
    if section:
        q = q.where(Article.section_id == taxonomy.get_section(session, section).id)
    if stage:
        q = q.where(Article.stage == stage)
    if assignee is not None:
        q = q.where(Article.assignee == assignee)
    if tag:
        tag_row = session.exec(
            select(Tag).where(or_(func.lower(Tag.name) == tag.lower(), col(Tag.slug) == tag))
        ).first()
        if tag_row is None:
            raise NotFoundError(f"No tag called {tag!r} (see 'newsdesk tag list')")
        q = q.where(
            col(Article.id).in_(
                select(ArticleTag.article_id).where(ArticleTag.tag_id == tag_row.id)
            )
        )
    if limit is not None:
        q = q.limit(limit).offset(offset)
    return [ArticleSummary(*row) for row in session.exec(q).all()]  # type: ignore[call-overload]
