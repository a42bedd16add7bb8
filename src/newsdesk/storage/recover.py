"""Copying what can still be read out of a damaged library into a new, sound one.

The damaged file is only ever read (attached read-only). Each table is copied in rowid order,
a batch read whole before any of it is written, stepping over the unreadable stretches.
Rows whose parent was lost are dropped (or their link cleared), the search index is filled by
the new library's own triggers, and the result must pass ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from newsdesk.errors import LibraryError, UserError
from newsdesk.storage import migrate
from newsdesk.storage.health import read_only_uri

_BATCH = 500
_MAX_ROWID = 2**62


@dataclass
class TableCopy:
    name: str
    copied: int = 0
    skipped_ranges: list[tuple[int, int]] = field(default_factory=list)  # lost, ends included
    dropped: int = 0  # rows whose parent row was lost

    @property
    def whole(self) -> bool:
        return not self.skipped_ranges and not self.dropped

    def lost_rowids(self, most: int = 5) -> str:
        """The unreadable stretches as a person reads them: ``5, 9-12`` (both ends lost)."""
        return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in self.skipped_ranges[:most])


@dataclass
class RecoverReport:
    source: Path
    out: Path
    tables: list[TableCopy]

    @property
    def articles(self) -> int:
        return next((t.copied - t.dropped for t in self.tables if t.name == "article"), 0)

    def to_json(self) -> dict[str, object]:
        return {
            "source": str(self.source),
            "out": str(self.out),
            "articles": self.articles,
            "tables": {
                t.name: {"copied": t.copied - t.dropped, "whole": t.whole} for t in self.tables
            },
        }


def recover_library(source: Path, out: Path) -> RecoverReport:
    """Copy every readable row of ``source`` into a new library at ``out`` (which must not
    exist). ``source`` is never written."""
    if not source.is_file():
        raise UserError(f"No library at {source}")
    if out.exists() or out.with_name(out.name + "-wal").exists():
        raise UserError(f"{out} already exists; give a new file name for the recovered library")
    if out.resolve() == source.resolve():
        raise UserError("The recovered library must be a new file, not the damaged one")
    migrate.inspect_library(source)  # a readable schema and a newsdesk library, or a clear error
    from newsdesk.storage.library import open_library

    open_library(out).close()  # a new, empty library at the current schema
    try:
        tables = _copy_all(source, out)
    except BaseException:
        for extra in (out, out.with_name(out.name + "-wal"), out.with_name(out.name + "-shm")):
            extra.unlink(missing_ok=True)
        raise
    return RecoverReport(source, out, tables)


def _copy_all(source: Path, out: Path) -> list[TableCopy]:
    # Two connections, not ATTACH: a read error on the damaged file must not poison the
    # transaction that writes the new one.
    src = sqlite3.connect(read_only_uri(source), uri=True)
    conn = sqlite3.connect(out, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN")
        # The triggers that keep the search index in step are set aside while rows are
        # copied (a refused row must not leave the index half-written); the index is built
        # again from the copied articles at the end.
        triggers = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
        for name, _sql in triggers:
            conn.execute(f'DROP TRIGGER "{name}"')
        results = [_copy_table(src, conn, name) for name in _tables(conn)]
        _drop_orphans(conn, {t.name: t for t in results})
        for _name, sql in triggers:
            conn.execute(sql)
        for index in _search_indexes(conn):
            conn.execute(f'INSERT INTO "{index}"("{index}") VALUES (\'rebuild\')')
        conn.execute("COMMIT")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        if problems != ["ok"]:
            raise LibraryError(f"The recovered library failed its check: {problems[0]}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
        src.close()
    return results


def _tables(conn: sqlite3.Connection) -> list[str]:
    """The new library's ordinary tables, less bookkeeping and the search index's own."""
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    virtual = [n for n, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    return [
        name
        for name, _sql in rows
        if not name.startswith("sqlite_")
        and name != "alembic_version"
        and name not in virtual
        and not any(name.startswith(f"{v}_") for v in virtual)
    ]


def _search_indexes(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'")
    return [n for n, sql in rows if "USING FTS5" in (sql or "").upper()]


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    try:
        return [r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')]
    except sqlite3.DatabaseError:
        return []


def _copy_table(src: sqlite3.Connection, conn: sqlite3.Connection, table: str) -> TableCopy:
    result = TableCopy(table)
    old_cols = set(_columns(src, table))
    cols = [c for c in _columns(conn, table) if c in old_cols]
    if not cols:
        return result
    names = ", ".join(f'"{c}"' for c in cols)
    _copy_rows(src, conn, table, names, len(cols), result)
    return result


def _copy_rows(
    src: sqlite3.Connection, conn: sqlite3.Connection, table: str, names: str, ncols: int,
    result: TableCopy,
) -> None:  # fmt: skip
    select = f'SELECT rowid, {names} FROM "{table}" WHERE rowid > ? ORDER BY rowid LIMIT ?'
    insert = (
        f'INSERT OR IGNORE INTO "{table}" (rowid, {names}) VALUES ({", ".join("?" * (ncols + 1))})'
    )
    cursor = 0
    while cursor < _MAX_ROWID:
        rows = _read(src, select, cursor, _BATCH) or _read(src, select, cursor, 1)
        if rows is None:  # unreadable from here: find where reading works again
            resume = _skip(src, select, cursor)
            result.skipped_ranges.append((cursor + 1, resume))
            cursor = resume
            continue
        if not rows:
            return
        for row in rows:
            if row[0] <= cursor:  # a damaged page can hand back rows out of order
                continue
            with contextlib.suppress(sqlite3.DatabaseError):  # garbage the new schema refuses
                result.copied += conn.execute(insert, row).rowcount
            cursor = row[0]


def _read(conn: sqlite3.Connection, select: str, after: int, limit: int) -> list | None:  # type: ignore[type-arg]
    try:
        return conn.execute(select, (after, limit)).fetchall()
    except sqlite3.DatabaseError:
        return None


def _skip(conn: sqlite3.Connection, select: str, cursor: int) -> int:
    """The smallest rowid after ``cursor`` from which reading works (doubling, then halving)."""
    bad, step = cursor, 1
    while cursor + step < _MAX_ROWID and _read(conn, select, cursor + step, 1) is None:
        bad, step = cursor + step, step * 2
    good = min(cursor + step, _MAX_ROWID)
    while good - bad > 1:
        mid = (bad + good) // 2
        if _read(conn, select, mid, 1) is None:
            bad = mid
        else:
            good = mid
    return good


def _drop_orphans(conn: sqlite3.Connection, tables: dict[str, TableCopy]) -> None:
    """Rows pointing at a parent that was lost: the link is cleared where it may be empty,
    the row dropped where it may not (a tag link to a lost article, say)."""
    for _ in range(10):  # dropping a row can orphan its own children
        found = conn.execute("PRAGMA foreign_key_check").fetchall()
        if not found:
            return
        for table, rowid, _parent, fkid in found:
            fk = [r for r in conn.execute(f'PRAGMA foreign_key_list("{table}")') if r[0] == fkid]
            column = fk[0][3] if fk else None
            info = {r[1]: r for r in conn.execute(f'PRAGMA table_info("{table}")')}
            if column in info and not info[column][3]:  # nullable
                conn.execute(f'UPDATE "{table}" SET "{column}" = NULL WHERE rowid = ?', (rowid,))
            else:
                conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
                if table in tables:
                    tables[table].dropped += 1
