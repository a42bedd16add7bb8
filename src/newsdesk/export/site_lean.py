"""``newsdesk export site`` with nothing to do, answered with the standard library alone.

Opening a library the full way imports SQLAlchemy, SQLModel, Alembic, Jinja2 and Markdown
(most of a second before any work). A re-export into a folder the library knows, with nothing
changed since, needs none of them: the library's change number is the one recorded, no embargo
has ended since, the folder's manifest is the one written, no patch is pending beside it, the
command is the same (newsdesk version, status, base URL) and the theme's files are as they
were. Anything else returns None and the command goes the full way.
"""

from __future__ import annotations

import importlib
import json
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from newsdesk import __version__

MANIFEST = ".newsdesk-site.json"


def _sha256(data: bytes = b"") -> Any:
    """A SHA-256 digest object from CPython's own implementation when it has one: importing
    ``hashlib`` loads and initialises OpenSSL (~3.5 ms of CPU of a re-export with nothing to
    do, which digests a few hundred bytes); the digest is the same."""
    for name in ("_sha256", "_sha2"):  # CPython 3.11; 3.12 and later
        try:
            return importlib.import_module(name).sha256(data)
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256(data)


def theme_stamp(folder: Path) -> str:
    """The theme's files as they are on disk (names, sizes, modification times)."""
    digest = _sha256()
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            st = os.stat(path)
            digest.update(
                f"{os.path.relpath(path, folder)}\0{st.st_size}\0{st.st_mtime_ns}\0".encode()
            )
    return digest.hexdigest()


def lean_state(status: str, base_url: str | None, theme: Path, has_base: bool) -> dict[str, Any]:
    """What the lean check compares, recorded with each export."""
    return {
        "version": __version__,
        "status": status,
        "base_url": base_url,
        "theme": str(theme),
        "theme_stamp": theme_stamp(theme),
        "has_base": has_base,
    }


def _db_time(moment: datetime) -> str:
    """A moment as the library's UTC columns hold it in SQLite (naive, microseconds)."""
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def unchanged(
    conn: sqlite3.Connection, out: Path, status: str, base_url: str | None
) -> dict[str, Any] | None:
    """The export's report when the site in ``out`` is what exporting now would write and
    nothing needs doing; None when that cannot be told this way."""
    target = out.resolve()
    try:
        row = conn.execute(
            "SELECT e.change_seq, e.manifest_sha256, e.files, e.state, c.seq FROM site_export e,"
            " library_change c WHERE e.out_path = ? AND c.id = 1",
            (str(target),),
        ).fetchone()
    except sqlite3.Error:
        return None
    if row is None or row[3] is None or row[0] != row[4]:
        return None
    try:
        state = json.loads(row[3])
        lean = state["lean"]
        since = datetime.fromisoformat(state["moment"])
    except (ValueError, KeyError, TypeError):
        return None
    if lean.get("version") != __version__ or lean.get("status") != status:
        return None
    if lean.get("base_url") != base_url:
        return None
    try:
        manifest = (target / MANIFEST).read_bytes()
        if _sha256(manifest).hexdigest() != row[1]:
            return None
        if any(target.parent.glob(f".{target.name}.*.staging")):
            return None  # a patch to finish first
        if theme_stamp(Path(lean["theme"])) != lean.get("theme_stamp"):
            return None
    except OSError:
        return None
    now = datetime.now(UTC)
    try:
        ended = conn.execute(
            "SELECT 1 FROM article WHERE embargo_at > ? AND embargo_at <= ? LIMIT 1",
            (_db_time(since), _db_time(now)),
        ).fetchone()
    except sqlite3.Error:
        return None
    if ended is not None:
        return None
    files = int(row[2])
    return {
        "out": str(target),
        "total": files,
        "written": 0,
        "kept": files,
        "removed": 0,
        "has_base": bool(lean.get("has_base")),
    }
