"""Full-text search, best match first: the use case behind ``newsdesk search`` and the
desktop app's search box.

Light to import (the standard library, :mod:`newsdesk.core.search` and
:mod:`newsdesk.storage.quick`): :func:`quick_search` answers from a library file already at the
newest revision without SQLAlchemy or a migration check, so a search from the command line
starts in a fraction of a second. Anything it cannot answer (no file yet, an older revision, a
database server, a locked file) returns ``None`` and the caller opens the library the full way
and calls :func:`search_library`, which creates, migrates or refuses as usual.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.core.search import SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit

if TYPE_CHECKING:
    from newsdesk.core.context import AppContext

__all__ = ["SNIPPET_CLOSE", "SNIPPET_OPEN", "SearchHit", "quick_search", "search_library"]


def _plain() -> tuple[Callable[[Path], Any], Callable[..., list[SearchHit]], type[Exception]]:
    from newsdesk.core.search import search_sqlite
    from newsdesk.storage.quick import open_current

    return open_current, search_sqlite, sqlite3.Error


def _ranked() -> tuple[Callable[[Path], Any], Callable[..., list[SearchHit]], type[Exception]]:
    """Ranked without FTS5's scan of the whole index (``storage.fts_rank``; needs APSW)."""
    import apsw

    from newsdesk.core.search import search_ranked
    from newsdesk.storage.quick import open_current_ranked

    return open_current_ranked, search_ranked, apsw.Error


def quick_search(path: Path, query: str, limit: int = 20) -> list[SearchHit] | None:
    """The best ``limit`` matches in the library file at ``path``, read without opening the
    library the full way; None when it cannot be read so (the full way says why)."""
    from newsdesk.storage.quick import ranked_available

    open_file, search, failure = _ranked() if ranked_available() else _plain()
    conn = open_file(path)
    if conn is None:
        return None
    try:
        return search(conn, query, limit=limit)
    except failure:  # locked, unreadable…: the full way says what is wrong
        return None
    finally:
        conn.close()


def search_library(
    ctx: AppContext, query: str, limit: int = 50, offset: int = 0
) -> list[SearchHit]:
    """The best ``limit`` matches for ``query`` in the open library, best first."""
    from newsdesk.core.search import search
    from newsdesk.services.editing import in_library

    return in_library(ctx, lambda session: search(session, query, limit=limit, offset=offset))
