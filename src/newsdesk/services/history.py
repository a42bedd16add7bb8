"""An article's revisions as ``newsdesk article history|diff|restore`` and the desktop app's
History panel use them: the list, what changed between two, and bringing one back (the
current state is kept as a revision first, so a restore can be undone).

The command line names revisions by their number within the article (1, 2, 3…); the panel
holds their ids. The functions taking a session run inside the caller's transaction (the
panel's ``run_in_library``); the others are one transaction each.
"""

from __future__ import annotations

from sqlmodel import Session

from newsdesk.core.articles import ArticleRecord
from newsdesk.core.context import AppContext
from newsdesk.core.revisions import (
    IDLE_PAUSE,
    RevisionDiff,
    RevisionInfo,
    autosave_checkpoint,
    diff_revisions,
    list_revisions,
    record_revision,
    restore_revision,
    revision_id,
)
from newsdesk.services.editing import in_library

__all__ = [
    "IDLE_PAUSE",
    "RevisionDiff",
    "RevisionInfo",
    "article_history",
    "autosave_checkpoint",
    "compare_revisions",
    "diff_revisions",
    "list_revisions",
    "record_revision",
    "restore_numbered",
    "restore_revision",
]


def article_history(ctx: AppContext, article: str | int) -> list[RevisionInfo]:
    """The article's revisions, newest first."""
    return in_library(ctx, lambda session: list_revisions(session, article))


def compare_revisions(
    ctx: AppContext, article: str | int, old: int, new: int | None = None
) -> RevisionDiff:
    """What changed from revision number ``old`` to ``new`` (None: the article as it is)."""

    def compare(session: Session) -> RevisionDiff:
        old_id = revision_id(session, article, old)
        new_id = None if new is None else revision_id(session, article, new)
        return diff_revisions(session, article, old_id, new_id)

    return in_library(ctx, compare)


def restore_numbered(
    ctx: AppContext, article: str | int, number: int
) -> tuple[ArticleRecord, RevisionInfo]:
    """Bring back revision number ``number``; returns the article and the undo revision."""
    return in_library(
        ctx,
        lambda session: restore_revision(session, article, revision_id(session, article, number)),
    )
