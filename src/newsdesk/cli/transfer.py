"""``newsdesk import PATH ...`` and ``newsdesk export markdown|html|bundle|site``: argument
parsing and printing; the work is ``services.transfer``'s, shared with the desktop app."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.cli.output import emit
from newsdesk.domain.status import STATUSES
from newsdesk.errors import UserError

if TYPE_CHECKING:  # imported by the commands that use them ('export site' may need none)
    from newsdesk.services.opening import AppContext
    from newsdesk.services.transfer import Progress


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:  # type: ignore[type-arg]
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
    site.add_argument(
        "--verify",
        action="store_true",
        help="also check every file in the folder (a page changed there by hand is written "
        "again); without it the library's record of the folder is trusted",
    )
    site.set_defaults(func=cmd_export_site, quick=quick_export_site)


def _jobs(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"--jobs takes a whole number of 1 or more, not {text!r}")
    return value


def _progress() -> Progress:
    from newsdesk.services.terminal import terminal_progress

    return terminal_progress(sys.stderr, tty=sys.stdout.isatty() and sys.stderr.isatty())


def cmd_import(args: argparse.Namespace, ctx: AppContext) -> int:
    import gc

    from newsdesk.services.importing import import_files

    # What start-up made (SQLAlchemy, the models, the open library) lives as long as the
    # import: the collector need not look at it meanwhile. It walked all of it at every full
    # collection, a sixth of a 2,000-post import's CPU time. The posts are still collected.
    gc.freeze()
    try:
        paths = [Path(p) for p in args.paths]
        results = import_files(ctx, paths, _progress(), as_copy=args.as_copies)
    finally:
        gc.unfreeze()  # a caller in the same process (a test) collects as before
    out = [
        {"id": r.record.id, "uuid": r.record.uuid, "source": r.source, "updated": r.updated}
        for r in results
    ]
    lines = [f"{'updated' if r['updated'] else 'added'} {r['id']}  {r['source']}" for r in out]
    emit(args.json, out, lines)
    return 0


def cmd_export_markdown(args: argparse.Namespace, ctx: AppContext) -> int:
    from newsdesk.services import transfer

    path = transfer.export_article_markdown(ctx, args.id, args.out)
    emit(args.json, {"path": str(path)}, [str(path)])
    return 0


def cmd_export_html(args: argparse.Namespace, ctx: AppContext) -> int:
    from newsdesk.services import transfer

    if args.look and args.single_file:
        raise UserError("--single-file and --look do not go together (a look has fonts)")
    if args.look:
        path = transfer.export_article_in_look(ctx, args.id, args.out, args.look)
    else:
        path = transfer.export_article_html(
            ctx, args.id, args.out, _progress(), single_file=args.single_file
        )
    emit(args.json, {"path": str(path)}, [str(path)])
    return 0


def cmd_export_bundle(args: argparse.Namespace, ctx: AppContext) -> int:
    from newsdesk.services import transfer

    result = transfer.export_bundle_file(
        ctx, list(args.ids), args.out, _progress(), force=args.force
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


def quick_export_site(args: argparse.Namespace) -> int | None:
    """A re-export with nothing to do, or after a few edits in place, told from a current
    library file without the ORM (``services.site_lean``); None: the full way."""
    if args.verify:
        return None
    from newsdesk.services.site_lean import SiteAsk, quick_site, unchanged_site

    started = time.perf_counter()
    db, basedir = getattr(args, "db", None), getattr(args, "basedir", None)
    ask = SiteAsk(db, basedir, args.out, args.status, args.base_url)
    report = unchanged_site(ask)
    if report is None:
        report = quick_site(ask, _progress())
    if report is None:  # the whole site to plan: still without the ORM where it can
        from newsdesk.services.site_full import full_site

        report = full_site(ask, _progress(), args.jobs)
        args.leave_at_once = report is not None  # a large heap: no need to take it down
    if report is None:
        return None
    has_base = report.pop("has_base")
    report["seconds"] = time.perf_counter() - started
    _show_site(args, report, has_base)
    return 0


def _show_site(args: argparse.Namespace, data: dict[str, Any], has_base: bool) -> None:
    lines = [
        f"{data['out']}: {data['total']} files, {data['written']} written, "
        f"{data['kept']} unchanged, {data['removed']} removed ({data['seconds']:.2f} s)"
    ]
    if not has_base:
        lines.append(
            "note: the feeds and sitemap hold relative addresses: give the site's address"
            " with --base-url URL, or once with: newsdesk settings set base_url URL"
        )
    emit(args.json, data, lines)


def cmd_export_site(args: argparse.Namespace, ctx: AppContext) -> int:
    from newsdesk.services import transfer

    result = transfer.export_site_folder(
        ctx,
        args.out,
        _progress(),
        status=args.status,
        base_url=args.base_url,
        workers=args.jobs,
        verify=args.verify,
    )
    _show_site(args, result.to_json(), bool(args.base_url or transfer.site_base_url(ctx)))
    return 0
