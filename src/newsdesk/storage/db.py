"""Opening a library: the engine, connection pragmas and the session factory."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

SessionFactory = Callable[[], Session]

BUSY_TIMEOUT_MS = 5000


def _sqlite_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_read_only_pragmas(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def make_read_only_engine(path: Path) -> Engine:
    """An engine that can only read the library file (a damaged one): nothing is written to
    it, and no -wal/-shm files are made beside it when none are there."""
    from newsdesk.storage.health import read_only_uri

    engine = create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(
            read_only_uri(path), uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        ),
    )  # fmt: skip
    event.listen(engine, "connect", _sqlite_read_only_pragmas)
    return engine


def make_engine(url_or_path: str | Path) -> Engine:
    """An engine for a library path (SQLite) or a database URL (e.g. postgresql://...)."""
    url = str(url_or_path)
    if "://" not in url:
        url = f"sqlite:///{Path(url)}"
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # A bare postgresql:// would mean psycopg2; newsdesk ships psycopg 3.
    for bare in ("postgresql://", "postgres://"):
        if url.startswith(bare):
            url = "postgresql+psycopg://" + url[len(bare) :]
    return create_engine(url, pool_pre_ping=True)


def make_session_factory(engine: Engine) -> SessionFactory:
    factory = sessionmaker(bind=engine, class_=Session, expire_on_commit=False)
    return factory


@contextmanager
def transaction(factory: SessionFactory) -> Iterator[Session]:
    """A session whose work is committed on success and rolled back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
