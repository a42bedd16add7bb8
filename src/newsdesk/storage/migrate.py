"""Bringing a library file to the current schema, safely.

A library made by a newer newsdesk is refused untouched; a damaged or foreign file is refused
untouched; before any migration of an existing library a backup copy is written beside it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from newsdesk.errors import LibraryError
from newsdesk.paths import migrations_dir

SQLITE_MAGIC = b"SQLite format 3\x00"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = script_directory().get_current_head()
    assert head is not None
    return head


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
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
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
    known = {rev.revision for rev in script_directory().walk_revisions()}
    if revision not in known:
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
    src = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)
    finally:
        dst.close()
        src.close()
    return target


def upgrade(engine: Engine, path: Path | None) -> Path | None:
    """Migrate the library to head. Returns the backup written, if any."""
    backup: Path | None = None
    if path is not None:
        current = inspect_library(path)
        if current == head_revision():
            return None
        if current is not None:
            backup = backup_file(path, current)
        path.parent.mkdir(parents=True, exist_ok=True)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    return backup
