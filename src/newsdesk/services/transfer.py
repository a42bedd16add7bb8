"""Import and export use-cases, shared by the desktop app and the CLI: each opens its own
transaction on the library, finds the site's theme in one place, reports through a
``Progress`` and turns a folder that cannot be written or a failing library into a
``UserError`` the same way for both front ends."""

from __future__ import annotations

import json
import os
import re
import selectors
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlmodel import Session

from newsdesk.core.context import AppContext
from newsdesk.core.progress import Progress
from newsdesk.core.settings import load_settings
from newsdesk.core.workers import available_cpus
from newsdesk.errors import UserError
from newsdesk.render.page import Theme, load_theme
from newsdesk.services.editing import storage_errors
from newsdesk.services.importing import import_files

if TYPE_CHECKING:
    from newsdesk.export.bundle import BundleResult
    from newsdesk.export.site import SiteResult


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """A folder or file that cannot be written is the person's to fix, not a bug."""
    try:
        yield
    except OSError as exc:
        raise UserError(f"Cannot write {target}: {exc.strerror or exc}") from exc


@contextmanager
def _exporting(ctx: AppContext, target: Path) -> Iterator[Session]:
    """One transaction for an export into ``target``, its failures translated once."""
    with _writing(target), storage_errors(), ctx.session() as session:
        yield session


def site_theme(ctx: AppContext, session: Session) -> Theme:
    """The theme the site's settings name: the one theme lookup of every export."""
    return load_theme(ctx.resources, load_settings(session).theme)


def site_base_url(ctx: AppContext) -> str:
    with storage_errors(), ctx.session() as session:
        return load_settings(session).base_url


def import_into_library(
    ctx: AppContext, paths: list[Path], progress: Progress
) -> tuple[str, list[int]]:
    """Import every path (all or nothing): a summary a person can read, and the articles'
    ids."""
    results = import_files(ctx, paths, progress)
    updated = sum(1 for r in results if r.updated)
    ids = [r.record.id for r in results if r.record.id is not None]
    return imported_words(len(results) - updated, updated), ids


def imported_words(new: int, updated: int) -> str:
    """ "Imported 3 new articles and updated 1 already in the library." and its kin."""
    fresh = f"{new} new article{'' if new == 1 else 's'}"
    if new and updated:
        return f"Imported {fresh} and updated {updated} already in the library."
    if new:
        return f"Imported {fresh}."
    if updated:
        return f"Updated {updated} article{'' if updated == 1 else 's'} already in the library."
    return "Nothing was imported: what was chosen holds no articles."


def export_article_markdown(ctx: AppContext, ref: str | int, out_dir: Path) -> Path:
    """The article as Markdown with front matter, its images beside it, in ``out_dir``."""
    from newsdesk.export.markdown import export_markdown

    with _exporting(ctx, out_dir) as session:
        return export_markdown(session, ref, out_dir)


def export_article_html(
    ctx: AppContext,
    ref: str | int,
    out_dir: Path,
    progress: Progress,
    *,
    single_file: bool = False,
) -> Path:
    """The article's published page (index.html, CSS, images) in the site's theme, written
    into ``out_dir``; or one self-contained ``.html`` file."""
    from newsdesk.export.html import export_html

    progress.start(1, "Exporting the page")
    with _exporting(ctx, out_dir) as session:
        path = export_html(session, ref, out_dir, site_theme(ctx, session), single_file=single_file)
    progress.finish()
    return path


def export_article_in_look(ctx: AppContext, ref: str | int, out_dir: Path, look: str) -> Path:
    """The article's page in a learned site ``look`` (its fonts and files beside it)."""
    from newsdesk.services.looks import export_html_in_look

    with _exporting(ctx, out_dir) as session:
        return export_html_in_look(session, ref, out_dir, look)


def export_bundle_file(
    ctx: AppContext,
    refs: list[str | int],
    out: Path,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> BundleResult:
    """A bundle zip of the articles (page, Markdown, ninjs, images). ``force`` replaces a file
    at ``out`` that is not a bundle."""
    from newsdesk.export.bundle import export_bundle

    with _exporting(ctx, out) as session:
        return export_bundle(session, refs, out, site_theme(ctx, session), progress, force=force)


def export_articles_bundle(
    ctx: AppContext, article_ids: list[int], out: Path, progress: Progress
) -> str:
    """A bundle zip of the articles, named ``.zip``; returns what was written."""
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    # The save dialog has already asked before replacing an existing file.
    result = export_bundle_file(ctx, list(article_ids), out, progress, force=True)
    written = f"{result.path} ({len(result.articles)} articles, {result.size:,} bytes)"
    if result.skipped:
        written += "; not in the bundle: " + "; ".join(result.skipped)
    return written


def export_site_folder(
    ctx: AppContext,
    out: Path,
    progress: Progress | None = None,
    *,
    status: str = "published",
    base_url: str | None = None,
    workers: int | None = None,
    verify: bool = False,
) -> SiteResult:
    """The static site of the articles in ``status``. ``workers`` None: one process per
    processor (the CLI); a GUI passes 1, safe beside its threads. ``verify``: check every
    file in the folder too (see ``export_site``)."""
    from newsdesk.export.site import export_site

    with _exporting(ctx, out) as session:
        return export_site(
            session,
            out,
            site_theme(ctx, session),
            status=status,
            base_url=base_url,
            progress=progress,
            workers=workers or available_cpus(),
            verify=verify,
        )


def export_whole_site(ctx: AppContext, out: Path, progress: Progress) -> str:
    """The static site of the published articles. What the library alone tells (nothing
    changed, a few articles edited in place) is done here, in a moment; a site that must be
    planned whole is exported by ``newsdesk export site`` in a child process of its own, which
    renders on every processor. (This process is not forked for workers as the command is:
    a lock one of the app's threads holds at that instant would stay locked in the copy.)"""
    from newsdesk.core.settings import load_settings
    from newsdesk.export.site import export_site_quick

    with _exporting(ctx, out) as session:
        result = export_site_quick(session, out, site_theme(ctx, session), progress)
        has_base = bool(load_settings(session).base_url)
    if result is None and not can_run_child(ctx):
        result = export_site_folder(ctx, out, progress, workers=1)
    if result is None:
        assert ctx.library.path is not None
        data = export_site_in_child(ctx.library.path, out, progress)
        has_base = bool(data.get("has_base", has_base))
    else:
        data = result.to_json()  # the child prints the same report
    told = (
        f"{data['out']}: {data['total']} files, {data['written']} written, "
        f"{data['kept']} unchanged."
    )
    return told if has_base else f"{told} {NO_ADDRESS}"


NO_ADDRESS = (
    "Feeds and the sitemap hold relative addresses, which feed readers cannot follow:"
    " give the site's address in Preferences → Site."
)


def site_folder_suggestion(ctx: AppContext) -> str:
    """Where File → Export → Static Site suggests the site goes: the folder this library's
    site was last exported to, if it still holds it (a re-export writes only what changed),
    else a new folder in the home folder named after the library."""
    from sqlmodel import col, select

    from newsdesk.export.site_files import MANIFEST
    from newsdesk.storage.models import SiteExport

    with storage_errors(), ctx.session() as s:
        folders = s.exec(
            select(SiteExport.out_path).order_by(col(SiteExport.exported_at).desc())
        ).all()
    for folder in folders:
        if (Path(folder) / MANIFEST).is_file():
            return folder
    stem = ctx.paths.db_path.stem if ctx.library.path is not None else "newsdesk"
    return str(Path.home() / f"{stem}-site")


def can_run_child(ctx: AppContext) -> bool:
    """A child ``newsdesk`` can be started (not from a frozen bundle, whose executable is the
    app) on a library file (a database URL stays in this process), and there is more than
    one processor to use."""
    return (
        not getattr(sys, "frozen", False) and ctx.library.path is not None and available_cpus() > 1
    )


_COUNT = re.compile(r"(\d+)/(\d+)")


def export_site_in_child(db: Path, out: Path, progress: Progress) -> dict[str, Any]:
    """``newsdesk export site`` in a child process (started fresh, not forked from this one),
    its progress lines fed to ``progress``; Cancel stops it (the export puts the new site in
    place in one step, so the old one is left whole)."""
    cmd = [sys.executable, "-m", "newsdesk", "--db", str(db), "export", "site"]
    cmd += ["--out", str(out), "--json"]
    progress.start(0, "Exporting site")
    with subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL
    ) as proc:
        assert proc.stdout is not None
        lines = _follow(proc, progress)
        report = proc.stdout.read()
        code = proc.wait()
    if code != 0:
        message = next((ln for ln in reversed(lines) if ln.strip()), f"status {code}")
        raise UserError(f"Exporting the site failed: {message.removeprefix('error: ')}")
    progress.finish()
    data: dict[str, Any] = json.loads(report)
    return data


def _follow(proc: subprocess.Popen[bytes], progress: Progress) -> list[str]:
    """Read the child's progress lines until it ends; kill it when the person cancels."""
    assert proc.stderr is not None
    seen: list[str] = []
    done = 0
    pending = b""
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stderr, selectors.EVENT_READ)
        while True:
            if progress.cancelled:
                proc.kill()
                proc.wait()
                progress.check()  # raises Cancelled
            if not sel.select(timeout=0.2):
                continue
            chunk = os.read(proc.stderr.fileno(), 65536)
            if not chunk:
                break
            *complete, pending = re.split(rb"[\r\n]", pending + chunk)
            for raw in complete:
                line = raw.decode(errors="replace")
                seen.append(line)
                found = _COUNT.search(line)
                if found:
                    now, total = int(found[1]), int(found[2])
                    if total != progress.state().total:
                        progress.start(total, "Exporting site")
                        done = 0
                    if now > done:
                        progress.advance(now - done)
                        done = now
    return seen[-20:]
