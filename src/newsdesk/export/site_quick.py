"""A re-export after a few edits that does not grow with the site.

The library knows every file the last export wrote into the folder, what each was made from
(its recipe) and which articles it shows (``site_index``); the triggers of revision 0016 keep
the change number of each article's latest change. When the articles changed since the last
export kept their place on the site (section, slug, date, pin, status, tags and pictures: the
``signature`` in their page's recipe), only the files showing them can differ: those, and the
sitemap shards listing those of them whose date changed, are made again from their recipes
with the articles' current rows — the same code that plans the whole site — and patched in. Anything else (a
new, moved or removed article, one of the Most popular, a section, tag, author, picture or
setting changed, an embargo ended) returns None: the caller plans the whole site.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

from newsdesk.core.progress import Progress
from newsdesk.core.safe_paths import Stamp, stamp_of
from newsdesk.core.settings import SiteSettings
from newsdesk.export import site_index, site_state
from newsdesk.export.site_builder import SiteBuilder, signature
from newsdesk.export.site_data import load_partial
from newsdesk.export.site_db import Db, in_list, utc
from newsdesk.export.site_files import Plan, manifest_bytes
from newsdesk.render.page import Theme

QUICK_LIMIT = 200  # changed articles; more than that plans the whole site
PatchWriter = Callable[..., dict[str, Stamp]]


class _Place(NamedTuple):
    """What ``signature`` reads of an article row."""

    section_id: int | None
    slug: str
    published_at: datetime | None
    pinned: bool
    status: str
    image_sha256: str | None


def _current(db: Db, ids: list[int], status: str, now: datetime) -> dict[int, Any]:
    """The signatures of the articles that are on the site now (the others are left out)."""
    rows = db.rows(
        "SELECT id, section_id, slug, published_at, pinned, status, image_sha256 FROM article"
        f" WHERE {in_list('id', ids)} AND status = ? AND (embargo_at IS NULL OR embargo_at <= ?)",
        (status, db.time(now)),
    )
    tags: dict[int, list[int]] = {}
    for aid, tid in db.rows(
        f"SELECT article_id, tag_id FROM article_tag WHERE {in_list('article_id', ids)}"
        " ORDER BY article_id, position"
    ):
        tags.setdefault(aid, []).append(tid)
    assets: dict[int, list[str]] = {}
    for aid, sha in db.rows(
        f"SELECT article_id, asset_sha256 FROM article_asset WHERE {in_list('article_id', ids)}"
    ):
        assets.setdefault(aid, []).append(sha)
    return {
        r[0]: signature(_Place(r[1], r[2], utc(r[3]), bool(r[4]), r[5], r[6]),
                        tags.get(r[0], []), assets.get(r[0], []))
        for r in rows
    }  # fmt: skip


def _ids(recipe: list[Any]) -> list[int]:
    kind = recipe[0]
    if kind == "a":
        return [recipe[1], *recipe[2], *recipe[3]]
    if kind == "l":
        return list(recipe[5])
    if kind in ("h", "404"):
        return list(recipe[1])
    if kind == "f":
        return list(recipe[2])
    return []


def _affected(
    db: Db, known: site_state.Known, changed: list[int], status: str, now: datetime
) -> list[site_index.FileRow] | None:
    """The files showing the changed articles, or None when one of them moved on the site."""
    if set(changed) & set(known.state.get("popular", [])):
        return None  # every article page shows it
    rows = site_index.showing(db, known.site, changed)
    own = {r.recipe[1]: r for r in rows if r.recipe[0] == "a"}
    current = _current(db, changed, status, now)
    for aid in changed:
        before, after = own.get(aid), current.get(aid)
        if before is None and after is None:
            continue  # not on the site, before or now (a draft, say)
        if before is None or after is None or before.recipe[4] != after:
            return None
    return rows


def re_export(
    db: Db,
    target: Path,
    theme: Theme,
    settings: SiteSettings,
    status: str,
    known: site_state.Known,
    seq: int | None,
    now: datetime,
    progress: Progress,
    write_patch: PatchWriter,
) -> tuple[list[str], int] | None:
    """Re-export only the files showing what changed: (files written, files in the site), or
    None when the whole site must be planned."""
    state = known.state
    if seq is None or status != "published" or "shards" not in state:
        return None
    if site_state.embargo_ended(db, str(state.get("moment", "")), now):
        return None
    changed = site_index.changed_since(db, known.row.change_seq)
    if 0 in changed or len(changed) > QUICK_LIMIT:
        return None
    rows = _affected(db, known, changed, status, now)
    if rows is None:
        return None
    files = {r.path: r for r in rows}
    shards = int(state["shards"])
    maps = {
        "sitemap.xml" if shards == 1 else f"sitemaps/{r.shard}.xml" for r in rows if r.shard >= 0
    }
    for r in site_index.by_paths(db, known.site, sorted(maps)):
        files[r.path] = r
    ids: set[int] = set()
    related: dict[int, tuple[list[int], list[int]]] = {}
    for r in files.values():
        ids.update(_ids(r.recipe))
        if r.recipe[0] == "a":
            related[r.recipe[1]] = (r.recipe[2], r.recipe[3])
    data = load_partial(db, ids, related, list(state.get("popular", [])))
    builder = SiteBuilder(db, theme, settings, data, status)
    builder.shards = shards
    for path, r in sorted(files.items()):
        if r.recipe[0] not in ("m", "M"):
            builder.add(path, r.recipe)
    dates = {p: m for p, (_s, m) in builder.pages.items()}
    for path in sorted(maps):
        k = files[path].recipe[1]
        if all(dates.get(r.path, r.lastmod) == r.lastmod for r in rows if r.shard == k):
            continue  # no page it lists has a new date: the shard is as it was (not read)
        urls = sorted(
            (builder.url(p.removesuffix("index.html")), dates.get(p, m))
            for p, m in site_index.shard_pages(db, known.site, k)
        )
        builder.add(path, ["m", k], urls)
    written = _write(db, target, known, builder.plan, files, builder, progress, write_patch)
    site_state.remember(db, target, seq, known.row.state_key, known.row.files, state)
    return written, known.row.files


def _write(
    db: Db,
    target: Path,
    known: site_state.Known,
    plan: Plan,
    files: dict[str, site_index.FileRow],
    builder: SiteBuilder,
    progress: Progress,
    write_patch: PatchWriter,
) -> list[str]:
    """Patch in the files whose inputs changed (or that were changed in the folder) and record
    them; the folder's digest follows."""
    root = f"{target}/"
    todo = [
        p
        for p, (fp, _) in sorted(plan.items())
        if fp != files[p].fingerprint or stamp_of(root + p) != (files[p].size, files[p].mtime_ns)
    ]
    if not todo:
        progress.start(0, "Exporting site")
        progress.finish()
        return []
    digest = int(known.digest, 16)
    for p in todo:
        digest -= site_index.entry_hash(p, files[p].fingerprint)
        digest += site_index.entry_hash(p, plan[p][0])
    token = site_index.token(digest % site_index.MODULUS)
    progress.start(len(todo), "Exporting site")
    stamps = write_patch(target, todo, plan, progress, manifest_bytes(token), {}, builder.preload)
    progress.finish()
    dates = {p: m for p, (_s, m) in builder.pages.items()}
    site_index.update(
        db,
        known.site,
        [(p, plan[p][0], stamps.get(p, (-1, -1)), dates.get(p, files[p].lastmod)) for p in todo],
    )
    known.state["digest"] = token
    return todo
