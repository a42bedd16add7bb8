"""``newsdesk search``: full-text search, best match first.

Kept apart from the other commands and light to import: a library file already at the newest
revision is searched through the standard library's ``sqlite3`` alone (see
:mod:`newsdesk.storage.quick`), so a search answers in a fraction of a second.
"""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit

if TYPE_CHECKING:
    from newsdesk.core.context import AppContext
    from newsdesk.core.search import SearchHit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    srch = sub.add_parser("search", parents=[common], help="full-text search, best match first")
    srch.add_argument("query", nargs="+")
    srch.add_argument("--limit", type=int, default=20)
    srch.set_defaults(func=cmd_search, quick=quick_search)


def quick_search(args: argparse.Namespace) -> int | None:
    """Search a current library file without opening it the full way; None when it cannot."""
    from newsdesk.core.search import search_sqlite
    from newsdesk.paths import resolve_paths
    from newsdesk.storage.quick import open_current

    paths = resolve_paths(getattr(args, "db", None), getattr(args, "basedir", None))
    if paths.db_url is not None:
        return None
    from newsdesk.storage.quick import ranked_available

    if ranked_available():  # ranked without FTS5's scan of the whole index (storage.fts_rank)
        return _quick_ranked(args, paths.db_path)
    conn = open_current(paths.db_path)
    if conn is None:
        return None
    try:
        hits = search_sqlite(conn, " ".join(args.query), limit=args.limit)
    except sqlite3.Error:  # locked, unreadable…: the full way says what is wrong
        return None
    finally:
        conn.close()
    _show(args, hits)
    return 0


def _quick_ranked(args: argparse.Namespace, path: Path) -> int | None:
    import apsw

    from newsdesk.core.search import search_ranked
    from newsdesk.storage.quick import open_current_ranked

    conn = open_current_ranked(path)
    if conn is None:
        return None
    try:
        hits = search_ranked(conn, " ".join(args.query), limit=args.limit)
    except apsw.Error:  # locked, unreadable…: the full way says what is wrong
        return None
    finally:
        conn.close()
    _show(args, hits)
    return 0


def cmd_search(args: argparse.Namespace, ctx: AppContext) -> int:
    from newsdesk.core.search import search

    with ctx.session() as session:
        hits = search(session, " ".join(args.query), limit=args.limit)
    _show(args, hits)
    return 0


def _show(args: argparse.Namespace, hits: list[SearchHit]) -> None:
    lines = []
    for h in hits:
        lines += [
            f"{h.id:>6}  {h.headline}  [{h.section or '—'} · {h.status}]",
            f"        {h.snippet_marked('«', '»')}",
        ]
    if not hits:
        lines = [f"No articles match {' '.join(args.query)!r}"]
    emit(args.json, [h.to_json() for h in hits], lines)
