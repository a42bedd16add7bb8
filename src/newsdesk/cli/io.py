"""``newsdesk import``, ``export markdown|html`` and ``search``."""

from __future__ import annotations

import argparse
from pathlib import Path

from newsdesk.cli.output import emit
from newsdesk.errors import UserError
from newsdesk.export.html import export_html
from newsdesk.export.markdown import export_markdown
from newsdesk.importers.markdown import import_markdown_files
from newsdesk.render.page import load_theme
from newsdesk.services.context import AppContext
from newsdesk.services.search import search
from newsdesk.services.settings import load_settings


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser("import", parents=[common], help="import Markdown files with front matter")
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument(
        "--as-copies", action="store_true", help="add as new articles even if their UUID exists"
    )
    imp.set_defaults(func=cmd_import)

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
    html.set_defaults(func=cmd_export_html)

    srch = sub.add_parser("search", parents=[common], help="full-text search, best match first")
    srch.add_argument("query", nargs="+")
    srch.add_argument("--limit", type=int, default=20)
    srch.set_defaults(func=cmd_search)


def _markdown_paths(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in {".md", ".markdown"})
            )
        elif path.exists():
            files.append(path)
        else:
            raise UserError(f"{path} does not exist")
    if not files:
        raise UserError("No Markdown files to import")
    return files


def cmd_import(args: argparse.Namespace, ctx: AppContext) -> int:
    files = _markdown_paths(args.paths)
    with ctx.session() as session:
        results = import_markdown_files(session, files, as_copy=args.as_copies)
        out = [
            {"id": r.record.id, "uuid": r.record.uuid, "source": r.source, "updated": r.updated}
            for r in results
        ]
    lines = [f"{'updated' if r['updated'] else 'added'} {r['id']}  {r['source']}" for r in out]
    emit(args.json, out, lines)
    return 0


def cmd_export_markdown(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        path = export_markdown(session, args.id, args.out)
    emit(args.json, {"path": str(path)}, [str(path)])
    return 0


def cmd_export_html(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        theme = load_theme(ctx.resources, load_settings(session).theme)
        path = export_html(session, args.id, args.out, theme, single_file=args.single_file)
    emit(args.json, {"path": str(path)}, [str(path)])
    return 0


def cmd_search(args: argparse.Namespace, ctx: AppContext) -> int:
    query = " ".join(args.query)
    with ctx.session() as session:
        hits = search(session, query, limit=args.limit)
    lines = []
    for h in hits:
        lines += [
            f"{h.id:>6}  {h.headline}  [{h.section or '—'} · {h.status}]",
            f"        {h.snippet_marked('«', '»')}",
        ]
    if not hits:
        lines = [f"No articles match {query!r}"]
    emit(args.json, [h.to_json() for h in hits], lines)
    return 0
