"""Sections, tags and authors: finding, creating, listing and renaming them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from newsdesk.core.settings import site_slugify
from newsdesk.domain.slugs import check_slug, unique_slug
from newsdesk.errors import NotFoundError, UserError
from newsdesk.storage.models import Article, ArticleTag, Author, Section, Tag
from newsdesk.storage.slugs import free_slug, slug_taken


@dataclass(frozen=True)
class TermInfo:
    """A section or a tag as a list shows it (the subclasses add their own fields)."""

    id: int
    name: str
    slug: str

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def _find_by_name(session: Session, model: type, name: str) -> object | None:
    name = name.strip()
    found = session.exec(select(model).where(func.lower(model.name) == name.lower())).first()  # type: ignore[attr-defined]
    if found is None:
        found = session.exec(select(model).where(model.slug == site_slugify(session, name))).first()  # type: ignore[attr-defined]
    return found


def find_section(session: Session, name_or_slug: str) -> Section | None:
    return _find_by_name(session, Section, name_or_slug)  # type: ignore[return-value]


def get_section(session: Session, name_or_slug: str) -> Section:
    section = find_section(session, name_or_slug)
    if section is None:
        raise NotFoundError(f"No section called {name_or_slug!r} (see 'newsdesk section list')")
    return section


def ensure_section(session: Session, name: str) -> Section:
    section = find_section(session, name)
    if section is None:
        section = add_section(session, name)
    return section


def add_section(session: Session, name: str, slug: str | None = None) -> Section:
    name = name.strip()
    if not name:
        raise UserError("A section needs a name")
    if find_section(session, name) is not None:
        raise UserError(f"There is already a section called {name!r}")
    last = session.exec(select(func.max(Section.position))).one()
    section = Section(
        name=name,
        slug=unique_slug(
            check_slug(slug, "section slug") if slug else site_slugify(session, name),
            lambda s: slug_taken(session, Section, s),
        ),
        position=(last or 0) + 1,
    )
    session.add(section)
    session.flush()
    return section


def rename_section(session: Session, old: str, new: str) -> Section:
    section = get_section(session, old)
    clash = find_section(session, new)
    if clash is not None and clash.id != section.id:
        raise UserError(f"There is already a section called {new!r}")
    section.name = new.strip()
    section.slug = unique_slug(
        site_slugify(session, new), lambda s: s != section.slug and slug_taken(session, Section, s)
    )
    session.add(section)
    session.flush()
    return section


def list_sections(session: Session) -> list[Section]:
    return list(session.exec(select(Section).order_by(col(Section.position), col(Section.name))))


def section_counts(session: Session) -> dict[int, int]:
    rows = session.exec(
        select(Article.section_id, func.count()).group_by(col(Article.section_id))
    ).all()
    return {sid: n for sid, n in rows if sid is not None}


def ensure_tag(session: Session, name: str) -> Tag:
    tag = _find_by_name(session, Tag, name)
    if tag is None:
        name = name.strip()
        if not name:
            raise UserError("A tag needs a name")
        tag = Tag(
            name=name,
            slug=free_slug(session, Tag, site_slugify(session, name)),
        )
        session.add(tag)
        session.flush()
    return tag  # type: ignore[return-value]


def list_tags(session: Session) -> list[tuple[Tag, int]]:
    """Every tag with the number of articles that carry it, by name."""
    counts = (
        select(ArticleTag.tag_id, func.count().label("n"))
        .group_by(col(ArticleTag.tag_id))
        .subquery()
    )
    rows = session.exec(
        select(Tag, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.tag_id == Tag.id)
        .order_by(func.lower(Tag.name))
    ).all()
    return [(tag, int(n)) for tag, n in rows]


def ensure_author(session: Session, name: str) -> Author:
    author = _find_by_name(session, Author, name)
    if author is None:
        author = Author(
            name=name.strip(),
            slug=free_slug(session, Author, site_slugify(session, name)),
        )
        session.add(author)
        session.flush()
    return author  # type: ignore[return-value]
