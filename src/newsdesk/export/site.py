"""The static site: home, article, section and tag pages, feeds, sitemap, robots.txt and 404.

Incremental: ``.newsdesk-site.json`` in the output keeps each file's input fingerprint; a file
whose inputs did not change is hard-linked from the previous site instead of rendered again.
Atomic: the new site is built in a folder beside the target and swapped in with one rename
(an exchange where the kernel offers it), or, when only a few files change, patched in through
a committed staging folder (``site_files``); an interrupted export leaves the old site whole.
"""

from __future__ import annotations

import gc
import json
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.core.atomic import atomic_write_bytes, flushes_one_filesystem, sync_filesystem
from newsdesk.core.progress import Progress
from newsdesk.core.safe_paths import Stamp, inside, removable, stamp_of
from newsdesk.core.settings import SiteSettings, load_settings
from newsdesk.domain.status import STATUSES
from newsdesk.errors import UserError
from newsdesk.export import site_index, site_quick, site_state
from newsdesk.export.site_builder import SiteBuilder, _theme_hash
from newsdesk.export.site_data import load_site_data
from newsdesk.export.site_db import Db, SessionDb
from newsdesk.export.site_files import (
    COMMIT,
    MANIFEST,
    OldSite,
    Plan,
    _apply_patch,
    _fsync_files,
    _read_manifest,
    _same_manifest,
    _scratch,
    _write_all,
    manifest_bytes,
    recover,
    staged_name,
    swap_in,
)
from newsdesk.export.site_lean import lean_state
from newsdesk.render.page import Theme

if TYPE_CHECKING:  # the ORM is imported where used: ``export_site_lean`` runs without it
    from sqlmodel import Session

__all__ = ["MANIFEST", "SiteResult", "export_site", "export_site_quick"]

MIN_PARALLEL = 400  # files to render before extra processes pay off
PATCH_LIMIT = 0.05  # patch in place when at most this share of the files change


@dataclass(frozen=True)
class SiteResult:
    out: Path
    total: int  # files in the site
    written: list[str]  # files rendered in this run
    kept: int  # files carried over unchanged
    removed: int  # files of the previous site that are gone
    seconds: float

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["out"] = str(self.out)
        data["written"] = len(self.written)
        return data


def export_site(
    session: Session,
    out: Path,
    theme: Theme,
    *,
    status: str = "published",
    base_url: str | None = None,
    progress: Progress | None = None,
    workers: int = 1,
    verify: bool = False,
) -> SiteResult:
    """Write the static site to ``out`` (replacing it whole); only changed files are rendered.

    The library knows what the last export into ``out`` wrote: with nothing changed since,
    nothing is done; after a few edits only the files showing the edited articles are made
    again (``site_quick``). ``verify`` checks every file in the folder as well (a page
    changed there by hand is put back), which the quick ways do not.

    ``workers`` > 1 renders large exports in that many processes (fork; not for callers
    with threads that hold locks, such as a GUI: they keep the default).
    """
    with _cycle_collection_paused():
        result = _export_site(session, out, theme, status, base_url, progress, workers, verify)
    assert result is not None
    return result


def export_site_quick(
    session: Session, out: Path, theme: Theme, progress: Progress | None = None
) -> SiteResult | None:
    """``export_site`` of the published articles when the library alone tells what to do
    (nothing changed, or a few articles changed in place); None when the whole site must be
    planned (nothing was written then)."""
    with _cycle_collection_paused():
        return _export_site(session, out, theme, "published", None, progress, 1, False, False)


def _verified_removals(target: Path, removed: list[str], old: OldSite) -> dict[str, Stamp] | None:
    """The files a patch may delete (with their stamps), or None when one of them cannot be
    verified as the previous export's own: then the site is rebuilt whole instead (the old
    folder is swapped out as one piece; no listed path is ever deleted on the manifest's word)."""
    gone: dict[str, Stamp] = {}
    for rel in removed:
        if removable(target, rel, old.stamps.get(rel)) is not None:
            gone[rel] = old.stamps[rel]
        elif os.path.lexists(target / rel):
            return None
    return gone


def _lands_inside(target: Path, rel: str) -> bool:
    try:
        inside(target, rel)
    except UserError:
        return False
    return True


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector would walk the loaded library (hundreds of thousands of
    objects) over and over while pages are rendered, for next to no garbage (~15% of a full
    export); what little there is gets collected once it is back on.

    What was made meanwhile is handed to the oldest generation as it is (``freeze`` then
    ``unfreeze``): left in the youngest, the first collection after the export walked all of
    it at once (0.2 s at 20,000 articles, in a command that was about to exit). A later full
    collection still finds whatever of it is garbage."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


@dataclass
class _Found:
    """What an export finds before planning: the folder's manifest, the library's record."""

    target: Path
    old: OldSite
    seq: int | None
    key: str
    known: site_state.Known | None


def _look(db: Db, out: Path, theme: Theme, settings: SiteSettings, status: str) -> _Found:
    target = out.resolve()
    if target.exists() and not target.is_dir():
        raise UserError(f"{target} is a file; give a folder for the site (--out)")
    trusted = recover(target) if target.parent.is_dir() else True
    old = _read_manifest(target)
    if not trusted:
        old = OldSite()  # a staging folder was not ours: rebuild the site whole
    seq, key = site_state.change_seq(db), site_state.state_key(settings, _theme_hash(theme), status)
    known = site_state.known(db, target, key, old.digest)  # what the library vouches for
    return _Found(target, old, seq, key, known)


def _quick(
    db: Db,
    found: _Found,
    theme: Theme,
    settings: SiteSettings,
    status: str,
    now: datetime,
    progress: Progress,
    started: float,
) -> SiteResult | None:
    """What the library alone tells: nothing to do, or the few files showing what changed
    (``site_quick``); None when the whole site must be planned."""
    known, target = found.known, found.target
    if known is None:
        return None
    if site_state.unchanged(db, known, found.seq, now):  # known from the library alone
        progress.start(0, "Exporting site")
        progress.finish()
        total = known.row.files
        return SiteResult(target, total, [], total, 0, time.perf_counter() - started)
    quick = site_quick.re_export(
        db, target, theme, settings, status, known, found.seq, now, progress, _write_patch
    )
    if quick is None:
        return None
    written, total = quick
    seconds = time.perf_counter() - started
    return SiteResult(target, total, written, total - len(written), 0, seconds)


def export_site_lean(
    db: Db, out: Path, theme: Theme, settings: SiteSettings, status: str, progress: Progress
) -> SiteResult | None:
    """The quick ways of ``export_site`` on a plain connection to a library at the newest
    revision (``services.site_lean``: no ORM imported); None when the site must be planned
    whole (nothing was written then). The caller commits."""
    started = time.perf_counter()
    now = datetime.now(UTC).replace(microsecond=0)
    if status not in STATUSES:
        return None
    with _cycle_collection_paused():
        return _quick(db, _look(db, out, theme, settings, status), theme, settings, status, now,
                      progress, started)  # fmt: skip


def _export_site(
    session: Session,
    out: Path,
    theme: Theme,
    status: str,
    base_url: str | None,
    progress: Progress | None,
    workers: int,
    verify: bool,
    whole: bool = True,
) -> SiteResult | None:
    from newsdesk.core.articles import check_status
    from newsdesk.core.bodies import render_pending
    from newsdesk.storage.types import utcnow

    started = time.perf_counter()
    progress = progress or Progress()
    if out.resolve().exists() and not out.resolve().is_dir():
        raise UserError(f"{out.resolve()} is a file; give a folder for the site (--out)")
    status = check_status(status)
    render_pending(session, workers=workers, progress=progress)  # a bulk import's bodies, once
    settings = load_settings(session)
    if base_url is not None:
        settings = settings.with_changes(base_url=base_url.rstrip("/"))
    db = SessionDb(session)
    now = utcnow()
    found = _look(db, out, theme, settings, status)
    if not verify:
        result = _quick(db, found, theme, settings, status, now, progress, started)
        if result is not None:
            return result
    if not whole:
        return None
    data = load_site_data(session, status, now)
    builder = SiteBuilder(session, theme, settings, data, status)
    return _export_whole(db, found, builder, now, base_url, progress, workers, started)


def export_site_whole_lean(
    db: Db,
    library_file: Path,
    out: Path,
    theme: Theme,
    settings: SiteSettings,
    *,
    status: str,
    base_url: str | None,
    progress: Progress,
    workers: int,
) -> SiteResult:
    """``export_site`` planned whole (what the quick ways could not do) on a plain ``sqlite3``
    connection to the library file (``services.site_full``: no ORM imported); ``settings``
    carry ``base_url`` already. The caller commits what the export recorded."""
    started = time.perf_counter()
    now = datetime.now(UTC).replace(microsecond=0)
    with _cycle_collection_paused():
        found = _look(db, out, theme, settings, status)
        data = load_site_data(db, status, now)
        builder = SiteBuilder(db, theme, settings, data, status, library_file=library_file)
        return _export_whole(db, found, builder, now, base_url, progress, workers, started)


def _export_whole(
    db: Db,
    found: _Found,
    builder: SiteBuilder,
    now: datetime,
    base_url: str | None,
    progress: Progress,
    workers: int,
    started: float,
) -> SiteResult:
    """Every file of the site planned, and what changed written: rebuilt beside the old site
    and swapped in, or patched in when little changed. The library records it (uncommitted)."""
    target, old, seq, key, known = found.target, found.old, found.seq, found.key, found.known
    if old.digest is not None:
        if known is not None and known.digest == old.digest:
            files, stamps = site_index.load_stamps(db, known.site)
            old = OldSite(files, stamps, old.digest)
        else:
            old = OldSite(digest=old.digest)  # ours, but not as the library knows it: rebuild
    builder.build_plan()
    plan = builder.plan
    digest = site_index.token(site_index.plan_digest((p, fp) for p, (fp, _) in plan.items()))
    manifest = manifest_bytes(digest)
    root = str(target) + os.sep
    todo = [
        p
        for p, (fp, _) in sorted(plan.items())
        if old.files.get(p) != fp or stamp_of(root + p) != old.stamps.get(p)
    ]  # a file someone changed, or replaced by a link, is rendered again
    removed = sorted(set(old.files) - set(plan))
    kept = {p: old.stamps[p] for p in plan if p in old.stamps} if old.files else {}
    if not todo and not removed and _same_manifest(target, manifest):
        progress.start(0, "Exporting site")
        progress.finish()  # nothing changed: nothing is written
        _record(db, target, builder, seq, key, now, digest, base_url)(kept)
        return SiteResult(target, len(plan), [], len(plan), 0, time.perf_counter() - started)
    progress.start(len(todo), "Exporting site")
    gone = _verified_removals(target, removed, old)
    patch = (
        gone is not None
        and bool(old.files)
        and old.digest is not None  # a format-2 folder is rebuilt once (its stamps file goes)
        and len(todo) + len(removed) <= PATCH_LIMIT * len(plan)
        and all(_lands_inside(target, p) for p in todo)
    )

    record = partial(_record, db, target, builder, seq, key, now, digest, base_url)
    try:
        if patch:
            assert gone is not None
            written = _write_patch(target, todo, plan, progress, manifest, gone, builder.preload)
            record()({**kept, **written})
        else:
            _rebuild(target, todo, plan, progress, manifest, old, workers, builder, record, kept)
    except OSError as exc:
        raise UserError(f"Export to {target} failed and was undone: {exc.strerror or exc}") from exc
    progress.finish()
    seconds = time.perf_counter() - started
    return SiteResult(target, len(plan), todo, len(plan) - len(todo), len(removed), seconds)


def _rebuild(
    target: Path,
    todo: list[str],
    plan: Plan,
    progress: Progress,
    manifest: bytes,
    old: OldSite,
    workers: int,
    builder: SiteBuilder,
    record: Callable[[], Callable[[dict[str, Stamp]], None]],
    kept: dict[str, Stamp],
) -> None:
    """The new site built beside the old one (unchanged files linked) and swapped in. The
    library records it (uncommitted) in two steps: ``record()`` makes the rows ready while
    the workers render, what it returns writes them with the stamps of the files (``kept``
    and those written) while the new tree is flushed."""
    scratch = _scratch(target, ".partial")
    finish: list[Callable[[dict[str, Stamp]], None]] = []
    ahead = _FlushAhead(scratch)

    def meanwhile() -> None:
        ahead.start()
        finish.append(record())

    try:
        try:
            written = _write_all(
                scratch, todo, plan, progress, carry_from=target if old.files else None,
                manifest=manifest, workers=workers if len(todo) >= MIN_PARALLEL else 1,
                reopen=builder.reopen, preload=builder.preload, warm=builder.warm,
                meanwhile=meanwhile,
            )  # fmt: skip
        finally:
            ahead.stop()
        # One flush of the new tree before it replaces the old one: after a power cut the
        # library must not vouch for pages whose bytes never reached the disk (the next
        # export would carry them over as they are). The library's rows are written
        # meanwhile; they are committed only after the swap, once the export returns.
        with _flushing(scratch):
            finish[0]({**kept, **written})
        swap_in(scratch, target)
    finally:
        if scratch.exists():
            shutil.rmtree(scratch, ignore_errors=True)


class _FlushAhead:
    """Flushes of the filesystem, one after another with a short pause, on a thread of its
    own while the pages are written: the flush before the swap then finds little left to
    write (a whole 5,000-article site: ~10 ms instead of ~100 ms, on top of the rendering).
    Started in the parent once the workers are forked (no thread runs across a fork)."""

    PAUSE = 0.15  # seconds between flushes

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.done = threading.Event()
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        self.thread = threading.Thread(target=self._run, name="flush-ahead", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        if not flushes_one_filesystem():
            return  # flushing every filesystem again and again costs other programs
        while not self.done.wait(self.PAUSE):
            try:
                sync_filesystem(self.folder)
            except OSError:
                return  # the flush before the swap reports it

    def stop(self) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()


@contextmanager
def _flushing(folder: Path) -> Iterator[None]:
    """``sync_filesystem(folder)`` on a thread of its own while the body runs (the flush
    waits on the disk, the body on the processor); it has finished, or raised its error,
    when the block ends."""
    failed: list[BaseException] = []

    def flush() -> None:
        try:
            sync_filesystem(folder)
        except BaseException as exc:  # handed to the export's thread below
            failed.append(exc)

    thread = threading.Thread(target=flush, name="flush-site")
    thread.start()
    try:
        yield
    finally:
        thread.join()
    if failed:
        raise failed[0]


def _write_patch(
    target: Path,
    todo: list[str],
    plan: Plan,
    progress: Progress,
    manifest: bytes,
    gone: dict[str, Stamp],
    preload: Callable[[list[str]], None] = lambda paths: None,
) -> dict[str, Stamp]:
    """Write ``todo`` and the manifest into the site through a committed staging folder and
    remove ``gone``: the stamps of the files written."""
    scratch = _scratch(target, ".staging")
    try:
        names = [staged_name(i, p) for i, p in enumerate(todo)]  # flat: no folders to make
        staged = {name: plan[p] for name, p in zip(names, todo, strict=True)}
        written = _write_all(
            scratch / "files", names, staged, progress, manifest=manifest,
            preload=lambda some: preload([todo[int(n)] for n in some]),
        )  # fmt: skip
        stamps = {p: written[name] for name, p in zip(names, todo, strict=True) if name in written}
        _fsync_files(scratch / "files", [*names, MANIFEST])
        commit = {"write": [*todo, MANIFEST], "remove": gone, "flat": True}
        atomic_write_bytes(scratch / COMMIT, json.dumps(commit).encode())
        if _apply_patch(scratch, target) is False:
            raise UserError(
                f"{target} changed while it was being exported; export again to rebuild it"
            )
    finally:
        if scratch.exists() and not (scratch / COMMIT).exists():
            shutil.rmtree(scratch, ignore_errors=True)
    return stamps


def _record(
    db: Db,
    target: Path,
    builder: SiteBuilder,
    seq: int | None,
    key: str,
    now: datetime,
    digest: str,
    base_url: str | None,
) -> Callable[[dict[str, Stamp]], None]:
    """Recording the export in the library: the folder's state, and every file (with what it
    shows) so the next re-export after an edit needs no planning. This makes the rows ready,
    without the library, so that it can run while the workers render (a whole 5,000-article
    site: ~0.1 s of the ~0.2 s the recording took after them) with no write lock held
    meanwhile (another program's save is not kept waiting); what it returns writes them,
    given the files' stamps."""
    site = site_index.site_key(target)
    if seq is None:  # a library without change numbers: nothing to keep
        return lambda stamps: site_index.forget(db, site)
    pages = builder.pages
    files = (
        (
            p,
            fp,
            pages[p][0] if p in pages else -1,
            pages[p][1] if p in pages else "",
            builder.recipes[p],
        )
        for p, (fp, _) in sorted(builder.plan.items())
    )
    ready = site_index.prepare(site, files, builder.deps)

    def write(stamps: dict[str, Stamp]) -> None:
        builder.release()  # the pages are written: their records and cards are not needed
        site_state.forget_gone(db, target)
        site_index.save(db, ready, stamps)
        state = {
            "digest": digest,
            "popular": builder.data.popular_order,
            "shards": builder.shards,
            "moment": now.isoformat(),
            "lean": lean_state(builder.status, base_url, builder.theme.folder, bool(builder.base)),
        }
        site_state.remember(db, target, seq, key, len(builder.plan), state)

    return write
