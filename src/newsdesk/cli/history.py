"""``newsdesk article history|diff|restore``: an article's revisions, hooked onto the
``article`` command of cli/articles.py."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit, shorten, table
from newsdesk.services import history

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext


def register_article_actions(
    asub: argparse._SubParsersAction, common: argparse.ArgumentParser
) -> None:  # type: ignore[type-arg]
    hist = asub.add_parser("history", parents=[common], help="an article's revisions, newest first")
    hist.add_argument("id", help="id, UUID or slug")
    hist.set_defaults(func=cmd_history)

    diff = asub.add_parser(
        "diff", parents=[common], help="what changed between two revisions (words and fields)"
    )
    diff.add_argument("id", help="id, UUID or slug")
    diff.add_argument("old", type=int, metavar="REV1")
    diff.add_argument(
        "new", type=int, nargs="?", metavar="REV2", help="default: the article as it is now"
    )
    diff.set_defaults(func=cmd_diff)

    restore = asub.add_parser(
        "restore",
        parents=[common],
        help="bring back a revision's content (the current state is kept as a revision)",
    )
    restore.add_argument("id", help="id, UUID or slug")
    restore.add_argument("rev", type=int, metavar="REV")
    restore.set_defaults(func=cmd_restore)


def _local(info: history.RevisionInfo) -> str:
    return info.created_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def cmd_history(args: argparse.Namespace, ctx: AppContext) -> int:
    rows = history.article_history(ctx, args.id)
    lines = table(
        [
            [
                str(r.number),
                _local(r),
                r.desk or "—",
                r.kind,
                str(r.word_count),
                shorten(r.summary, 60),
            ]
            for r in rows
        ],
        ["REV", "TIME", "BY", "KIND", "WORDS", "WHAT CHANGED"],
    )
    emit(args.json, [r.to_json() for r in rows], lines if rows else ["No revisions yet"])
    return 0


def cmd_diff(args: argparse.Namespace, ctx: AppContext) -> int:
    d = history.compare_revisions(ctx, args.id, args.old, args.new)
    stats = d.body_stats
    lines = [f"{c.label}: {c.old or '—'}  →  {c.new or '—'}" for c in d.fields]
    lines.append(f"Body: {stats.describe()}")
    if stats.changed or any(s.op != "equal" for s in d.body):
        lines += ["", d.inline_text()]
    emit(args.json, d.to_json(), lines)
    return 0


def cmd_restore(args: argparse.Namespace, ctx: AppContext) -> int:
    rec, undo = history.restore_numbered(ctx, args.id, args.rev)
    data = {"article": rec.to_json(), "undo_revision": undo.to_json()}
    data["article"].pop("body_html", None)
    lines = [
        f"Restored revision {args.rev} of {rec.id} (now version {rec.version})",
        f"Undo with: newsdesk article restore {rec.id} {undo.number}",
    ]
    emit(args.json, data, lines)
    return 0
