"""Noticing that another window or process changed the library, cheaply.

SQLite: ``PRAGMA data_version`` on a connection of our own changes whenever any other
connection (another process, or this process's pool) commits; reading it costs microseconds
and touches no table. Only when it moved are the articles' versions read, so the caller can
tell which articles changed. PostgreSQL has no data_version: a trigger (migration 0012)
announces every change of an article row with NOTIFY, and ``ArticleListener`` LISTENs, so the
versions are read only when something was announced."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

Versions = dict[int, int]

CHANNEL = "newsdesk_changes"  # services.changes announces on it too (workflow kinds)
ARTICLE_KINDS = {"article", "edit"}  # a row changed (0012's trigger), a text save


class ChangeProbe:
    """``poll()`` returns the articles' versions if the library may have changed since the
    last poll, else None. Safe to call from one worker thread at a time."""

    def __init__(self, path: Path | None, engine: Engine) -> None:
        self._path = path
        self._engine = engine
        self._conn: sqlite3.Connection | None = None
        self._last: int | None = None
        self._lock = threading.Lock()

    def poll(self) -> Versions | None:
        with self._lock:
            if self._path is None:
                return self._versions_from_engine()
            conn = self._connection()
            version = conn.execute("PRAGMA data_version").fetchone()[0]
            if version == self._last:
                return None
            self._last = version
            rows = conn.execute("SELECT id, version FROM article").fetchall()
            conn.rollback()  # never hold a read snapshot between polls
            return {int(i): int(v) for i, v in rows}

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            uri = f"{self._path.resolve().as_uri()}?mode=ro"  # type: ignore[union-attr]
            self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=1)
        return self._conn

    def _versions_from_engine(self) -> Versions:
        with self._engine.connect() as conn:
            rows = conn.execute(text("SELECT id, version FROM article")).all()
        return {int(i): int(v) for i, v in rows}

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None


def changed_ids(before: Versions, after: Versions) -> set[int]:
    """Articles added, removed or saved again between two polls."""
    return {i for i in before.keys() | after.keys() if before.get(i) != after.get(i)}


class ArticleListener:
    """PostgreSQL: LISTENs for article changes on a connection of its own (taken out of the
    pool for good). ``wait(timeout)`` blocks a worker thread until a change is announced."""

    def __init__(self, engine: Engine) -> None:
        self._raw: Any = engine.raw_connection()
        pg: Any = self._raw.driver_connection
        pg.autocommit = True
        pg.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float) -> bool:
        """True when an article changed within ``timeout`` seconds (returns at the first)."""
        import psycopg

        pg = self._raw.driver_connection
        try:
            notes = list(pg.notifies(timeout=timeout, stop_after=1))
            if notes:
                notes += list(pg.notifies(timeout=0.01))  # the rest of the same commit
        except psycopg.Error as exc:  # the server went away: the watcher polls instead
            raise OSError(f"listening for changes failed: {exc}") from exc
        return any(_kind(n.payload) in ARTICLE_KINDS for n in notes)

    def close(self) -> None:
        if self._raw is not None:
            self._raw.invalidate()  # a LISTENing connection must not go back to the pool
            self._raw = None


def _kind(payload: str) -> str:
    try:
        return str(json.loads(payload).get("kind", ""))
    except (ValueError, AttributeError):
        return ""
