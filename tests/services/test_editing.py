"""Draft saving: optimistic locking with merge of untouched fields, copies, storage errors."""

from __future__ import annotations

import sqlite3

import pytest

from newsdesk.core.articles import ArticleRecord, create_article, get_article, update_article
from newsdesk.errors import ConflictError
from newsdesk.services.editing import (
    LibraryWriteError,
    duplicate_article,
    in_library,
    save_as_copy,
    save_draft,
    storage_errors,
)


def save_draft_now(ctx, article_id, changes, version, base):
    """What the desktop app's autosave does: ``save_draft`` in its own transaction."""
    return in_library(ctx, lambda s: save_draft(s, article_id, changes, version, base))


def _article(ctx, **kw):
    with ctx.session() as s:
        return create_article(s, ArticleRecord(headline="Harbour", body="One.", **kw))


def test_save_draft_bumps_version(ctx):
    rec = _article(ctx)
    saved = save_draft_now(ctx, rec.id, {"body": "Two."}, rec.version, rec)
    assert saved.version == rec.version + 1
    with ctx.session() as s:
        assert get_article(s, rec.id).body == "Two."


def test_untouched_fields_changed_elsewhere_are_merged(ctx):
    rec = _article(ctx)
    with ctx.session() as s:
        update_article(s, rec.id, {"status": "ready"})
    saved = save_draft_now(ctx, rec.id, {"body": "Mine."}, rec.version, rec)
    assert (saved.body, saved.status) == ("Mine.", "ready")


def test_same_field_changed_elsewhere_is_refused(ctx):
    rec = _article(ctx)
    with ctx.session() as s:
        update_article(s, rec.id, {"body": "Theirs."})
    with pytest.raises(ConflictError, match="changed elsewhere"):
        save_draft_now(ctx, rec.id, {"body": "Mine."}, rec.version, rec)
    with ctx.session() as s:
        assert get_article(s, rec.id).body == "Theirs."
        copy = save_as_copy(s, rec.id, {"body": "Mine."})
    assert copy.body == "Mine." and copy.headline == "Harbour (my version)"


def test_taken_slug_gets_a_number_instead_of_blocking_the_save(ctx):
    _article(ctx)
    other = _article(ctx)
    with ctx.session() as s:
        saved = save_draft(s, other.id, {"slug": "harbour", "body": "x"}, other.version)
    assert saved.slug == "harbour-2"  # its own slug: the one that was free when it was made
    assert saved.body == "x"


def test_duplicate_is_a_draft_copy(ctx):
    rec = _article(ctx, status="published", tags=["Ports"])
    with ctx.session() as s:
        dup = duplicate_article(s, rec.id)
    assert dup.id != rec.id and dup.status == "draft" and dup.tags == ["Ports"]
    assert dup.headline == "Harbour (copy)"


def test_unwritable_library_is_a_clear_user_error_and_recovers(ctx, db_path, unwritable):
    rec = _article(ctx)
    ctx.library.engine.dispose()  # closing the last connection folds the WAL back in
    with (
        unwritable(db_path),
        pytest.raises(LibraryWriteError, match="cannot be opened"),
    ):
        save_draft_now(ctx, rec.id, {"body": "x"}, rec.version, rec)
    assert save_draft_now(ctx, rec.id, {"body": "x"}, rec.version, rec).body == "x"


def test_sqlite_errors_map_to_reasons():
    cases = {
        "attempt to write a readonly database": "read-only",
        "database or disk is full": "disk is full",
        "database is locked": "locked",
    }
    for message, reason in cases.items():
        with pytest.raises(LibraryWriteError, match=reason), storage_errors():
            raise sqlite3.OperationalError(message)
    with pytest.raises(ValueError), storage_errors():
        raise ValueError("a bug stays a bug")
