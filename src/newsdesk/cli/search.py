"""``newsdesk search``: full-text search, best match first.

Kept apart from the other commands and light to import: a library file already at the newest
revision is searched without opening it the full way (``services.searching.quick_search``), so
a search answers in a fraction of a second.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext
    from newsdesk.services.searching import SearchHit


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    srch = sub.add_parser("search", parents=[common], help="full-text search, best match first")
    srch.add_argument("query", nargs="+")
    srch.add_argument("--limit", type=int, default=20)
    srch.set_defaults(func=cmd_search, quick=quick_search)


def quick_search(args: argparse.Namespace) -> int | None:
    """Search a current library file without opening it the full way; None when it cannot."""
    from newsdesk.paths import resolve_paths
    from newsdesk.services import searching

    paths = resolve_paths(getattr(args, "db", None), getattr(args, "basedir", None))
    if paths.db_url is not None:
        return None
    hits = searching.quick_search(paths.db_path, " ".join(args.query), limit=args.limit)
    if hits is None:
        return None
    _show(args, hits)
    return 0


def cmd_search(args: argparse.Namespace, ctx: AppContext) -> int:
    from newsdesk.services import searching

    _show(args, searching.search_library(ctx, " ".join(args.query), limit=args.limit))
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
