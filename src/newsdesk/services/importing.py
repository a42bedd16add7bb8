"""``import PATH ...``: recognise each path and import everything in one transaction.

WordPress exports, ninjs items and Markdown files (alone or a site folder's) go through one
:class:`~newsdesk.importers.bulk.BulkImporter`, a batch of articles at a time; bundles keep
their own importer (their assets and revisions come with them).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlmodel import Session

from newsdesk.core.context import AppContext
from newsdesk.core.progress import Progress
from newsdesk.errors import ImportFailed, UserError
from newsdesk.importers.bulk import BATCH, BulkImporter, Item
from newsdesk.importers.detect import Kind, Source, detect
from newsdesk.importers.folder import site_file_fields
from newsdesk.importers.markdown import markdown_fields
from newsdesk.importers.ninjs import load_ninjs, ninjs_fields
from newsdesk.importers.upsert import ImportResult
from newsdesk.importers.wxr import iter_posts
from newsdesk.services.editing import storage_errors

# Posts in a WordPress export are ~2-4 KB each: the total that progress (and its ETA) counts
# towards before the stream has been read to its end.
_WXR_BYTES_PER_POST = 3000


def _files(session: Session, sources: list[Source]) -> Iterator[Item]:
    """Each file's fields, read as the import reaches it (a bad file stops it there)."""
    for source in sources:
        if source.kind is Kind.NINJS:
            yield ninjs_fields(load_ninjs(source.path), str(source.path)), str(source.path)
        elif source.kind is Kind.MARKDOWN:
            yield markdown_fields(session, source.path), str(source.path)
        else:
            for path in source.files:
                yield site_file_fields(session, path), str(path)


def _stream(
    importer: BulkImporter,
    items: Iterator[Item],
    progress: Progress | None,
    *,
    grows: bool = False,
) -> list[ImportResult]:
    """Add ``items`` a batch at a time; ``grows``: the total is an estimate that may rise."""
    results: list[ImportResult] = []
    batch: list[Item] = []

    def flush() -> None:
        results.extend(importer.add_batch(batch))
        if progress is None:
            batch.clear()
            return
        if grows and progress.done + len(batch) > progress.total:
            progress.total = progress.done + len(batch)
        progress.advance(len(batch))
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= BATCH:
            flush()
    if batch:
        flush()
    return results


def _groups(sources: list[Source]) -> Iterator[list[Source]]:
    """Runs of sources imported as one stream: each WXR and bundle alone, files together."""
    run: list[Source] = []
    for source in sources:
        if source.kind in (Kind.WXR, Kind.BUNDLE):
            if run:
                yield run
                run = []
            yield [source]
        else:
            run.append(source)
    if run:
        yield run


def _import_group(
    session: Session,
    group: list[Source],
    importer: BulkImporter,
    as_copy: bool,
    progress: Progress,
) -> list[ImportResult]:
    first = group[0]
    if first.kind is Kind.BUNDLE:
        # Imported here: a bundle's importer brings the export side (templates, images) with
        # it, a third of a second that importing an archive need not wait for.
        from newsdesk.importers.bundle import import_bundle

        return import_bundle(session, first.path, as_copy=as_copy, progress=progress)
    if first.kind is Kind.WXR:
        size = first.path.stat().st_size if first.path.is_file() else 0
        progress.start(max(1, size // _WXR_BYTES_PER_POST), f"Importing {first.path.name}")
        results = _stream(importer, iter_posts(first.path), progress, grows=True)
        progress.total = progress.done
        return results
    total = sum(len(s.files) if s.kind is Kind.FOLDER else 1 for s in group)
    if total == 1:  # one file: nothing to wait for
        return _stream(importer, _files(session, group), None)
    name = first.path.name if len(group) == 1 else f"{len(group)} files"
    progress.start(total, f"Importing {name}")
    return _stream(importer, _files(session, group), progress)


def import_files(
    ctx: AppContext, paths: list[Path], progress: Progress, *, as_copy: bool = False
) -> list[ImportResult]:
    """Import every path in one transaction (all or nothing); Cancel leaves the library as it
    was. The use case of ``newsdesk import`` and the app's Import (through ``transfer``)."""
    with storage_errors(), ctx.session() as session:
        results = import_paths(session, paths, as_copy=as_copy, progress=progress)
        progress.check()  # a cancel after the last file still rolls everything back
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
    importer = BulkImporter(session, as_copy=as_copy)
    results: list[ImportResult] = []
    for group in _groups(sources):
        try:
            results += _import_group(session, group, importer, as_copy, progress)
        except ImportFailed:
            raise
        except UserError as exc:
            raise ImportFailed(f"Import failed, nothing was imported: {exc}") from exc
    return results
