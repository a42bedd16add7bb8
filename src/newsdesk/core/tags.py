"""Keeping the tag list tidy: add, rename, merge, delete (undoably), bulk tagging, suggestions.

Every change here keeps each article's ``tags_text`` (the full-text copy) in step and bumps the
version of the articles it touches, so an editor holding the old tag names is told to reload
instead of saving them back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from newsdesk.core import taxonomy
from newsdesk.core.articles import ArticleSummary, get_article, list_articles, update_article
from newsdesk.core.settings import site_slugify
from newsdesk.domain.listing import LibraryFilter
from newsdesk.domain.slugs import unique_slug
from newsdesk.errors import NotFoundError, UserError
from newsdesk.storage.models import Article, ArticleTag, Tag
from newsdesk.storage.slugs import slug_taken


@dataclass(frozen=True)
class TagInfo(taxonomy.TermInfo):
    description: str
    slug_locked: bool
    articles: int


def _tag_info(tag: Tag, articles: int) -> TagInfo:
    assert tag.id is not None
    return TagInfo(tag.id, tag.name, tag.slug, tag.description, tag.slug_locked, articles)


def tag_info(session: Session, tag: Tag) -> TagInfo:
    """One tag with the number of articles carrying it."""
    n = session.exec(select(func.count()).where(ArticleTag.tag_id == tag.id)).one()
    return _tag_info(tag, int(n))


def list_tag_infos(session: Session) -> list[TagInfo]:
    """Every tag with its article count, by name."""
    return [_tag_info(tag, n) for tag, n in taxonomy.list_tags(session)]


def find_tag(session: Session, name_or_slug: str) -> Tag | None:
    text = name_or_slug.strip()
    found = session.exec(select(Tag).where(func.lower(Tag.name) == text.lower())).first()
    return found or session.exec(select(Tag).where(Tag.slug == site_slugify(session, text))).first()


def get_tag(session: Session, name_or_slug: str) -> Tag:
    tag = find_tag(session, name_or_slug)
    if tag is None:
        raise NotFoundError(f"No tag called {name_or_slug!r} (see 'newsdesk tag list')")
    return tag


def _slug_free(session: Session, slug: str, except_id: int | None = None) -> bool:
    return not slug_taken(session, Tag, slug, except_id)


def add_tag(
    session: Session, name: str, *, slug: str | None = None, description: str = ""
) -> TagInfo:
    """A new tag; a slug given by hand is locked, so later renames leave it alone."""
    name = name.strip()
    if not name:
        raise UserError("A tag needs a name")
    if find_tag(session, name) is not None:
        raise UserError(f"There is already a tag called {name!r}")
    if slug and not _slug_free(session, site_slugify(session, slug)):
        raise UserError(f"The tag slug {site_slugify(session, slug)!r} is already used")
    tag = Tag(
        name=name,
        slug=site_slugify(session, slug)
        if slug
        else unique_slug(site_slugify(session, name), lambda s: not _slug_free(session, s)),
        description=description.strip(),
        slug_locked=bool(slug),
    )
    session.add(tag)
    session.flush()
    return tag_info(session, tag)


def _tagged_articles(session: Session, tag_ids: Iterable[int]) -> list[int]:
    ids = list(tag_ids)
    if not ids:
        return []
    rows = session.exec(
        select(ArticleTag.article_id).where(col(ArticleTag.tag_id).in_(ids)).distinct()
    ).all()
    return sorted(rows)


def refresh_tags_text(session: Session, article_ids: Iterable[int]) -> None:
    """Rewrite the articles' full-text tag copy from their links and bump their versions."""
    for article_id in sorted(set(article_ids)):
        names = session.exec(
            select(Tag.name)
            .join(ArticleTag)
            .where(ArticleTag.article_id == article_id)
            .order_by(col(ArticleTag.position))
        ).all()
        session.execute(
            update(Article)
            .where(col(Article.id) == article_id)
            .values(tags_text=", ".join(names), version=Article.version + 1)
        )
    session.flush()
    session.expire_all()


def rename_tag(session: Session, old: str, new: str) -> TagInfo:
    """Rename a tag everywhere; its slug follows the name unless it was set by hand."""
    tag = get_tag(session, old)
    new = new.strip()
    if not new:
        raise UserError("A tag needs a name")
    clash = find_tag(session, new)
    if clash is not None and clash.id != tag.id:
        raise UserError(
            f"There is already a tag called {clash.name!r}; merge the two instead "
            f"('newsdesk tag merge {tag.name!r} --into {clash.name!r}')"
        )
    tag.name = new
    if not tag.slug_locked:
        tag.slug = unique_slug(
            site_slugify(session, new), lambda s: not _slug_free(session, s, tag.id)
        )
    session.add(tag)
    session.flush()
    assert tag.id is not None
    refresh_tags_text(session, _tagged_articles(session, [tag.id]))
    return tag_info(session, tag)


def set_tag_details(
    session: Session, name: str, *, description: str | None = None, slug: str | None = None
) -> TagInfo:
    """Change a tag's description, or set its slug by hand (which locks it; "" unlocks it)."""
    tag = get_tag(session, name)
    if description is not None:
        tag.description = description.strip()
    if slug is not None:
        if slug.strip():
            wanted = site_slugify(session, slug)
            if not _slug_free(session, wanted, tag.id):
                raise UserError(f"The tag slug {wanted!r} is already used")
            tag.slug, tag.slug_locked = wanted, True
        else:
            tag.slug_locked = False
            tag.slug = unique_slug(
                site_slugify(session, tag.name), lambda s: not _slug_free(session, s, tag.id)
            )
    session.add(tag)
    session.flush()
    return tag_info(session, tag)


@dataclass(frozen=True)
class MergeResult:
    target: TagInfo
    merged: list[str]
    articles: list[int]

    def to_json(self) -> dict[str, Any]:
        return {"into": self.target.to_json(), "merged": self.merged, "articles": self.articles}


def merge_tags(session: Session, sources: Sequence[str], into: str) -> MergeResult:
    """Fold the source tags into ``into`` (created if new); each article keeps one copy, at the
    earliest position any of them had."""
    target = find_tag(session, into) or taxonomy.ensure_tag(session, into)
    assert target.id is not None
    source_tags = []
    for name in sources:
        tag = get_tag(session, name)
        if tag.id != target.id and tag not in source_tags:
            source_tags.append(tag)
    if not source_tags:
        raise UserError("Name at least one tag other than the target to merge")
    source_ids = [t.id for t in source_tags if t.id is not None]
    affected = _tagged_articles(session, source_ids)
    for article_id in affected:
        links = session.exec(
            select(ArticleTag).where(
                ArticleTag.article_id == article_id,
                col(ArticleTag.tag_id).in_([*source_ids, target.id]),
            )
        ).all()
        first = min(link.position for link in links)
        session.execute(
            sa_delete(ArticleTag).where(
                col(ArticleTag.article_id) == article_id,
                col(ArticleTag.tag_id).in_([*source_ids, target.id]),
            )
        )
        session.add(ArticleTag(article_id=article_id, tag_id=target.id, position=first))
    session.flush()
    session.execute(sa_delete(Tag).where(col(Tag.id).in_(source_ids)))
    refresh_tags_text(session, affected)
    merged = [t.name for t in source_tags]
    return MergeResult(tag_info(session, session.get(Tag, target.id) or target), merged, affected)


@dataclass(frozen=True)
class DeletedTag:
    """What a delete removed, enough to put it back (``restore_tag``)."""

    name: str
    slug: str
    description: str
    slug_locked: bool
    links: list[tuple[int, int]]  # (article_id, position)

    @property
    def articles(self) -> int:
        return len(self.links)

    def to_json(self) -> dict[str, Any]:
        return {"deleted": self.name, "slug": self.slug, "articles": self.articles}


def delete_tag(session: Session, name: str) -> DeletedTag:
    """Remove a tag from every article and the library."""
    tag = get_tag(session, name)
    links = session.exec(select(ArticleTag).where(ArticleTag.tag_id == tag.id)).all()
    gone = DeletedTag(
        tag.name,
        tag.slug,
        tag.description,
        tag.slug_locked,
        sorted((link.article_id, link.position) for link in links),
    )
    session.execute(sa_delete(ArticleTag).where(col(ArticleTag.tag_id) == tag.id))
    session.execute(sa_delete(Tag).where(col(Tag.id) == tag.id))
    refresh_tags_text(session, [a for a, _ in gone.links])
    return gone


def restore_tag(session: Session, gone: DeletedTag) -> TagInfo:
    """Undo ``delete_tag``: the tag back, on the articles that still exist, where it was."""
    if find_tag(session, gone.name) is not None:
        raise UserError(f"A tag called {gone.name!r} exists again; merge instead of undoing")
    tag = Tag(
        name=gone.name,
        slug=gone.slug
        if _slug_free(session, gone.slug)
        else unique_slug(gone.slug, lambda s: not _slug_free(session, s)),
        description=gone.description,
        slug_locked=gone.slug_locked,
    )
    session.add(tag)
    session.flush()
    assert tag.id is not None
    existing = set(session.exec(select(Article.id)).all())
    relinked = []
    for article_id, position in gone.links:
        if article_id in existing:
            session.add(ArticleTag(article_id=article_id, tag_id=tag.id, position=position))
            relinked.append(article_id)
    session.flush()
    refresh_tags_text(session, relinked)
    return tag_info(session, tag)


def tag_articles(session: Session, name: str) -> list[ArticleSummary]:
    """The articles carrying a tag, most recently updated first."""
    return list_articles(session, LibraryFilter(tag=get_tag(session, name).name))


def bulk_tag(
    session: Session,
    article_ids: Sequence[int],
    *,
    add: Sequence[str] = (),
    remove: Sequence[str] = (),
) -> list[int]:
    """Add and remove tags on several articles; returns the ids that changed."""
    drop = {name.strip().lower() for name in remove}
    changed = []
    for article_id in article_ids:
        rec = get_article(session, article_id)
        tags = [t for t in rec.tags if t.lower() not in drop]
        have = {t.lower() for t in tags}
        for name in add:
            existing = find_tag(session, name)
            shown = existing.name if existing else name.strip()
            if shown and shown.lower() not in have:
                tags.append(shown)
                have.add(shown.lower())
        if tags != rec.tags:
            update_article(session, article_id, {"tags": tags})
            changed.append(article_id)
    return changed


def suggest_tags(
    session: Session, text: str, current: Sequence[str] = (), limit: int = 10
) -> list[TagInfo]:
    """Existing tags whose names occur in ``text`` (whole words, any case), not yet on the
    article; the most mentioned first, then the most used."""
    have = {t.lower() for t in current}
    found: list[tuple[int, TagInfo]] = []
    for info in list_tag_infos(session):
        if info.name.lower() in have or len(info.name) < 2:
            continue
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, info.name.split())) + r"(?!\w)"
        hits = len(re.findall(pattern, text, flags=re.IGNORECASE))
        if hits:
            found.append((hits, info))
    found.sort(key=lambda pair: (-pair[0], -pair[1].articles, pair[1].name.lower()))
    return [info for _hits, info in found[:limit]]
