"""``newsdesk export site`` planned whole (a new folder, a changed theme or base URL, many
edits) on a plain ``sqlite3`` connection: the same export as the full way, without importing
SQLAlchemy, SQLModel, pydantic and Alembic (half a second or more before any work, which was
a third of exporting 1,000 articles).

The same guard as the quick ways (``services.site_lean``): only a library file at the newest
revision that is exactly as newsdesk last left it after finding it sound is exported this
way. Anything else — a database server, a file another program changed (the full way checks
it first), a bulk import's bodies still to render, the library busy or failing — returns
None with nothing recorded in the library, and the command goes the full way.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from newsdesk.core.progress import Progress
from newsdesk.domain.status import STATUSES
from newsdesk.export.site_db import SqliteDb
from newsdesk.services.site_lean import SiteAsk, on_sound_library


class _WritesLater(SqliteDb):
    """Reads as the full way reads (each statement on its own, no long read snapshot that
    would make the final write fail after another program's save); the first write takes
    the write lock (``BEGIN IMMEDIATE``) and the caller commits or rolls back."""

    def _begin(self) -> None:
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN IMMEDIATE")

    def run(self, sql: str, params: Any = ()) -> None:
        self._begin()
        super().run(sql, params)

    def run_many(self, sql: str, rows: Any) -> None:
        self._begin()
        super().run_many(sql, rows)


def full_site(
    ask: SiteAsk, progress: Progress, workers: int | None = None
) -> dict[str, Any] | None:
    """Export the whole site into ``ask.out`` in ``workers`` processes (None: one per
    processor, as the full way); the export's report, or None when the full way must do it."""
    from newsdesk.core.workers import available_cpus

    if ask.status not in STATUSES:
        return None  # the full way names the statuses
    jobs = workers or available_cpus()
    out, status, base_url = ask.out, ask.status, ask.base_url
    return on_sound_library(
        ask.db, ask.basedir,
        lambda conn, library: _export(conn, library, out, status, base_url, progress, jobs),
    )  # fmt: skip


def _export(
    conn: sqlite3.Connection,
    library: Path,
    out: Path,
    status: str,
    base_url: str | None,
    progress: Progress,
    workers: int,
) -> dict[str, Any] | None:
    from newsdesk.core.settings import settings_from_rows
    from newsdesk.export.site import export_site_whole_lean
    from newsdesk.paths import resources_dir
    from newsdesk.render.page import load_theme

    db = _WritesLater(conn)
    try:
        if db.rows("SELECT 1 FROM article WHERE body_html = '' AND body <> '' LIMIT 1"):
            return None  # a bulk import's bodies to render and store first: the full way
        settings = settings_from_rows(db.rows("SELECT key, value FROM site_setting"))
        if base_url is not None:
            settings = settings.with_changes(base_url=base_url.rstrip("/"))
        theme = load_theme(resources_dir(), settings.theme)
        result = export_site_whole_lean(
            db, library, out, theme, settings, status=status, base_url=base_url,
            progress=progress, workers=workers,
        )  # fmt: skip
        conn.commit()
    except sqlite3.Error:
        if conn.in_transaction:
            conn.rollback()
        return None  # busy, or failing: the full way waits, or names the library's trouble
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    return {**result.to_json(), "has_base": bool(settings.base_url)}
