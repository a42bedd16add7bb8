"""Managing sections beyond add and rename: navigation order and deleting with a move.

``Section.position`` is the order of the site navigation (core.pages lists sections by it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import update
from sqlmodel import Session, col, select

from newsdesk.core import taxonomy
from newsdesk.errors import UserError
from newsdesk.storage.models import Article, Section


@dataclass(frozen=True)
class SectionInfo(taxonomy.TermInfo):
    position: int
    articles: int


def _section_info(section: Section, counts: dict[int, int]) -> SectionInfo:
    assert section.id is not None
    return SectionInfo(
        section.id, section.name, section.slug, section.position, counts.get(section.id, 0)
    )


def section_info(session: Session, section: Section) -> SectionInfo:
    """One section with its article count."""
    return _section_info(section, taxonomy.section_counts(session))


def list_section_infos(session: Session) -> list[SectionInfo]:
    """Sections in navigation order, with article counts."""
    counts = taxonomy.section_counts(session)
    return [_section_info(s, counts) for s in taxonomy.list_sections(session)]


def reorder_sections(session: Session, names: Sequence[str]) -> list[SectionInfo]:
    """Put the named sections first, in this order; the others follow in their current order."""
    current = taxonomy.list_sections(session)
    chosen: list[Section] = []
    for name in names:
        section = taxonomy.get_section(session, name)
        if any(s.id == section.id for s in chosen):
            raise UserError(f"{section.name!r} is named twice")
        chosen.append(section)
    chosen_ids = {s.id for s in chosen}
    order = chosen + [s for s in current if s.id not in chosen_ids]
    for position, section in enumerate(order, start=1):
        section.position = position
        session.add(section)
    session.flush()
    return list_section_infos(session)


def move_section(session: Session, name: str, offset: int) -> list[SectionInfo]:
    """Move a section ``offset`` places along the navigation (negative: towards the front)."""
    names = [s.name for s in taxonomy.list_sections(session)]
    section = taxonomy.get_section(session, name)
    index = names.index(section.name)
    target = max(0, min(len(names) - 1, index + offset))
    names.insert(target, names.pop(index))
    return reorder_sections(session, names)


@dataclass(frozen=True)
class DeletedSection:
    name: str
    moved_to: str | None
    articles: int

    def to_json(self) -> dict[str, Any]:
        return {"deleted": self.name, "moved_to": self.moved_to, "articles": self.articles}


def delete_section(session: Session, name: str, move_to: str | None = None) -> DeletedSection:
    """Delete a section, first moving its articles to ``move_to``.

    A section that still has articles cannot be deleted without a target, so no article is
    left without a section by accident.
    """
    section = taxonomy.get_section(session, name)
    count = taxonomy.section_counts(session).get(section.id or 0, 0)
    target = taxonomy.get_section(session, move_to) if move_to else None
    if target is not None and target.id == section.id:
        raise UserError("Choose another section to move the articles to")
    if count and target is None:
        raise UserError(
            f"{section.name!r} has {count} article{'s' * (count != 1)}; say where they go "
            "(--move-to SECTION)"
        )
    if count and target is not None:
        # Bump versions so an editor holding the old section reloads rather than saving it back.
        session.execute(
            update(Article)
            .where(col(Article.section_id) == section.id)
            .values(section_id=target.id, version=Article.version + 1)
        )
    session.execute(sa_delete(Section).where(col(Section.id) == section.id))
    session.flush()
    session.expire_all()
    remaining = [s.name for s in taxonomy.list_sections(session)]
    reorder_sections(session, remaining)
    return DeletedSection(section.name, target.name if target else None, count)


def section_names(session: Session) -> list[str]:
    return list(session.exec(select(Section.name).order_by(col(Section.position))).all())
