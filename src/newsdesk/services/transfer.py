"""Import and export use-cases as the desktop app runs them: each opens its own transaction on
the library, reports through a ``Progress`` and returns a short summary a person can read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsdesk.errors import UserError
from newsdesk.export.bundle import export_bundle
from newsdesk.export.html import export_html
from newsdesk.export.site import export_site
from newsdesk.render.page import load_theme
from newsdesk.services.context import AppContext
from newsdesk.services.editing import storage_errors
from newsdesk.services.importing import import_paths
from newsdesk.services.progress import Progress
from newsdesk.services.settings import load_settings


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """A folder or file that cannot be written is the person's to fix, not a bug."""
    try:
        yield
    except OSError as exc:
        raise UserError(f"Cannot write {target}: {exc.strerror or exc}") from exc


def import_into_library(ctx: AppContext, paths: list[Path], progress: Progress) -> str:
    """Import every path in one transaction (all or nothing); Cancel leaves the library as it was."""
    with storage_errors(), ctx.session() as session:
        results = import_paths(session, paths, progress=progress)
        progress.check()  # a cancel after the last file still rolls everything back
    updated = sum(1 for r in results if r.updated)
    return f"Imported {len(results) - updated} new and updated {updated} existing articles."


def export_article_html(
    ctx: AppContext, article_id: int, out_dir: Path, progress: Progress
) -> Path:
    """The article's published page (index.html, CSS, images) written into ``out_dir``."""
    progress.start(1, "Exporting the page")
    with _writing(out_dir), storage_errors(), ctx.session() as session:
        theme = load_theme(ctx.resources, load_settings(session).theme)
        path = export_html(session, article_id, out_dir, theme)
    progress.finish()
    return path


def export_articles_bundle(
    ctx: AppContext, article_ids: list[int], out: Path, progress: Progress
) -> str:
    """A bundle zip of the articles; returns what was written."""
    if out.suffix.lower() != ".zip":
        out = out.with_name(out.name + ".zip")
    with _writing(out), storage_errors(), ctx.session() as session:
        theme = load_theme(ctx.resources, load_settings(session).theme)
        refs: list[str | int] = list(article_ids)
        # The save dialog has already asked before replacing an existing file.
        result = export_bundle(session, refs, out, theme, progress, force=True)
    written = f"{result.path} ({len(result.articles)} articles, {result.size:,} bytes)"
    if result.skipped:
        written += "; not in the bundle: " + "; ".join(result.skipped)
    return written


def export_whole_site(ctx: AppContext, out: Path, progress: Progress) -> str:
    """The static site of the published articles, in one process (safe beside a GUI's threads)."""
    with _writing(out), storage_errors(), ctx.session() as session:
        theme = load_theme(ctx.resources, load_settings(session).theme)
        result = export_site(session, out, theme, progress=progress, workers=1)
    return (
        f"{result.out}: {result.total} files, {len(result.written)} written, "
        f"{result.kept} unchanged."
    )
