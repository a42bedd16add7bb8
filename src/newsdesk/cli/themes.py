"""``newsdesk theme list|use|new|check``: the newsroom's own page themes."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsdesk.cli.output import emit, table
from newsdesk.core.context import AppContext
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.render.themes import find_theme, list_themes, new_theme, setting_value


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    th = sub.add_parser("theme", parents=[common], help="page themes: list, use, new, check")
    tsub = th.add_subparsers(dest="action", metavar="ACTION", required=True)
    ls = tsub.add_parser("list", parents=[common], help="built-in themes and your own")
    ls.set_defaults(func=cmd_theme_list)
    use = tsub.add_parser("use", parents=[common], help="render pages with this theme")
    use.add_argument("name", help="a theme's name, or the path of a theme folder")
    use.set_defaults(func=cmd_theme_use)
    new = tsub.add_parser(
        "new", parents=[common], help="start a theme as a copy of the built-in one"
    )
    new.add_argument("name")
    new.add_argument(
        "--dir",
        type=Path,
        metavar="DIR",
        help="make it in DIR (default: the data folder's themes/)",
    )
    new.add_argument("--use", action="store_true", help="and use it at once")
    new.set_defaults(func=cmd_theme_new)
    check = tsub.add_parser(
        "check", parents=[common],
        help="render the sample articles through a theme and list its problems with file and line",
    )  # fmt: skip
    check.add_argument("path", help="a theme folder (or a theme's name)")
    check.set_defaults(standalone=cmd_theme_check, func=None)


def cmd_theme_list(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        current = load_settings(session).theme
    themes = list_themes(ctx.resources, ctx.paths.data_dir)
    rows = [["*" if setting_value(t) == current else "", t.folder.name, t.name, t.version,
             "built-in" if t.builtin else str(t.folder)] for t in themes]  # fmt: skip
    emit(args.json, [{**t.to_json(), "in_use": setting_value(t) == current} for t in themes],
         table(rows, ["", "THEME", "NAME", "VERSION", "WHERE"]))  # fmt: skip
    return 0


def _use(ctx: AppContext, value: str) -> None:
    with ctx.session() as session:
        save_settings(session, load_settings(session).with_changes(theme=value))


def cmd_theme_use(args: argparse.Namespace, ctx: AppContext) -> int:
    from newsdesk.render.page import load_theme

    info = find_theme(ctx.resources, ctx.paths.data_dir, args.name)
    load_theme(ctx.resources, setting_value(info))  # refuses a folder it cannot read
    _use(ctx, setting_value(info))
    emit(
        args.json,
        info.to_json(),
        [f"Pages are now rendered with the theme {info.name} ({info.folder})"],
    )
    return 0


def cmd_theme_new(args: argparse.Namespace, ctx: AppContext) -> int:
    info = new_theme(ctx.resources, ctx.paths.data_dir, args.name, args.dir)
    if args.use:
        _use(ctx, setting_value(info))
    lines = [f"Made the theme {info.name} in {info.folder}",
             "Edit templates/*.html and static/style.css; the preview reloads when you save.",
             f"Check it with: newsdesk theme check {info.folder}"]  # fmt: skip
    if not args.use:
        lines.append(f"Use it with: newsdesk theme use {info.name}")
    emit(args.json, info.to_json(), lines)
    return 0


def cmd_theme_check(args: argparse.Namespace) -> int:
    """Needs no library: the sample articles are rendered in a temporary one."""
    from newsdesk.paths import resolve_paths, resources_dir
    from newsdesk.services.themes import check_theme

    paths = resolve_paths(getattr(args, "db", None), getattr(args, "basedir", None))
    info = find_theme(resources_dir(), paths.data_dir, args.path)
    problems = check_theme(info.folder, resources_dir())
    lines = [p.text() for p in problems] or [f"{info.folder}: no problems found"]
    emit(args.json, [p.to_json() for p in problems], lines)
    return 1 if problems else 0
