"""``export site`` when the library alone tells what to do, without the ORM: nothing changed
(``export.site_lean``, read-only), or a few articles edited in place (``export.site``'s quick
way on a plain ``sqlite3`` connection). Opening a library the full way imports SQLAlchemy,
SQLModel and Alembic, most of a second before any work; these answer in a fraction of it.

Only a library file at the newest revision that is exactly as newsdesk last left it after
finding it sound is written this way (``storage.quick.open_current_writable``); anything else
— a database server, a file another program changed, pictures or settings changed, a
moved article — returns None and the command goes the full way, which checks, migrates or
refuses the library and plans the whole site as usual.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # a re-export with nothing to do imports no dataclass
    from collections.abc import Callable

    from newsdesk.core.progress import Progress

CHECKS = "library-checks.json"  # the check memory of core.context, in the profile's data dir


class SiteAsk(NamedTuple):
    """What ``export site`` was asked: the library (a file, a database URL, or None for the
    profile's), the profile folder, the output folder, the status exported, and the site's
    address (None: the library's setting)."""

    db: str | None
    basedir: str | None
    out: Path
    status: str
    base_url: str | None


def unchanged_site(ask: SiteAsk) -> dict[str, Any] | None:
    """The export's report when nothing needs doing; None when the full way must tell."""
    from newsdesk.export.site_lean import unchanged
    from newsdesk.paths import named_library, resolve_paths
    from newsdesk.storage.quick import open_current

    db, basedir, out, status, base_url = ask

    named = named_library(db)
    if isinstance(named, str):
        return None  # a database server
    conn = open_current(named if named is not None else resolve_paths(db, basedir).db_path)
    if conn is None:
        return None
    try:
        return unchanged(conn, out, status, base_url)
    finally:
        conn.close()


def quick_site(ask: SiteAsk, progress: Progress) -> dict[str, Any] | None:
    """Re-export only the files showing the articles edited since the last export into
    ``ask.out``: the export's report, or None (nothing written) when the full way must do it."""
    return on_sound_library(
        ask.db, ask.basedir,
        lambda conn, _path: _in_transaction(conn, ask.out, ask.status, ask.base_url, progress),
    )  # fmt: skip


def on_sound_library(
    db: str | None,
    basedir: str | None,
    work: Callable[[sqlite3.Connection, Path], dict[str, Any] | None],
) -> dict[str, Any] | None:
    """``work`` on a writable plain ``sqlite3`` connection to the library file (and its path),
    when the file is at the newest revision and as newsdesk last left it after finding it
    sound; its report, with the library remembered sound again once it is closed. None (nothing done) for a
    database server, a library not known sound, or ``work`` answering None."""
    from newsdesk.paths import resolve_paths
    from newsdesk.storage.quick import open_current_writable, remember_sound

    paths = resolve_paths(db, basedir)
    if paths.db_url is not None:
        return None
    checks = paths.data_dir / CHECKS
    conn = open_current_writable(paths.db_path, checks)
    if conn is None:
        return None
    try:
        report = work(conn, paths.db_path)
    finally:
        conn.close()
    if report is not None:
        remember_sound(paths.db_path, checks)  # closed first: the WAL is folded in by then
    return report


def _in_transaction(
    conn: sqlite3.Connection, out: Path, status: str, base_url: str | None, progress: Progress
) -> dict[str, Any] | None:
    from newsdesk.core.settings import settings_from_rows
    from newsdesk.export.site import export_site_lean
    from newsdesk.export.site_db import SqliteDb
    from newsdesk.paths import resources_dir
    from newsdesk.render.page import load_theme

    db = SqliteDb(conn)
    try:
        conn.execute("BEGIN IMMEDIATE")  # one snapshot, and the write lock, from the start
    except sqlite3.OperationalError:
        return None  # busy: the full way waits and says so
    try:
        if db.rows("SELECT 1 FROM article WHERE body_html = '' AND body <> '' LIMIT 1"):
            conn.rollback()  # a bulk import's bodies to render and store first: the full way
            return None
        settings = settings_from_rows(db.rows("SELECT key, value FROM site_setting"))
        if base_url is not None:
            settings = settings.with_changes(base_url=base_url.rstrip("/"))
        theme = load_theme(resources_dir(), settings.theme)
        result = export_site_lean(db, out, theme, settings, status, progress)
        if result is None:
            conn.rollback()
            return None
        conn.commit()
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    return {**result.to_json(), "has_base": bool(settings.base_url)}
