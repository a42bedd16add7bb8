"""``import PATH ...``: recognise each path and import everything in one transaction."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from newsdesk.core.progress import Progress
from newsdesk.errors import ImportFailed, UserError
from newsdesk.importers.bundle import import_bundle
from newsdesk.importers.detect import Kind, Source, detect
from newsdesk.importers.folder import import_site_file
from newsdesk.importers.markdown import import_markdown_file
from newsdesk.importers.ninjs import import_ninjs_file
from newsdesk.importers.upsert import ImportResult
from newsdesk.importers.wxr import import_wxr


def _import_source(
    session: Session, source: Source, as_copy: bool, progress: Progress
) -> list[ImportResult]:
    if source.kind is Kind.BUNDLE:
        return import_bundle(session, source.path, as_copy=as_copy, progress=progress)
    if source.kind is Kind.WXR:
        return import_wxr(session, source.path, as_copy=as_copy, progress=progress)
    if source.kind is Kind.NINJS:
        return [import_ninjs_file(session, source.path, as_copy=as_copy)]
    if source.kind is Kind.MARKDOWN:
        return [import_markdown_file(session, source.path, as_copy=as_copy)]
    progress.start(len(source.files), f"Importing {source.path.name}")
    results = []
    for path in source.files:
        results.append(import_site_file(session, path, as_copy=as_copy))
        progress.advance()
    return results


def import_paths(
    session: Session,
    paths: list[Path],
    *,
    as_copy: bool = False,
    progress: Progress | None = None,
) -> list[ImportResult]:
    """Import every path into the caller's transaction: all of it, or (on any error) none."""
    progress = progress or Progress()
    sources = [detect(p) for p in paths]
    results: list[ImportResult] = []
    for source in sources:
        try:
            results += _import_source(session, source, as_copy, progress)
        except ImportFailed:
            raise
        except UserError as exc:
            raise ImportFailed(f"Import failed, nothing was imported: {exc}") from exc
    return results
