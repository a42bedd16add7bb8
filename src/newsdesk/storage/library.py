"""An open library: its engine and session factory, created on demand and closed explicitly."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

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
    is_url = isinstance(target, str) and "://" in target
    path = None if is_url else Path(target)
    created = path is not None and migrate.inspect_library(path) is None
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(target)
    try:
        backup = migrate.upgrade(engine, path)
    except BaseException:
        engine.dispose()
        raise
    return Library(path, engine, make_session_factory(engine), backup, created)
