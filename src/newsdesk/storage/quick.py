"""A plain ``sqlite3`` connection to a library file for commands that only read (``search``).

Opening a library the full way imports SQLAlchemy, SQLModel and Alembic (about half a second
before any work) so that it can migrate the file. A file already at the newest revision needs
no migrating, so a reading command may open it with the standard library alone. Anything else —
no file yet, an older or newer revision, a damaged file, a database server — returns ``None``
and the command goes the full way, which creates, migrates or refuses as usual.

With APSW installed, :func:`open_current_ranked` opens it through APSW instead, with the rank
function of :mod:`newsdesk.storage.fts_rank` (this process then has no ``sqlite3`` connection
to the file: the two copies of SQLite must not have it open at once).
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from newsdesk.paths import migrations_dir

if TYPE_CHECKING:
    import apsw

BUSY_TIMEOUT_S = 5.0
_REVISION = re.compile(r"^(down_revision|revision)\b[^=]*=\s*['\"]?([\w-]+|None)['\"]?", re.M)


@cache
def head_revision(versions: Path | None = None) -> str | None:
    """The newest revision of the migration scripts (the one no other revision follows)."""
    folder = versions or migrations_dir() / "versions"
    revisions: set[str] = set()
    parents: set[str] = set()
    for script in folder.glob("*.py"):
        found = dict((key, value) for key, value in _REVISION.findall(script.read_text("utf-8")))
        if "revision" in found:
            revisions.add(found["revision"])
            if found.get("down_revision", "None") != "None":
                parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def open_current(path: Path) -> sqlite3.Connection | None:
    """A connection to the library file at ``path`` if it is at the newest revision, else None."""

    def connect(resolved: Path) -> sqlite3.Connection:
        return sqlite3.connect(f"{resolved.as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S)

    return _at_head(path, connect, sqlite3.Error)


def ranked_available() -> bool:
    """APSW is installed: :func:`open_current_ranked` can open a library."""
    from newsdesk.storage.fts_rank import available

    return available()


def open_current_ranked(path: Path) -> apsw.Connection | None:
    """:func:`open_current` through APSW with ``newsdesk_bm25`` registered (None as there)."""
    import apsw

    from newsdesk.storage.fts_rank import open_read_only

    return _at_head(path, open_read_only, apsw.Error)


class _Connection(Protocol):
    def execute(self, sql: str, /) -> Any: ...

    def close(self) -> None: ...


_C = TypeVar("_C", bound=_Connection)


def _at_head(path: Path, connect: Callable[[Path], _C], error: type[Exception]) -> _C | None:
    """``connect(path)`` if the file opens and its schema is at the newest revision, else None
    (and the connection closed)."""
    head = head_revision()
    if head is None or not path.is_file():
        return None
    try:
        conn = connect(path.resolve())
    except error:
        return None
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except error:
        row = None
    if row is None or row[0] != head:
        conn.close()
        return None
    return conn


def open_current_writable(path: Path, checks: Path) -> sqlite3.Connection | None:
    """A read-write connection to the library file at ``path`` for a small write (a site
    re-export's bookkeeping) when the file is at the newest revision and exactly as newsdesk
    left it after finding it sound (``storage.health``: the stamp in ``checks``); else None,
    and the command goes the full way (which checks, migrates or refuses as usual). The
    caller closes it, then calls :func:`remember_sound`."""
    from newsdesk.storage.health import CheckMemory

    if not CheckMemory(checks).is_known_sound(path):
        return None
    conn = open_current(path)
    if conn is None:
        return None
    conn.close()
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.Error:
        return None
    return conn


def remember_sound(path: Path, checks: Path) -> None:
    """After newsdesk's own write to a file found sound: the next open need not check it."""
    from newsdesk.storage.health import CheckMemory

    CheckMemory(checks).remember(path, True)
