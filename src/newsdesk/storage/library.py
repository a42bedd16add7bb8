"""An open library: its engine and session factory, created on demand and closed explicitly."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import NoSuchModuleError, OperationalError

from newsdesk.errors import LibraryError
from newsdesk.paths import is_database_url, redact_url
from newsdesk.storage import migrate
from newsdesk.storage.db import (
    SessionFactory,
    make_engine,
    make_read_only_engine,
    make_session_factory,
)
from newsdesk.storage.health import CheckMemory, check_at_open


@dataclass
class Library:
    path: Path | None
    engine: Engine
    session_factory: SessionFactory
    backup: Path | None = None
    created: bool = False
    # What SQLite's quick check found when the file was opened; a damaged library is open
    # read-only (every write refused) until its readable part is copied out (``recover``).
    damage: str | None = None
    checks: CheckMemory | None = None
    # False for a file this user may read but not write (another user's, a read-only mount):
    # open read-only, so reading works and every write is refused as "read-only".
    writable: bool = True

    @property
    def read_only(self) -> bool:
        return self.damage is not None or not self.writable

    def close(self) -> None:
        self.engine.dispose()
        if self.path is not None and self.checks is not None and self.damage is None:
            self.checks.remember(self.path, True)  # as sound as it was found: no check next time


def damaged_message(path: Path, damage: str) -> str:
    return (
        f"The library {path} is damaged ({damage}); it is open read-only and nothing will be "
        f"written to it. Copy what can be read into a new library with: "
        f"newsdesk --db '{path}' library recover --out NEW.newsdesk"
    )


def open_library(target: str | Path, *, checks: CheckMemory | None = None) -> Library:
    """Open (creating or migrating as needed) a library file or database URL.

    A file that fails SQLite's quick check is opened read-only (``Library.damage``); one too
    damaged to read its schema, or damaged and due a migration, is refused untouched."""
    if isinstance(target, str) and is_database_url(target):
        return _open_database(target)
    path = Path(target)
    if path.exists() and not path.is_file():
        raise LibraryError(
            f"{path} is not a library file (it is a folder, a device or a pipe); "
            "give the path of a .newsdesk file with --db"
        )
    revision = migrate.inspect_library(path)
    created = revision is None
    if revision is not None:
        damage = check_at_open(path, checks or CheckMemory(None))
        if damage is not None:
            return _open_damaged(path, revision, damage)
        if not _may_write(path):
            return _open_unwritable(path, revision, checks)
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    try:
        backup = migrate.upgrade(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Library(path, engine, make_session_factory(engine), backup, created, checks=checks)


def _open_damaged(path: Path, revision: str, damage: str) -> Library:
    if revision != migrate.head_revision():
        raise LibraryError(
            f"The library {path} is damaged ({damage}) and was made by an older newsdesk, so "
            "it cannot be opened even read-only; it was not changed. Copy what can be read "
            f"into a new library with: newsdesk --db '{path}' library recover --out NEW.newsdesk"
        )
    engine = make_read_only_engine(path)
    return Library(path, engine, make_session_factory(engine), damage=damage)


def _may_write(path: Path) -> bool:
    """Can this user change the library file, and make the -wal/-shm files SQLite writes
    beside it (unless they are there already, writable)?"""
    if not os.access(path, os.W_OK):
        return False
    if os.access(path.parent, os.W_OK | os.X_OK):
        return True
    side = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    return all(p.exists() and os.access(p, os.W_OK) for p in side)


def _open_unwritable(path: Path, revision: str, checks: CheckMemory | None) -> Library:
    if revision != migrate.head_revision():
        raise LibraryError(
            f"The library {path} is read-only to you (check the permissions of the file and "
            "its folder) and was made by an older newsdesk: it must be upgraded, which needs "
            "write access. It was not changed."
        )
    engine = make_read_only_engine(path)
    return Library(path, engine, make_session_factory(engine), checks=checks, writable=False)


def _open_database(url: str) -> Library:
    """A shared library in a database server: no file, so no backup copy (see the README)."""
    where = redact_url(url)
    backend = url.split("://", 1)[0].split("+", 1)[0]
    if backend not in ("postgresql", "postgres", "sqlite"):  # what search can speak
        raise LibraryError(
            f"Cannot open the library {where}: newsdesk keeps libraries in SQLite files or "
            f"PostgreSQL, not {backend}."
        )
    try:
        engine = make_engine(url)
    except (ModuleNotFoundError, NoSuchModuleError) as exc:
        raise LibraryError(
            f"Cannot open the library {where}: this newsdesk has no driver for it ({exc}). "
            "For PostgreSQL install newsdesk with its extra: pip install 'newsdesk[postgres]'."
        ) from exc
    try:
        created = migrate.upgrade_database(engine, where)
    except OperationalError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        raise LibraryError(f"Cannot open the library {where}: {reason}") from exc
    except BaseException:
        engine.dispose()
        raise
    return Library(None, engine, make_session_factory(engine), None, created)
