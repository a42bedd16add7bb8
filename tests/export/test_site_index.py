"""The queries a one-edit re-export runs on the library's site tables are answered from
indexes, whatever the size of the site (SQLite's own plan for each, on a library at head):
none of them walks the site's files, and a sitemap shard's pages come from the index alone."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from newsdesk.export import site_index
from newsdesk.export.site_db import SqliteDb


class _Recording(SqliteDb):
    """Runs nothing: keeps each statement and its parameters to ask SQLite for its plan."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        super().__init__(conn)
        self.seen: list[tuple[str, tuple[Any, ...]]] = []

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        self.seen.append((sql, tuple(params)))
        return []


def _plans(db_path, call) -> list[str]:
    conn = sqlite3.connect(db_path)
    try:
        recording = _Recording(conn)
        call(recording)
        assert recording.seen
        return [
            " / ".join(r[3] for r in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))
            for sql, params in recording.seen
        ]
    finally:
        conn.close()


def test_a_sitemap_shards_pages_come_from_the_index_alone(ctx, db_path) -> None:
    (plan,) = _plans(db_path, lambda db: site_index.shard_pages(db, 7, 3))
    assert "COVERING INDEX ix_site_export_file_shard" in plan, plan


def test_one_edit_queries_use_indexes(ctx, db_path) -> None:
    plans = _plans(
        db_path,
        lambda db: (
            site_index.showing(db, 7, [1, 2]),
            site_index.by_paths(db, 7, ["index.html", "sitemaps/3.xml"]),
            site_index.changed_since(db, 12),
        ),
    )
    for plan in plans:
        assert "SCAN" not in plan.replace("SCAN CONSTANT ROW", ""), plan
