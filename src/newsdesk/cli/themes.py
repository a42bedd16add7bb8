"""``newsdesk theme list|use|new|check``: the newsroom's own page themes."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.cli.output import emit, table
from newsdesk.cli.parsing import action, group
from newsdesk.services import themes as themes_service

if TYPE_CHECKING:
    from newsdesk.services.opening import AppContext


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    tsub = group(sub, common, "theme", "page themes: list, use, new, check")
    action(tsub, common, "list", "built-in themes and your own", cmd_theme_list)
    use = action(tsub, common, "use", "render pages with this theme", cmd_theme_use)
    use.add_argument("name", help="a theme's name, or the path of a theme folder")
    new = action(tsub, common, "new", "start a theme as a copy of the built-in one", cmd_theme_new)
    new.add_argument("name")
    new.add_argument(
        "--dir",
        type=Path,
        metavar="DIR",
        help="make it in DIR (default: the data folder's themes/)",
    )
    new.add_argument("--use", action="store_true", help="and use it at once")
    check = action(
        tsub, common, "check",
        "render the sample articles through a theme and list its problems with file and line",
        cmd_theme_check, standalone=True,
    )  # fmt: skip
    check.add_argument("path", help="a theme folder (or a theme's name)")


def cmd_theme_list(args: argparse.Namespace, ctx: AppContext) -> int:
    themes = themes_service.site_themes(ctx)
    rows = [["*" if in_use else "", t.folder.name, t.name, t.version,
             "built-in" if t.builtin else str(t.folder)] for t, in_use in themes]  # fmt: skip
    emit(args.json, [{**t.to_json(), "in_use": in_use} for t, in_use in themes],
         table(rows, ["", "THEME", "NAME", "VERSION", "WHERE"]))  # fmt: skip
    return 0


def cmd_theme_use(args: argparse.Namespace, ctx: AppContext) -> int:
    info = themes_service.use_theme(ctx, args.name)
    emit(
        args.json,
        info.to_json(),
        [f"Pages are now rendered with the theme {info.name} ({info.folder})"],
    )
    return 0


def cmd_theme_new(args: argparse.Namespace, ctx: AppContext) -> int:
    info = themes_service.make_theme(ctx, args.name, args.dir, use=args.use)
    lines = [f"Made the theme {info.name} in {info.folder}",
             "Edit templates/*.html and static/style.css; the preview reloads when you save.",
             f"Check it with: newsdesk theme check {info.folder}"]  # fmt: skip
    if not args.use:
        lines.append(f"Use it with: newsdesk theme use {info.name}")
    emit(args.json, info.to_json(), lines)
    return 0


def cmd_theme_check(args: argparse.Namespace) -> int:
    """Needs no library: the sample articles are rendered in a temporary one."""
    db, basedir = getattr(args, "db", None), getattr(args, "basedir", None)
    info, problems = themes_service.check_named_theme(db, basedir, args.path)
    lines = [p.text() for p in problems] or [f"{info.folder}: no problems found"]
    emit(args.json, [p.to_json() for p in problems], lines)
    return 1 if problems else 0
