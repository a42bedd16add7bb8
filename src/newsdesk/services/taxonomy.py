"""The site's sections and the library's tags, as ``newsdesk section|tag`` and the desktop
app's Sections and Tags managers change them. Every function runs inside the caller's
transaction (``ctx.session()`` on the command line, ``run_in_library`` in the app).

The rules (navigation order, a delete that moves the articles, merges that keep each article's
full-text copy in step) are :mod:`newsdesk.core.sections`' and :mod:`newsdesk.core.tags`'.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session

from newsdesk.core import taxonomy
from newsdesk.core.articles import ArticleSummary, get_article
from newsdesk.core.sections import (
    DeletedSection,
    SectionInfo,
    delete_section,
    list_section_infos,
    move_section,
    reorder_sections,
    section_info,
    section_names,
)
from newsdesk.core.tags import (
    DeletedTag,
    MergeResult,
    TagInfo,
    add_tag,
    bulk_tag,
    delete_tag,
    find_tag,
    get_tag,
    list_tag_infos,
    merge_tags,
    rename_tag,
    restore_tag,
    set_tag_details,
    suggest_tags,
    tag_articles,
    tag_info,
)

__all__ = [
    "DeletedSection",
    "DeletedTag",
    "MergeResult",
    "SectionInfo",
    "TagInfo",
    "add_section",
    "add_tag",
    "apply_tags",
    "bulk_tag",
    "delete_section",
    "delete_tag",
    "find_tag",
    "list_section_infos",
    "list_tag_infos",
    "merge_tags",
    "move_section",
    "rename_section",
    "rename_tag",
    "reorder_sections",
    "restore_tag",
    "section_names",
    "set_tag_details",
    "show_tag",
    "suggest_tags",
    "suggest_tags_for",
    "tag_articles",
    "tag_names",
]


def add_section(session: Session, name: str, slug: str | None = None) -> SectionInfo:
    """A new section at the end of the navigation (its slug from the name unless given)."""
    return section_info(session, taxonomy.add_section(session, name, slug))


def rename_section(session: Session, old: str, new: str) -> SectionInfo:
    """Rename a section; its slug follows the new name."""
    return section_info(session, taxonomy.rename_section(session, old, new))


def tag_names(session: Session) -> list[str]:
    """Every tag's name, by name (the library's filter lists them)."""
    return [tag.name for tag, _count in taxonomy.list_tags(session)]


def show_tag(session: Session, name: str) -> tuple[TagInfo, list[ArticleSummary]]:
    """A tag (by name or slug) and the articles carrying it, most recently updated first."""
    tag = get_tag(session, name)
    return tag_info(session, tag), tag_articles(session, tag.name)


def apply_tags(
    session: Session, articles: Sequence[str | int], add: Sequence[str], remove: Sequence[str]
) -> list[int]:
    """Add and remove tags on the articles (ids, UUIDs or slugs); the ids that changed."""
    ids = [get_article(session, ref).id or 0 for ref in articles]
    return bulk_tag(session, ids, add=add, remove=remove)


def suggest_tags_for(session: Session, article: str | int) -> list[TagInfo]:
    """Existing tags named in the article as saved (headline, standfirst, body)."""
    rec = get_article(session, article)
    return suggest_tags(session, "\n".join([rec.headline, rec.standfirst, rec.body]), rec.tags)
