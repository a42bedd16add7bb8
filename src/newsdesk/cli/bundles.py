"""``newsdesk export bundle|site`` and ``newsdesk import PATH ...`` (bundles, WXR, ninjs, Markdown)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsdesk.cli.output import emit
from newsdesk.export.bundle import export_bundle
from newsdesk.export.site import available_cpus, export_site
from newsdesk.render.page import load_theme
from newsdesk.services.articles import STATUSES
from newsdesk.services.context import AppContext
from newsdesk.services.importing import import_paths
from newsdesk.services.progress import Progress, TerminalProgress
from newsdesk.services.settings import load_settings


def register_import(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    imp = sub.add_parser(
        "import",
        parents=[common],
        help="import bundles, WordPress exports, ninjs, Markdown files or folders",
        description="Each PATH may be a bundle .zip, a WordPress export (WXR) .xml, a ninjs "
        ".json, a Markdown file, or a folder of Markdown (Hugo, Jekyll). Everything is "
        "imported in one go: on any error nothing is.",
    )
    imp.add_argument("paths", nargs="+", metavar="PATH")
    imp.add_argument(
        "--as-copies", action="store_true", help="add as new articles even if their UUID exists"
    )
    imp.set_defaults(func=cmd_import)


def register_export(esub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
    bundle = esub.add_parser(
        "bundle", parents=[common], help="a zip of articles: page, Markdown, ninjs, images"
    )
    bundle.add_argument("ids", nargs="+", metavar="ID")
    bundle.add_argument("--out", required=True, type=Path, metavar="FILE.zip")
    bundle.add_argument(
        "--force", action="store_true", help="replace --out even if it is not a bundle"
    )
    bundle.set_defaults(func=cmd_export_bundle)
    site = esub.add_parser("site", parents=[common], help="the whole static site into DIR")
    site.add_argument("--out", required=True, type=Path, metavar="DIR")
    site.add_argument("--status", choices=STATUSES, default="published")
    site.add_argument("--base-url", metavar="URL", help="where the site will be served")
    site.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=None,
        metavar="N",
        help="render in N processes (default: one per processor this machine gives newsdesk)",
    )
    site.set_defaults(func=cmd_export_site)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs takes a whole number of 1 or more, not {text!r}")
    return value


def _progress() -> Progress:
    return Progress(TerminalProgress(sys.stderr, tty=sys.stdout.isatty() and sys.stderr.isatty()))


def cmd_import(args: argparse.Namespace, ctx: AppContext) -> int:
    paths = [Path(p) for p in args.paths]
    with ctx.session() as session:
        results = import_paths(session, paths, as_copy=args.as_copies, progress=_progress())
        out = [
            {"id": r.record.id, "uuid": r.record.uuid, "source": r.source, "updated": r.updated}
            for r in results
        ]
    lines = [f"{'updated' if r['updated'] else 'added'} {r['id']}  {r['source']}" for r in out]
    emit(args.json, out, lines)
    return 0


def cmd_export_bundle(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        theme = load_theme(ctx.resources, load_settings(session).theme)
        result = export_bundle(
            session, list(args.ids), args.out, theme, _progress(), force=args.force
        )
    data = {
        "path": str(result.path),
        "articles": result.articles,
        "files": result.files,
        "bytes": result.size,
    }
    if result.skipped:
        data["skipped"] = result.skipped
    emit(
        args.json, data, [f"{result.path}  ({len(result.articles)} articles, {result.size} bytes)"]
    )
    for reason in result.skipped:
        print(f"newsdesk: error: not in the bundle: {reason}", file=sys.stderr)
    return 1 if result.skipped else 0


def load_settings_base(ctx: AppContext) -> str:
    with ctx.session() as session:
        return load_settings(session).base_url


def cmd_export_site(args: argparse.Namespace, ctx: AppContext) -> int:
    with ctx.session() as session:
        theme = load_theme(ctx.resources, load_settings(session).theme)
        result = export_site(
            session,
            args.out,
            theme,
            status=args.status,
            base_url=args.base_url,
            progress=_progress(),
            workers=args.jobs or available_cpus(),
        )
    lines = [
        f"{result.out}: {result.total} files, {len(result.written)} written, "
        f"{result.kept} unchanged, {result.removed} removed ({result.seconds:.2f} s)"
    ]
    if not (args.base_url or load_settings_base(ctx)):
        lines.append("note: without --base-url the feeds and sitemap hold relative addresses")
    emit(args.json, result.to_json(), lines)
    return 0
