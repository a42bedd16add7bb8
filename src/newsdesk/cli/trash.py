"""``newsdesk trash list|restore|empty``: deleted articles wait in the Trash until it is
emptied (services.trash)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit, shorten, table
from newsdesk.cli.parsing import group
from newsdesk.errors import UserError
from newsdesk.services.trash import empty_trash, list_trash, restore

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    tsub = group(sub, common, "trash", "list, restore or empty the deleted articles")
    ls = tsub.add_parser("list", parents=[common], help="articles in the Trash, newest first")
    ls.set_defaults(func=cmd_list)
    rs = tsub.add_parser(
        "restore", parents=[common], help="bring articles back with their tags, images, history"
    )
    rs.add_argument("ids", nargs="+", metavar="ID", help="id (as listed), UUID or slug")
    rs.set_defaults(func=cmd_restore)
    em = tsub.add_parser("empty", parents=[common], help="delete the Trash's articles for good")
    em.add_argument("--yes", action="store_true", help="do not ask (needed without a terminal)")
    em.set_defaults(func=cmd_empty)


def cmd_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        entries = list_trash(session)
    rows = [
        [str(e.article_id), shorten(e.title, 60), e.status, e.trashed_at.astimezone().strftime("%Y-%m-%d %H:%M"), str(e.word_count)]
        for e in entries
    ]  # fmt: skip
    lines = table(rows, ["ID", "HEADLINE", "STATUS", "DELETED", "WORDS"]) if rows else []
    emit(args.json, [e.to_json() for e in entries], lines or ["The Trash is empty."])
    return 0


def cmd_restore(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        restored = restore(session, args.ids)
    lines = [f"Restored {r.id}: {r.headline or 'Untitled'} (slug {r.slug})" for r in restored]
    emit(args.json, [r.to_json() for r in restored], lines)
    return 0


def _confirm(count: int) -> bool:
    if not sys.stdin.isatty():
        raise UserError("Emptying the Trash cannot be undone: give --yes to do it without a prompt")
    answer = input(f"Delete the {count} article(s) in the Trash for good? [y/N] ")
    return answer.strip().lower() in ("y", "yes")


def cmd_empty(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        count = len(list_trash(session))
    if count and not args.yes and not _confirm(count):
        emit(args.json, {"deleted": 0}, ["Nothing was deleted."])
        return 1
    with ctx.session() as session:
        deleted = empty_trash(session)
    emit(
        args.json,
        {"deleted": deleted},
        [f"Deleted {deleted} article(s) for good." if deleted else "The Trash is empty."],
    )
    return 0
