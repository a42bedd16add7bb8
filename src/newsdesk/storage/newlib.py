"""A new library file made in one step: the newest schema's statements, not every migration.

Replaying the whole Alembic chain on an empty file costs a third of a second (and Alembic's
import) before a first import or save can start. ``storage/head_schema.py`` holds what the
migrations make, recorded from a library they made (its ``sqlite_master`` and the rows they
insert); a test proves a library made from it and a migrated one alike, down to every row.
When the record is behind the migrations (a migration was added and the record not remade),
new libraries are migrated the slow way, never made from an old schema. Remake the record
with ``python -m newsdesk.storage.newlib``.
"""

from __future__ import annotations

import sqlite3
import sys
import tempfile
from pathlib import Path
from pprint import pformat
from typing import Any

Rows = dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]  # table -> columns, rows
Config = list[tuple[str, str, Any]]  # full-text table, setting ("rank"), value


def _virtual_tables(conn: sqlite3.Connection) -> list[str]:
    query = "SELECT name FROM sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL%'"
    return [name for (name,) in conn.execute(query)]


def _shadow_tables(conn: sqlite3.Connection) -> set[str]:
    """Tables SQLite makes itself for each virtual (FTS5) table."""
    virtual = _virtual_tables(conn)
    names = [name for (name,) in conn.execute("SELECT name FROM sqlite_master")]
    return {n for n in names for v in virtual if n.startswith(f"{v}_")}


def fts_config(conn: sqlite3.Connection) -> Config:
    """The settings the migrations gave each full-text table (its rank function)."""
    out: Config = []
    for name in _virtual_tables(conn):
        config = f"{name}_config"
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (config,)).fetchone():
            query = f"SELECT k, v FROM \"{config}\" WHERE k != 'version' ORDER BY k"
            out += [(name, k, v) for k, v in conn.execute(query)]
    return out


def record(conn: sqlite3.Connection) -> tuple[list[str], list[str], Rows]:
    """The library's tables, its other schema objects (indexes, triggers, views) and rows:
    what ``create`` needs to make the same file again (with ``fts_config``)."""
    shadow = _shadow_tables(conn)
    tables: list[str] = []
    others: list[str] = []
    rows: Rows = {}
    query = "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid"
    for kind, name, sql in conn.execute(query).fetchall():
        if name.startswith("sqlite_") or name in shadow:
            continue
        if kind != "table":
            others.append(sql)
            continue
        tables.append(sql)
        if sql.startswith("CREATE VIRTUAL"):
            continue
        cursor = conn.execute(f'SELECT * FROM "{name}" ORDER BY rowid')
        found = cursor.fetchall()
        if found:
            rows[name] = (tuple(d[0] for d in cursor.description), found)
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'").fetchone():
        sequence = conn.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name").fetchall()
        if sequence:
            rows["sqlite_sequence"] = (("name", "seq"), sequence)
    return tables, others, rows


def create(path: Path, revision: str) -> bool:
    """Make the library ``path`` (a new, empty file) at ``revision`` in one transaction. False,
    with nothing done, when the record is not of that revision or the file is no longer
    empty (another newsdesk made it a moment ago)."""
    from newsdesk.storage import head_schema

    if revision != head_schema.REVISION:
        return False
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("BEGIN IMMEDIATE")
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            conn.execute("ROLLBACK")
            return False
        try:
            _replay(conn, head_schema.TABLES, head_schema.OTHERS, head_schema.ROWS)
            for table, key, value in head_schema.FTS_CONFIG:
                conn.execute(f'INSERT INTO "{table}" ("{table}", rank) VALUES (?, ?)', (key, value))
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.close()
    return True


def _replay(conn: sqlite3.Connection, tables: list[str], others: list[str], rows: Rows) -> None:
    # The rows go in before the triggers exist: they are the migrations' rows as they left
    # them, which the triggers must not count again.
    for sql in tables:
        conn.execute(sql)
    for table, (columns, values) in rows.items():
        if table == "sqlite_sequence":
            continue
        names = ", ".join(f'"{c}"' for c in columns)
        marks = ", ".join("?" * len(columns))
        conn.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', values)
    if "sqlite_sequence" in rows:
        conn.execute("DELETE FROM sqlite_sequence")
        conn.executemany("INSERT INTO sqlite_sequence VALUES (?, ?)", rows["sqlite_sequence"][1])
    for sql in others:
        conn.execute(sql)


def migrated_library(folder: Path) -> Path:
    """A new library made the slow way, by running every migration."""
    from newsdesk.storage import migrate
    from newsdesk.storage.db import make_engine

    path = folder / "migrated.newsdesk"
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            migrate._run_upgrade(conn)
    finally:
        engine.dispose()
    return path


def write_record(target: Path) -> None:
    """Remake ``storage/head_schema.py`` from a library the migrations make now."""
    from newsdesk.storage.quick import head_revision

    with tempfile.TemporaryDirectory() as tmp:
        conn = sqlite3.connect(migrated_library(Path(tmp)))
        try:
            tables, others, rows = record(conn)
            config = fts_config(conn)
        finally:
            conn.close()
    lines = [
        '"""The newest library schema, as the migrations make it: made by',
        '``python -m newsdesk.storage.newlib`` (do not edit; see ``storage/newlib.py``)."""',
        "",
        "from typing import Any",
        "",
        "# fmt: off",
        f"REVISION = {head_revision()!r}",
        f"TABLES = {pformat(tables, width=96)}",
        f"OTHERS = {pformat(others, width=96)}",
        f"ROWS: dict[str, Any] = {pformat(rows, width=96)}",
        f"FTS_CONFIG: list[tuple[str, str, Any]] = {pformat(config, width=96)}",
        "",
    ]
    target.write_text("\n".join(lines), encoding="utf-8")


if __name__ == "__main__":
    out = Path(__file__).with_name("head_schema.py")
    write_record(out)
    print(f"wrote {out}", file=sys.stderr)
