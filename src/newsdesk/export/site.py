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
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import check_status
from newsdesk.core.atomic import atomic_write_bytes, sync_filesystem
from newsdesk.core.bodies import render_pending
from newsdesk.core.progress import Progress
from newsdesk.core.safe_paths import Stamp, inside, removable, stamp_of
from newsdesk.core.settings import load_settings
from newsdesk.errors import UserError
from newsdesk.export import site_state
from newsdesk.export.site_builder import SiteBuilder, _theme_hash
from newsdesk.export.site_data import load_site_data
from newsdesk.export.site_files import (
    COMMIT,
    MANIFEST,
    STAMPS,
    OldSite,
    _apply_patch,
    _fsync_files,
    _read_manifest,
    _same_manifest,
    _scratch,
    _write_all,
    recover,
    swap_in,
)
from newsdesk.render.page import Theme

__all__ = ["MANIFEST", "SiteResult", "export_site"]

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
) -> SiteResult:
    """Write the static site to ``out`` (replacing it whole); only changed files are rendered.

    ``workers`` > 1 renders large exports in that many processes (fork; not for callers
    with threads that hold locks, such as a GUI: they keep the default).
    """
    with _cycle_collection_paused():
        return _export_site(session, out, theme, status, base_url, progress, workers)


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
    export); what little there is gets collected once it is back on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _export_site(
    session: Session,
    out: Path,
    theme: Theme,
    status: str,
    base_url: str | None,
    progress: Progress | None,
    workers: int,
) -> SiteResult:
    started = time.perf_counter()
    progress = progress or Progress()
    target = out.resolve()
    if target.exists() and not target.is_dir():
        raise UserError(f"{target} is a file; give a folder for the site (--out)")
    status = check_status(status)
    render_pending(session, workers=workers, progress=progress)  # a bulk import's bodies, once
    settings = load_settings(session)
    if base_url is not None:
        settings = settings.with_changes(base_url=base_url.rstrip("/"))
    trusted = recover(target) if target.parent.is_dir() else True
    old = _read_manifest(target)
    if not trusted:
        old = OldSite()  # a staging folder was not ours: rebuild the site whole
    seq, key = (
        site_state.change_seq(session),
        site_state.state_key(settings, _theme_hash(theme), status),
    )
    if site_state.unchanged(session, target, seq, key, old):  # known from the library alone
        progress.start(0, "Exporting site")
        progress.finish()
        total = len(old.files)
        return SiteResult(target, total, [], total, 0, time.perf_counter() - started)
    builder = SiteBuilder(session, theme, settings, load_site_data(session, status), status)
    builder.build_plan()
    plan = builder.plan
    root = str(target) + os.sep
    todo = [
        p
        for p, (fp, _) in sorted(plan.items())
        if old.files.get(p) != fp or stamp_of(root + p) != old.stamps.get(p)
    ]  # a file someone changed, or replaced by a link, is rendered again
    removed = sorted(set(old.files) - set(plan))
    if not todo and not removed and _same_manifest(target, plan):
        progress.start(0, "Exporting site")
        progress.finish()  # nothing changed: nothing is written
        site_state.remember(session, target, seq, key, len(plan))
        return SiteResult(target, len(plan), [], len(plan), 0, time.perf_counter() - started)
    progress.start(len(todo), "Exporting site")
    gone = _verified_removals(target, removed, old)
    patch = (
        gone is not None
        and bool(old.files)
        and len(todo) + len(removed) <= PATCH_LIMIT * len(plan)
        and all(_lands_inside(target, p) for p in todo)
    )
    scratch = _scratch(target, ".staging" if patch else ".partial")
    kept = {p: old.stamps[p] for p in plan if p in old.stamps} if old.files else {}
    try:
        if patch:
            builder.preload(todo)
            _write_all(scratch / "files", todo, plan, progress, kept=kept)
            _fsync_files(scratch / "files", [*todo, STAMPS, MANIFEST])
            commit = {"write": [*todo, STAMPS, MANIFEST], "remove": gone}
            atomic_write_bytes(scratch / COMMIT, json.dumps(commit).encode())
            if _apply_patch(scratch, target) is False:
                raise UserError(
                    f"{target} changed while it was being exported; export again to rebuild it"
                )
        else:
            _write_all(
                scratch, todo, plan, progress, carry_from=target if old.files else None,
                kept=kept, workers=workers if len(todo) >= MIN_PARALLEL else 1,
                reopen=builder.reopen, preload=builder.preload,
            )  # fmt: skip
            # One flush of the new tree before it replaces the old one: after a power cut the
            # manifest must not vouch for pages whose bytes never reached the disk (the next
            # export would carry them over as they are).
            sync_filesystem(scratch)
            swap_in(scratch, target)
    except OSError as exc:
        raise UserError(f"Export to {target} failed and was undone: {exc.strerror or exc}") from exc
    finally:
        if scratch.exists() and not (scratch / COMMIT).exists():
            shutil.rmtree(scratch, ignore_errors=True)
    progress.finish()
    site_state.remember(session, target, seq, key, len(plan))
    seconds = time.perf_counter() - started
    return SiteResult(target, len(plan), todo, len(plan) - len(todo), len(removed), seconds)
