"""The library file: migrations, pragmas, and refusing files we must not touch."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

import newsdesk.storage.models  # noqa: F401  (the tables compare_metadata checks against)
from newsdesk.errors import LibraryError
from newsdesk.storage import migrate
from newsdesk.storage.db import make_engine
from newsdesk.storage.library import open_library


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_empty_database_upgrades_to_head_and_matches_models(db_path: Path) -> None:
    lib = open_library(db_path)
    try:
        with lib.engine.connect() as conn:
            mc = MigrationContext.configure(
                conn, opts={"include_name": _not_fts, "compare_type": True}
            )
            assert mc.get_current_revision() == migrate.head_revision()
            diffs = compare_metadata(mc, SQLModel.metadata)
        assert diffs == [], f"models and migrated schema disagree: {diffs}"
        with lib.engine.connect() as conn:
            tables = {
                r[0]
                for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")
            }
        assert {"article", "section", "tag", "author", "asset", "article_fts"} <= tables
    finally:
        lib.close()


def _not_fts(name: str | None, type_: str, _parents: object) -> bool:
    return not (type_ == "table" and name is not None and name.startswith("article_fts"))


def test_connections_use_wal_foreign_keys_and_busy_timeout(db_path: Path) -> None:
    lib = open_library(db_path)
    try:
        with lib.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    finally:
        lib.close()


def test_library_that_is_not_sqlite_is_refused_untouched(db_path: Path) -> None:
    db_path.write_bytes(b"This is a shopping list, not a library.\n" * 100)
    before = _digest(db_path)
    with pytest.raises(LibraryError, match="not a newsdesk library"):
        open_library(db_path)
    assert _digest(db_path) == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]


def test_damaged_library_is_refused_untouched(db_path: Path) -> None:
    open_library(db_path).close()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page after the header
    db_path.write_bytes(bytes(data))
    for extra in db_path.parent.glob(db_path.name + "-*"):
        extra.unlink()
    before = _digest(db_path)
    with pytest.raises(LibraryError, match="damaged"):
        open_library(db_path)
    assert _digest(db_path) == before


def test_library_from_a_newer_version_is_refused_untouched(db_path: Path) -> None:
    open_library(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(db_path)
    with pytest.raises(LibraryError, match="newer version of newsdesk"):
        open_library(db_path)
    assert _digest(db_path) == before


def test_foreign_sqlite_database_is_refused(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="not a newsdesk library"):
        open_library(db_path)


def test_migration_backs_the_library_up_first(db_path: Path) -> None:
    revisions = [r.revision for r in migrate.script_directory().walk_revisions()]
    if len(revisions) < 2:
        pytest.skip("only one schema revision exists: nothing to migrate from yet")
    first = revisions[-1]
    engine = make_engine(db_path)
    cfg = migrate.alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, first)
    engine.dispose()
    lib = open_library(db_path)
    lib.close()
    assert lib.backup is not None and lib.backup.exists()
    conn = sqlite3.connect(lib.backup)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == first
    conn.close()


def test_known_revisions_are_alembics() -> None:
    script = migrate.script_directory()
    known, head = migrate.known_revisions()
    assert head == script.get_current_head()
    assert known == {rev.revision for rev in script.walk_revisions()}
