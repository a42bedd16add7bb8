"""Two desks editing the same article in one shared library at the same moment: PostgreSQL
runs both saves really concurrently, so the version check must hold without SQLite's single
writer. The second save waits for the first, then is refused; nothing is lost."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import create_engine, text

from newsdesk.core.articles import ArticleRecord, create_article, get_article, update_article
from newsdesk.errors import ConflictError
from newsdesk.services.editing import LibraryWriteError, in_library, save_draft
from newsdesk.services.opening import open_context


def save_draft_now(ctx, article_id, changes, version, base):
    """What the desktop app's autosave does: ``save_draft`` in its own transaction."""
    return in_library(ctx, lambda s: save_draft(s, article_id, changes, version, base))


def _waiting_for_a_lock(url: str) -> bool:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            n = conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND wait_event_type = 'Lock'"
                )
            ).scalar()
        return bool(n)
    finally:
        engine.dispose()


def test_simultaneous_saves_of_one_article_keep_the_first_and_refuse_the_second(
    pg_url: str,
) -> None:
    desk_a = open_context(pg_url, seed=False)
    desk_b = open_context(pg_url, seed=False)
    try:
        with desk_a.session() as s:
            rec = create_article(s, ArticleRecord(headline="Harbour", body="Draft."))
        outcome: list[BaseException | None] = []

        def desk_b_saves() -> None:
            try:
                save_draft_now(desk_b, rec.id, {"body": "Desk B's text."}, rec.version, rec)
                outcome.append(None)
            except BaseException as exc:  # handed to the test thread below
                outcome.append(exc)

        with desk_a.session() as s:
            update_article(s, rec.id, {"body": "Desk A's text."}, expected_version=rec.version)
            b = threading.Thread(target=desk_b_saves)
            b.start()
            deadline = time.monotonic() + 20
            while not _waiting_for_a_lock(pg_url):  # desk B is blocked behind desk A's row
                assert b.is_alive() and time.monotonic() < deadline, outcome
                time.sleep(0.02)
        b.join(timeout=20)  # desk A committed when its block ended
        assert len(outcome) == 1 and isinstance(outcome[0], ConflictError)
        assert "changed elsewhere" in str(outcome[0])
        with desk_b.session() as s:
            kept = get_article(s, rec.id)
        assert (kept.body, kept.version) == ("Desk A's text.", rec.version + 1)
    finally:
        desk_a.close()
        desk_b.close()


def test_other_desks_change_to_another_field_is_merged(pg_url: str) -> None:
    desk_a = open_context(pg_url, seed=False)
    desk_b = open_context(pg_url, seed=False)
    try:
        with desk_a.session() as s:
            rec = create_article(s, ArticleRecord(headline="Harbour", body="Draft."))
        with desk_b.session() as s:
            update_article(s, rec.id, {"status": "ready"})
        saved = save_draft_now(desk_a, rec.id, {"body": "Desk A's text."}, rec.version, rec)
        assert (saved.body, saved.status) == ("Desk A's text.", "ready")
        with pytest.raises(ConflictError):
            save_draft_now(desk_b, rec.id, {"body": "Stale."}, rec.version, rec)
    finally:
        desk_a.close()
        desk_b.close()


def _sql_admin(url: str, statement: str) -> None:
    engine = create_engine(url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))
    finally:
        engine.dispose()


def test_save_while_the_server_refuses_is_a_clear_error_and_recovers(pg_url: str) -> None:
    ctx = open_context(pg_url, seed=False)
    name = pg_url.rsplit("/", 1)[1]
    try:
        with ctx.session() as s:
            rec = create_article(s, ArticleRecord(headline="Harbour", body="Draft."))
        # The server drops this desk's connections and takes no new ones (a restart, an
        # administrator's maintenance window).
        _sql_admin(pg_url, f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        _sql_admin(
            pg_url,
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'",
        )
        with pytest.raises(LibraryWriteError, match="database server cannot be reached"):
            save_draft_now(ctx, rec.id, {"body": "Mine."}, rec.version, rec)
        _sql_admin(pg_url, f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        saved = save_draft_now(ctx, rec.id, {"body": "Mine."}, rec.version, rec)
        assert saved.body == "Mine." and saved.version == rec.version + 1
    finally:
        ctx.close()
