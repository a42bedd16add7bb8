"""``import PATH ...``: recognise each path and import everything in one transaction.

WordPress exports, ninjs items and Markdown files (alone or a site folder's) go through one
:class:`~newsdesk.importers.bulk.BulkImporter`, a batch of articles at a time; bundles keep
their own importer (their assets and revisions come with them).

An import runs in two steps so that it keeps the library's write lock only while it writes
(issue 13: a save in the app during a long import must not wait for all of it). First every
file is read, checked and prepared (``Reading …``), with the library only read: a save by
another program goes through meanwhile. Then the prepared articles go in, in one transaction
(``Importing …``): all of them or, on any error or a kill, none.
"""

from __future__ import annotations

import pickle
import tempfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from sqlmodel import Session

from newsdesk.core.context import AppContext
from newsdesk.core.progress import Progress
from newsdesk.errors import ImportFailed, UserError
from newsdesk.importers.bulk import BATCH, BulkImporter, Item, Prepared, batched
from newsdesk.importers.detect import Kind, Source, detect
from newsdesk.importers.ninjs import load_ninjs, ninjs_fields
from newsdesk.importers.upsert import ImportResult
from newsdesk.importers.wxr import iter_posts
from newsdesk.services.editing import storage_errors

if TYPE_CHECKING:
    from newsdesk.importers.markdown import PendingImages

# Posts in a WordPress export are ~2-4 KB each: the total that progress (and its ETA) counts
# towards before the stream has been read to its end.
_WXR_BYTES_PER_POST = 3000


def _files(images: PendingImages | None, sources: list[Source]) -> Iterator[Item]:
    """Each file's fields, read as the import reaches it (a bad file stops it there)."""
    for source in sources:
        if source.kind is Kind.NINJS:
            yield ninjs_fields(load_ninjs(source.path), str(source.path)), str(source.path)
            continue
        # Imported here: Markdown files bring the YAML reader (WXR and ninjs need none).
        from newsdesk.importers.folder import site_file_fields
        from newsdesk.importers.markdown import markdown_fields

        assert images is not None  # made whenever there are Markdown files
        if source.kind is Kind.MARKDOWN:
            yield markdown_fields(images, source.path), str(source.path)
        else:
            for path in source.files:
                yield site_file_fields(images, path), str(path)


class _Spool:
    """A run's prepared articles, kept until the write: in memory up to a budget, beyond it
    in a temporary file, so memory stays flat however many posts an archive holds."""

    BUDGET = 16 * 2**20  # characters of article text kept in memory (some 6,000 posts)

    def __init__(self) -> None:
        self.count = 0
        self._memory: deque[list[Prepared]] = deque()
        self._kept = 0
        self._file: IO[bytes] | None = None

    def add(self, batch: list[Prepared]) -> None:
        self.count += len(batch)
        size = sum(len(p.record.body or "") for p in batch)
        if self._file is None and self._kept + size <= self.BUDGET:
            self._memory.append(batch)
            self._kept += size
            return
        if self._file is None:
            # Closed by ``close`` (the import's ``finally``), deleted by the system at close.
            self._file = tempfile.TemporaryFile(prefix="newsdesk-import-")  # noqa: SIM115
        pickle.dump(batch, self._file, protocol=pickle.HIGHEST_PROTOCOL)

    def batches(self) -> Iterator[list[Prepared]]:
        """Each batch once, in order (and then no longer held)."""
        while self._memory:
            yield self._memory.popleft()
        if self._file is None:
            return
        self._file.seek(0)
        while True:
            try:
                yield pickle.load(self._file)
            except EOFError:
                break
        self.close()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None


def _read(
    importer: BulkImporter,
    items: Iterator[Item],
    progress: Progress | None,
    *,
    grows: bool = False,
) -> _Spool:
    """Every item of a run prepared (``grows``: the total is an estimate that may rise)."""
    spool = _Spool()
    for batch in batched(items, BATCH):
        spool.add([importer.prepare(item) for item in batch])
        if progress is not None:
            if grows and progress.done + len(batch) > progress.total:
                progress.total = progress.done + len(batch)
            progress.advance(len(batch))
    if progress is not None and grows:
        progress.total = progress.done
    return spool


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


def _name(group: list[Source]) -> str:
    return group[0].path.name if len(group) == 1 else f"{len(group)} files"


def _read_group(
    group: list[Source],
    importer: BulkImporter,
    images: PendingImages | None,
    progress: Progress,
) -> _Spool | None:
    """A run's articles read and prepared; None for a bundle (it is read as it is written)."""
    first = group[0]
    if first.kind is Kind.BUNDLE:
        return None
    if first.kind is Kind.WXR:
        size = first.path.stat().st_size if first.path.is_file() else 0
        progress.start(max(1, size // _WXR_BYTES_PER_POST), f"Reading {first.path.name}")
        return _read(importer, iter_posts(first.path), progress, grows=True)
    total = sum(len(s.files) if s.kind is Kind.FOLDER else 1 for s in group)
    if total == 1:  # one file: nothing to wait for
        return _read(importer, _files(images, group), None)
    progress.start(total, f"Reading {_name(group)}")
    return _read(importer, _files(images, group), progress)


def _write_group(
    session: Session,
    group: list[Source],
    spool: _Spool | None,
    importer: BulkImporter,
    as_copy: bool,
    progress: Progress,
) -> list[ImportResult]:
    if spool is None:
        # Imported here: a bundle's importer brings the export side (templates, images) with
        # it, a third of a second that importing an archive need not wait for.
        from newsdesk.importers.bundle import import_bundle

        return import_bundle(session, group[0].path, as_copy=as_copy, progress=progress)
    shown = spool.count > 1
    if shown:
        progress.start(spool.count, f"Importing {_name(group)}")
    results: list[ImportResult] = []
    for batch in spool.batches():
        results += importer.add_prepared(batch)
        if shown:
            progress.advance(len(batch))
    return results


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
    images = None  # the images Markdown files name
    if any(s.kind in (Kind.MARKDOWN, Kind.FOLDER) for s in sources):
        from newsdesk.importers.markdown import PendingImages

        images = PendingImages()
    groups = list(_groups(sources))
    spools: list[_Spool | None] = []
    results: list[ImportResult] = []
    try:
        # Read and prepare everything first, holding no lock: the library is only read, so
        # others save meanwhile (issue 13), and a bad file stops the import before any write.
        for group in groups:
            spools.append(_read_group(group, importer, images, progress))
        # Then the writes, in the caller's one transaction: all of it, or nothing.
        if images is not None:
            images.store_all(session)
        for group, spool in zip(groups, spools, strict=True):
            results += _write_group(session, group, spool, importer, as_copy, progress)
    except ImportFailed:
        raise
    except UserError as exc:
        raise ImportFailed(f"Import failed, nothing was imported: {exc}") from exc
    finally:
        for spool in spools:
            if spool is not None:
                spool.close()
    return results
