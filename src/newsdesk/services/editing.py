"""Saving an article while it is being edited: drafts with optimistic locking, copies, and
storage failures turned into messages a person can act on.

The GUI's autosave calls ``save_draft`` through ``in_library`` (its own transaction, storage
failures as messages). Fields changed elsewhere that the editor did not touch are merged, not refused.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any, TypeVar

from sqlalchemy.exc import DBAPIError, OperationalError
from sqlmodel import Session

from newsdesk.core.articles import (
    ArticleRecord,
    create_article,
    get_article,
    update_article,
)
from newsdesk.core.assets import add_asset as add_asset  # images the writer adds (the GUI)
from newsdesk.core.assets import add_asset_file as add_asset_file
from newsdesk.core.assets import get_asset as get_asset
from newsdesk.core.changes import announce
from newsdesk.core.context import AppContext
from newsdesk.core.settings import site_slugify
from newsdesk.domain import schema
from newsdesk.errors import ConflictError, LibraryError, UserError
from newsdesk.storage.models import Article
from newsdesk.storage.slugs import free_slug

T = TypeVar("T")


class LibraryWriteError(UserError):
    """The library file could not be written (read-only, disk full, locked, gone)."""


def describe_storage_error(exc: BaseException) -> str | None:
    """A short reason a person understands for a failed write, or None if it is not one."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    text = str(orig).lower()
    if isinstance(orig, OSError):
        if orig.errno == errno.ENOSPC:
            return "the disk is full"
        if orig.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "the library file is read-only"
        return f"the library file cannot be written ({orig.strerror or orig})"
    if isinstance(exc, OperationalError) and not isinstance(orig, sqlite3.Error):
        # A shared library's server: gone, restarting, or refusing this connection.
        reason = (str(orig).strip().splitlines() or ["the connection was lost"])[0]
        return f"the library's database server cannot be reached ({reason})"
    if not isinstance(orig, sqlite3.Error):
        return None
    if "readonly" in text or "read-only" in text:
        return "the library file is read-only"
    if "disk is full" in text or "database or disk is full" in text:
        return "the disk is full"
    if "locked" in text or "busy" in text:
        return "the library is locked by another program"
    if "unable to open" in text or "disk i/o" in text:
        return (
            "the library file cannot be opened for writing (read-only, moved, or the disk is gone)"
        )
    if isinstance(orig, sqlite3.OperationalError):
        return f"the library cannot be written ({orig})"
    return None


@contextmanager
def storage_errors() -> Iterator[None]:
    """Turn SQLite, database-server and OS write failures into ``LibraryWriteError``; anything
    else passes through."""
    try:
        yield
    except (DBAPIError, sqlite3.Error, OSError) as exc:
        reason = describe_storage_error(exc)
        if reason is None:
            raise
        raise LibraryWriteError(reason[0].upper() + reason[1:]) from exc
    except LibraryWriteError:
        raise
    except LibraryError as exc:  # the session's own explanation (storage/failures.py)
        if isinstance(exc.__context__, (DBAPIError, sqlite3.Error, OSError)):
            raise LibraryWriteError(str(exc)) from exc
        raise


def _changed_elsewhere(base: ArticleRecord, theirs: ArticleRecord, fields: set[str]) -> set[str]:
    return {name for name in fields if getattr(base, name) != getattr(theirs, name)}


def _unique_slug_for(session: Session, article_id: int, wanted: str, headline: str) -> str:
    base = site_slugify(session, wanted or headline or "untitled")
    return free_slug(session, Article, base, article_id)


def save_draft(
    session: Session,
    article_id: int,
    changes: dict[str, Any],
    expected_version: int,
    base: ArticleRecord | None = None,
) -> ArticleRecord:
    """Save an editor's changes to an article it loaded at ``expected_version``.

    With ``base`` (the record as the editor last saw it), a save over a newer version still
    goes through when nobody else changed the fields being saved; if they did, ConflictError.
    A slug already taken gets a number, so a slug never stops the text from being saved.
    """
    changes = dict(changes)
    theirs = get_article(session, article_id)
    if theirs.version != expected_version:
        clash = _changed_elsewhere(base, theirs, set(changes)) if base is not None else {"*"}
        if clash:
            what = ", ".join(sorted(clash)) if base is not None else f"version {theirs.version}"
            raise ConflictError(
                f"“{theirs.headline or 'Untitled'}” was changed elsewhere while you were "
                f"editing it ({what}). Your text is kept."
            )
        expected_version = theirs.version
    if "slug" in changes:
        changes["slug"] = _unique_slug_for(
            session, article_id, changes["slug"], changes.get("headline", theirs.headline)
        )
    saved = update_article(session, article_id, changes, expected_version=expected_version)
    announce(session, article_id, "edit")
    return saved


def in_library(ctx: AppContext, work: Callable[[Session], T]) -> T:
    """``work(session)`` in its own transaction, with write failures as ``LibraryWriteError``
    (the CLI's commands and the desktop app's background work go through it alike)."""
    with storage_errors(), ctx.session() as session:
        return work(session)


def copy_record(rec: ArticleRecord, headline_suffix: str) -> ArticleRecord:
    """A new, unsaved draft holding the same content (no identity, no publication)."""
    values = {k: v for k, v in vars(rec).items() if k not in schema.NOT_COPIED}
    copy = ArticleRecord(**values)
    return replace(
        copy,
        headline=f"{rec.headline or 'Untitled'} {headline_suffix}".strip(),
        slug="",
        status="draft",
        published_at=None,
        scheduled_at=None,
    )


def duplicate_article(session: Session, article_id: int) -> ArticleRecord:
    """A draft copy of an article, saved next to it."""
    return create_article(session, copy_record(get_article(session, article_id), "(copy)"))


def save_as_copy(
    session: Session, article_id: int, changes: dict[str, Any], suffix: str = "(my version)"
) -> ArticleRecord:
    """The article as it is in the library with ``changes`` applied, saved as a new draft.

    Used when a save was refused because of a conflict: the person's text survives as a copy.
    """
    current = get_article(session, article_id)
    mine = replace(current, **{k: v for k, v in changes.items() if hasattr(current, k)})
    return create_article(session, copy_record(mine, suffix))


def new_article(
    session: Session, section: str | None = None, byline: list[str] | None = None
) -> ArticleRecord:
    """An empty draft for the editor, in the site's language (its locale, e.g. en-GB), with
    ``byline`` (the person writing it)."""
    from newsdesk.core.settings import load_settings
    from newsdesk.domain.languages import article_language

    language = article_language(load_settings(session).locale)
    draft = ArticleRecord(headline="", section=section, language=language, byline=byline or [])
    return create_article(session, draft)
