"""``newsdesk import`` and ``export markdown|html|bundle|site``."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsdesk.cli import bundles
from newsdesk.cli.output import emit
from newsdesk.core.context import AppContext
from newsdesk.core.settings import load_settings
from newsdesk.errors import UserError
from newsdesk.export.html import export_html
from newsdesk.export.markdown import export_markdown
from newsdesk.render.page import load_theme


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    bundles.register_import(sub, common)

    exp = sub.add_parser("export", parents=[common], help="export articles")
    esub = exp.add_subparsers(dest="format", metavar="FORMAT", required=True)
    md = esub.add_parser(
        "markdown", parents=[common], help="Markdown with front matter, images beside it"
    )
    md.add_argument("id")
    md.add_argument("--out", required=True, type=Path, metavar="DIR")
    md.set_defaults(func=cmd_export_markdown)
    html = esub.add_parser("html", parents=[common], help="the published page: DIR/index.html")
    html.add_argument("id")
    html.add_argument("--out", required=True, type=Path, metavar="DIR")
    html.add_argument("--single-file", action="store_true", help="inline CSS and images")
    html.add_argument(
        "--look", metavar="NAME", help="in a learned site look ('newsdesk target look NAME')"
    )
    html.set_defaults(func=cmd_export_html)
    bundles.register_export(esub, common)


def cmd_export_markdown(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        path = export_markdown(session, args.id, args.out)
    emit(args.json, {"path": str(path)}, [str(path)])
    return 0


def cmd_export_html(args: argparse.Namespace, ctx: AppContext) -> int:
    if getattr(args, "look", None):
        from newsdesk.services.looks import export_html_in_look

        if args.single_file:
            raise UserError("--single-file and --look do not go together (a look has fonts)")
        with ctx.session() as session:
            path = export_html_in_look(session, args.id, args.out, args.look)
        emit(args.json, {"path": str(path)}, [str(path)])
        return 0
    with ctx.session() as session:
        theme = load_theme(ctx.resources, load_settings(session).theme)
        path = export_html(session, args.id, args.out, theme, single_file=args.single_file)
    emit(args.json, {"path": str(path)}, [str(path)])
    return 0
