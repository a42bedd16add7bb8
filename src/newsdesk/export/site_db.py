"""The library as a static-site re-export reads and writes it: plain SQL through one small
port, over a SQLAlchemy session (the app, the full command) or a plain ``sqlite3`` connection
(``newsdesk export site`` after a few edits, which then starts without the ORM: see
``services.site_lean``). Both run the same statements, so the same tests cover them.

SQLite hands timestamps back as text and booleans as 0/1 where the ORM gives ``datetime``
(UTC) and ``bool``: :func:`utc` and the row builders here make them what the ORM gives.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from newsdesk.core.assets import AssetRow

if TYPE_CHECKING:
    from sqlmodel import Session


class Db:
    """Plain SQL written with ``?`` marks: ``rows`` reads, ``run`` and ``run_many`` write."""

    shared = False  # a library other machines use too (a server's, not a file of this one)

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        raise NotImplementedError

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        raise NotImplementedError

    def time(self, moment: datetime) -> Any:
        """A moment as a parameter compared with timestamp columns: naive UTC, as text in the
        form the ORM writes to SQLite."""
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")

    def asset(self, sha: str) -> AssetRow | None:
        found = self.rows(
            "SELECT sha256, filename, media_type, width, height, data FROM asset WHERE sha256 = ?",
            (sha,),
        )
        return AssetRow(*found[0]) if found else None


class SessionDb(Db):
    """The session's connection (in its transaction). PostgreSQL's driver (psycopg) takes
    ``%s`` marks, so the marks are translated there."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.conn = session.connection()
        self.translate = self.conn.dialect.paramstyle != "qmark"
        self.shared = self.conn.dialect.name != "sqlite"

    def time(self, moment: datetime) -> Any:
        if self.conn.dialect.name == "sqlite":
            return super().time(moment)
        return moment.astimezone(UTC).replace(tzinfo=None)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.translate else sql

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.conn.exec_driver_sql(self._sql(sql), tuple(params)).fetchall())

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.exec_driver_sql(self._sql(sql), tuple(params))

    def run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        batch = [tuple(r) for r in rows]
        if batch:
            self.conn.exec_driver_sql(self._sql(sql), batch)

    def asset(self, sha: str) -> AssetRow | None:
        from newsdesk.storage.models import Asset

        found = self.session.get(Asset, sha)  # the session's copy, if it holds one
        if found is None:
            return None
        return AssetRow(
            found.sha256, found.filename, found.media_type, found.width, found.height, found.data
        )


class SqliteDb(Db):
    """A plain ``sqlite3`` connection (the caller commits or rolls back)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self.conn.execute(sql, tuple(params)).fetchall()

    def run(self, sql: str, params: Sequence[Any] = ()) -> None:
        self.conn.execute(sql, tuple(params))

    def run_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)


def db_of(source: Session | Db) -> Db:
    return source if isinstance(source, Db) else SessionDb(source)


def utc(value: Any) -> datetime | None:
    """A timestamp column's value as the ORM gives it: aware UTC (None stays None)."""
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC)


def in_list(column: str, ids: Iterable[int]) -> str:
    """``column IN (1,2,3)`` with the ids written in (whole numbers only)."""
    return f"{column} IN ({','.join(str(int(i)) for i in ids)})"
