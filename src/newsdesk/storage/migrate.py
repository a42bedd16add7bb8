"""Bringing a library to the current schema, safely.

A library made by a newer newsdesk is refused untouched; a damaged or foreign file is refused
untouched; before any migration of an existing library file a backup copy is written beside
it. A shared database (a URL) is checked the same way, then migrated in one transaction under
a lock, so a failed migration leaves it as it was and two newsdesks never migrate at once.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DatabaseError

from newsdesk.errors import LibraryError
from newsdesk.paths import migrations_dir
from newsdesk.storage import newlib
from newsdesk.storage.quick import head_revision as quick_head

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

SQLITE_MAGIC = b"SQLite format 3\x00"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


@lru_cache(maxsize=1)
def known_revisions() -> tuple[frozenset[str], str]:
    """Every schema revision this newsdesk knows, and the newest, as Alembic's
    ``ScriptDirectory`` reads them from the migration files (Alembic is imported on first
    use, on the worker that opens the library, not before the window is shown)."""
    script = script_directory()
    heads = script.get_heads()
    if len(heads) != 1:
        raise RuntimeError(f"migrations must form one chain; heads: {sorted(heads)}")
    return frozenset(rev.revision for rev in script.walk_revisions()), heads[0]


def head_revision() -> str:
    return known_revisions()[1]


def inspect_library(path: Path) -> str | None:
    """The schema revision of an existing library, read without writing anything.

    Returns None for an empty or new file. Raises LibraryError for a file that is not a
    newsdesk library, is damaged, or was made by a newer version.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        magic = fh.read(len(SQLITE_MAGIC))
    if magic != SQLITE_MAGIC:
        raise LibraryError(
            f"{path} is not a newsdesk library (it is not an SQLite database). "
            "Open another library with --db, or restore this file from a backup."
        )
    from newsdesk.storage.health import read_only_uri

    try:
        # Not plain ``mode=ro``: reading a WAL library that way makes a -shm file beside it,
        # which fails ("attempt to write a readonly database") in a folder we may not write.
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            tables = {
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise LibraryError(
            f"The library {path} is damaged and cannot be read ({exc}). It was not changed; "
            "restore it from a backup, or run 'newsdesk doctor' for details."
        ) from exc
    if revision is None:
        if tables:
            raise LibraryError(
                f"{path} is an SQLite database but not a newsdesk library; it was not changed."
            )
        return None
    if revision != quick_head() and revision not in known_revisions()[0]:
        raise LibraryError(
            f"The library {path} was made by a newer version of newsdesk (schema {revision}; "
            f"this version knows up to {head_revision()}). Update newsdesk to open it; "
            "the file was not changed."
        )
    return revision


def backup_file(path: Path, revision: str) -> Path:
    """A consistent copy of the library (SQLite online backup, WAL included)."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.before-{revision}-{stamp}.bak")
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


# Any fixed number: the key of the PostgreSQL advisory lock taken while migrating.
_MIGRATION_LOCK = 0x6E657773  # "news"


def inspect_database(conn: Connection, where: str) -> str | None:
    """The schema revision of a shared database, read without writing anything.

    Returns None for an empty database (or schema). Raises LibraryError for one holding
    other tables, or made by a newer version of newsdesk.
    """
    from sqlalchemy import inspect, text

    tables = set(inspect(conn).get_table_names())
    revision = None
    if "alembic_version" in tables:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision is None:
        if tables - {"alembic_version"}:
            raise LibraryError(
                f"The database {where} holds other tables and is not a newsdesk library; it "
                "was not changed. Give newsdesk an empty database (or its own schema)."
            )
        return None
    if revision not in known_revisions()[0]:
        raise LibraryError(
            f"The library {where} was made by a newer version of newsdesk (schema {revision}; "
            f"this version knows up to {head_revision()}). Update newsdesk to open it; "
            "the database was not changed."
        )
    return str(revision)


def _run_upgrade(conn: Connection) -> None:
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def upgrade_database(engine: Engine, where: str) -> bool:
    """Migrate a shared database to head in one transaction. True if it was empty (new)."""
    from sqlalchemy import text

    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Held to the end of the transaction: a second newsdesk starting at the same
            # moment waits, then finds the schema current.
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        current = inspect_database(conn, where)
        if current != head_revision():
            _run_upgrade(conn)
    return current is None


def upgrade(engine: Engine, path: Path | None) -> Path | None:
    """Migrate the library to head. Returns the backup written, if any."""
    backup: Path | None = None
    if path is not None:
        current = inspect_library(path)
        head = quick_head()  # read from the migration files, without Alembic
        if current is None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if head is not None and newlib.create(path, head):
                return None
        elif current == head or current == head_revision():  # the second loads Alembic
            return None
        else:
            backup = backup_file(path, current)
    try:
        with engine.begin() as conn:
            _run_upgrade(conn)
    except DatabaseError as exc:
        if path is None or current is None or not _is_schema_mismatch(exc):
            raise
        # The migration ran in one transaction, rolled back: the file is as it was.
        if backup is not None:
            backup.unlink(missing_ok=True)
        raise LibraryError(
            f"The library {path} says it is at revision {current}, but its tables are already "
            f"newer ({_first_line(exc)}), so it cannot be brought up to date; it was not "
            f"changed. Copy what can be read into a new library with: "
            f"newsdesk --db '{path}' library recover --out NEW.newsdesk"
        ) from None
    return backup


def _first_line(exc: DatabaseError) -> str:
    return (str(exc.orig or exc).strip().splitlines() or ["schema mismatch"])[0]


def _is_schema_mismatch(exc: DatabaseError) -> bool:
    low = _first_line(exc).lower()
    return any(s in low for s in ("duplicate column", "already exists", "no such column"))
