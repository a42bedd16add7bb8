"""A save refused because the article changed elsewhere, resolved by one choice: keep mine,
take theirs, or keep both. Whichever version leaves the article stays in its history (a
revision), so nothing is lost and no pile of look-alike copies grows; only "keep both" makes
a copy, and never a second identical one."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sqlmodel import Session, col, select

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, get_article
from newsdesk.services.editing import copy_record, save_draft
from newsdesk.storage.models import Article

OTHER_SUFFIX = "(other version)"


class Choice(StrEnum):
    KEEP_MINE = "Keep mine"
    TAKE_THEIRS = "Take theirs"
    KEEP_BOTH = "Keep both"


@dataclass(frozen=True)
class Resolution:
    record: ArticleRecord  # the article as it now is in the library
    copy: ArticleRecord | None = None  # "keep both": the other version, beside it


def resolve(
    session: Session, article_id: int, pending: dict[str, Any], choice: Choice
) -> Resolution:
    theirs = get_article(session, article_id)
    if choice is Choice.TAKE_THEIRS:
        mine = save_draft(session, article_id, pending, theirs.version, theirs)
        revisions.record_revision(session, article_id, "restore", note="My version, replaced")
        back = {k: getattr(theirs, k) for k in pending if hasattr(theirs, k)}
        return Resolution(save_draft(session, article_id, back, mine.version, mine))
    copy = _copy_of(session, theirs) if choice is Choice.KEEP_BOTH else None
    revisions.record_revision(session, article_id, "restore", note="The other version, replaced")
    return Resolution(save_draft(session, article_id, pending, theirs.version, theirs), copy)


def _copy_of(session: Session, theirs: ArticleRecord) -> ArticleRecord:
    """The other version as a draft beside the article, unless that very copy exists."""
    wanted = copy_record(theirs, OTHER_SUFFIX)
    same = session.exec(
        select(Article.id).where(
            Article.headline == wanted.headline,
            Article.body == wanted.body,
            col(Article.id) != theirs.id,
        )
    ).first()
    if same is not None:
        return get_article(session, same)
    return create_article(session, wanted)
