"""An open library: its engine and session factory, created on demand and closed explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import NoSuchModuleError, OperationalError

from newsdesk.errors import LibraryError
from newsdesk.paths import is_database_url, redact_url
from newsdesk.storage import migrate
from newsdesk.storage.db import SessionFactory, make_engine, make_session_factory


@dataclass
class Library:
    path: Path | None
    engine: Engine
    session_factory: SessionFactory
    backup: Path | None = None
    created: bool = False

    def close(self) -> None:
        self.engine.dispose()


def open_library(target: str | Path) -> Library:
    """Open (creating or migrating as needed) a library file or database URL."""
    if isinstance(target, str) and is_database_url(target):
        return _open_database(target)
    path = Path(target)
    created = migrate.inspect_library(path) is None
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    try:
        backup = migrate.upgrade(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Library(path, engine, make_session_factory(engine), backup, created)


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
