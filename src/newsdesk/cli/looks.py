"""``newsdesk target look NAME`` (learn a site's look, correct its parts) and
``newsdesk look list|remove``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit, table
from newsdesk.cli.parsing import action, group
from newsdesk.errors import UserError
from newsdesk.services import looks

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext


def register_target(tsub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    """``target look``: added to ``target``'s sub-commands by cli/publish.py."""
    look = tsub.add_parser(
        "look", parents=[common],
        help="learn the target site's article page, for the preview and export (offline after)",
        description="Learn a site's look from one published post (the newest, or --from URL). "
        "With --part or --candidates, work on the learned look instead (nothing is fetched).",
    )  # fmt: skip
    look.add_argument("name", help="the target's name")
    look.add_argument("--from", dest="from_url", metavar="URL", help="a published post's address")
    look.add_argument(
        "--part", action="append", default=[], metavar="PART=SELECTOR",
        help=f"use SELECTOR for PART ({', '.join(looks.PARTS)}); kept when the look is learned again",
    )  # fmt: skip
    look.add_argument("--candidates", metavar="PART", choices=looks.PARTS,
                      help="list elements that could be PART, with what each shows")  # fmt: skip
    look.add_argument("--show", action="store_true", help="show the learned look's parts")
    look.set_defaults(func=cmd_target_look)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    lsub = group(sub, common, "look", "learned site looks")
    action(lsub, common, "list", "list learned looks", cmd_look_list)
    action(lsub, common, "remove", "forget a learned look", cmd_look_remove, "name")


def _part_lines(info: looks.LookInfo) -> list[str]:
    rows = [[looks.PART_LABELS[p], info.parts.get(p, "(not found)"),
             "corrected" if p in info.corrected else ""] for p in looks.PARTS]  # fmt: skip
    return table(rows, ["PART", "SELECTOR", ""])


def cmd_target_look(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.part or args.candidates or args.show:
        if args.from_url:
            raise UserError("--from learns the look again; use it without --part/--candidates")
        return _work_on_look(args, ctx)
    info = looks.learn_look(ctx.session, args.name, args.from_url)
    lines = [
        f"Learned the look of {info.name} ({info.platform}) from {info.source_url}",
        f"{info.files} files kept in the library; taken {info.taken_at:%Y-%m-%d %H:%M} UTC",
        *_part_lines(info),
        f"Correct a part with: newsdesk target look {info.name} --candidates content",
    ]
    emit(args.json, info.to_json(), lines)
    return 0


def _work_on_look(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        for item in args.part:
            part, sep, selector = item.partition("=")
            if not sep or not selector.strip():
                raise UserError(f"--part needs PART=SELECTOR, not {item!r}")
            looks.set_part(session, args.name, part.strip(), selector)
        info = looks.get_look(session, args.name)
        found = (
            looks.part_candidates(session, args.name, args.candidates) if args.candidates else []
        )
    if args.candidates:
        rows = [["*" if c.chosen else "", c.selector, c.preview] for c in found]
        emit(args.json, [c.__dict__ for c in found], table(rows, ["", "SELECTOR", "SHOWS"]))
    else:
        emit(args.json, info.to_json(), _part_lines(info))
    return 0


def cmd_look_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        items = looks.list_looks(session)
    rows = [[i.name, i.platform, f"{i.taken_at:%Y-%m-%d %H:%M}", str(i.versions), i.source_url]
            for i in items]  # fmt: skip
    lines = table(rows, ["NAME", "PLATFORM", "TAKEN (UTC)", "VERSIONS", "FROM"])
    emit(args.json, [i.to_json() for i in items], lines if items else ["No learned looks yet"])
    return 0


def cmd_look_remove(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        n = looks.remove_look(session, args.name)
    emit(args.json, {"name": args.name, "removed": n}, [f"Forgot {n} snapshot(s) of {args.name}"])
    return 0
