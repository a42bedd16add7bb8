"""A shared library in PostgreSQL: made and migrated on first open, checked like a file is
(a foreign or newer database is refused untouched), migrated in one locked transaction."""

from __future__ import annotations

import threading

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text
from sqlmodel import SQLModel

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.search import search
from newsdesk.errors import LibraryError
from newsdesk.services.opening import open_context
from newsdesk.storage import migrate
from newsdesk.storage.library import open_library


def _sql(url: str, statement: str) -> list[tuple]:  # type: ignore[type-arg]
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement))
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def _include(name: str | None, type_: str, _parents: object) -> bool:
    # The full-text column and its index are made by revision 0005's raw SQL, not the models.
    return (type_, name) not in {("column", "search_vector"), ("index", "ix_article_search_vector")}


def test_empty_database_upgrades_to_head_and_matches_models(pg_url: str) -> None:
    lib = open_library(pg_url)
    try:
        assert lib.created and lib.path is None and lib.backup is None
        with lib.engine.connect() as conn:
            mc = MigrationContext.configure(conn, opts={"include_name": _include})
            assert mc.get_current_revision() == migrate.head_revision()
            diffs = compare_metadata(mc, SQLModel.metadata)
            assert diffs == [], f"models and migrated schema disagree: {diffs}"
            columns = {c["name"]: c for c in inspect(conn).get_columns("article")}
            indexes = {i["name"] for i in inspect(conn).get_indexes("article")}
        assert "search_vector" in columns and "ix_article_search_vector" in indexes
    finally:
        lib.close()
    again = open_library(pg_url)
    again.close()
    assert not again.created and again.backup is None


def test_database_holding_other_tables_is_refused_untouched(pg_url: str) -> None:
    _sql(pg_url, "CREATE TABLE recipes (name text); INSERT INTO recipes VALUES ('soup')")
    with pytest.raises(LibraryError, match="not a newsdesk library"):
        open_library(pg_url)
    tables = _sql(pg_url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables == [("recipes",)]


def test_library_from_a_newer_version_is_refused_untouched(pg_url: str) -> None:
    open_library(pg_url).close()
    _sql(pg_url, "UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(LibraryError, match="newer version of newsdesk"):
        open_library(pg_url)
    assert _sql(pg_url, "SELECT version_num FROM alembic_version") == [("9999_from_the_future",)]


def test_older_library_is_migrated_and_its_articles_become_searchable(pg_url: str) -> None:
    ctx = open_context(pg_url, seed=False)
    with ctx.session() as s:
        create_article(s, ArticleRecord(headline="Ferry timetable", body="Boats at dawn."))
    cfg = migrate.alembic_config()
    with ctx.library.engine.begin() as conn:  # back to the schema before full-text search
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    ctx.close()
    assert _sql(pg_url, "SELECT version_num FROM alembic_version") == [("0004",)]

    ctx = open_context(pg_url, seed=False)
    try:
        assert not ctx.library.created and ctx.library.backup is None
        with ctx.session() as s:
            assert [h.headline for h in search(s, "dawn")] == ["Ferry timetable"]
    finally:
        ctx.close()


def test_two_newsdesks_opening_a_new_database_at_once_both_succeed(pg_url: str) -> None:
    results: list[object] = []

    def open_one() -> None:
        try:
            lib = open_library(pg_url)
            lib.close()
            results.append(lib.created)
        except Exception as exc:  # reported by the assert below
            results.append(exc)

    threads = [threading.Thread(target=open_one) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    assert sorted(results, key=str) == [False, False, True]  # one made it, the others waited


def test_unreachable_server_is_a_clear_error_without_the_password() -> None:
    url = "postgresql+psycopg://desk:pw-not-to-be-shown@127.0.0.1:1/newsroom"
    with pytest.raises(LibraryError, match="Cannot open the library") as info:
        open_library(url)
    assert "pw-not-to-be-shown" not in str(info.value)
    assert "127.0.0.1:1/newsroom" in str(info.value)


@pytest.mark.parametrize(
    ("url", "says"),
    [
        ("postgresql+nosuchdriver://desk@127.0.0.1/newsroom", "pip install 'newsdesk[postgres]'"),
        ("mysql+pymysql://desk@127.0.0.1/newsroom", "SQLite files or PostgreSQL, not mysql"),
    ],
)
def test_a_database_newsdesk_cannot_use_is_a_clear_error(url: str, says: str) -> None:
    with pytest.raises(LibraryError, match="Cannot open the library") as info:
        open_library(url)
    assert says in str(info.value)
