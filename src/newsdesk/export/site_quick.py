"""A re-export after a few edits that does not grow with the site.

The library knows every file the last export wrote into the folder, what each was made from
(its recipe) and which articles it shows (``site_index``); the triggers of revision 0016 keep
the change number of each article's latest change. When the articles changed since the last
export kept their place on the site (section, slug, date, pin, status, tags and pictures: the
``signature`` in their page's recipe), only the files showing them can differ: those, and the
sitemap shards listing those pages, are made again from their recipes with the articles'
current rows — the same code that plans the whole site — and patched in. Anything else (a
new, moved or removed article, one of the Most popular, a section, tag, author, picture or
setting changed, an embargo ended) returns None: the caller plans the whole site.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from newsdesk.core.progress import Progress
from newsdesk.core.safe_paths import Stamp, stamp_of
from newsdesk.core.settings import SiteSettings
from newsdesk.export import site_index, site_state
from newsdesk.export.site_builder import SiteBuilder, signature
from newsdesk.export.site_data import load_partial
from newsdesk.export.site_files import Plan, manifest_bytes
from newsdesk.render.page import Theme
from newsdesk.storage.models import Article, ArticleAsset, ArticleTag

QUICK_LIMIT = 200  # changed articles; more than that plans the whole site
PatchWriter = Callable[..., dict[str, Stamp]]


def _current(session: Session, ids: list[int], status: str, now: datetime) -> dict[int, Any]:
    """The signatures of the articles that are on the site now (the others are left out)."""
    rows: list[Any] = list(
        session.exec(
            select(  # type: ignore[call-overload]
                Article.id, Article.section_id, Article.slug, Article.published_at,
                Article.pinned, Article.status,  Article.image_sha256,
            ).where(
                col(Article.id).in_(ids), col(Article.status) == status,
                or_(col(Article.embargo_at).is_(None), col(Article.embargo_at) <= now),
            )
        ).all()
    )  # fmt: skip
    tags: dict[int, list[int]] = {}
    for aid, tid in session.exec(
        select(ArticleTag.article_id, ArticleTag.tag_id)
        .where(col(ArticleTag.article_id).in_(ids))
        .order_by(col(ArticleTag.article_id), col(ArticleTag.position))
    ).all():
        tags.setdefault(aid, []).append(tid)
    assets: dict[int, list[str]] = {}
    for aid, sha in session.exec(
        select(ArticleAsset.article_id, ArticleAsset.asset_sha256).where(
            col(ArticleAsset.article_id).in_(ids)
        )
    ).all():
        assets.setdefault(aid, []).append(sha)
    return {r.id: signature(r, tags.get(r.id, []), assets.get(r.id, [])) for r in rows}


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
    session: Session, known: site_state.Known, changed: list[int], status: str, now: datetime
) -> list[site_index.FileRow] | None:
    """The files showing the changed articles, or None when one of them moved on the site."""
    if set(changed) & set(known.state.get("popular", [])):
        return None  # every article page shows it
    rows = site_index.showing(session, known.site, changed)
    own = {r.recipe[1]: r for r in rows if r.recipe[0] == "a"}
    current = _current(session, changed, status, now)
    for aid in changed:
        before, after = own.get(aid), current.get(aid)
        if before is None and after is None:
            continue  # not on the site, before or now (a draft, say)
        if before is None or after is None or before.recipe[4] != after:
            return None
    return rows


def re_export(
    session: Session,
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
    if site_state.embargo_ended(session, str(state.get("moment", "")), now):
        return None
    changed = site_index.changed_since(session, known.row.change_seq)
    if 0 in changed or len(changed) > QUICK_LIMIT:
        return None
    rows = _affected(session, known, changed, status, now)
    if rows is None:
        return None
    files = {r.path: r for r in rows}
    shards = int(state["shards"])
    maps = {
        "sitemap.xml" if shards == 1 else f"sitemaps/{r.shard}.xml" for r in rows if r.shard >= 0
    }
    for r in site_index.by_paths(session, known.site, sorted(maps)):
        files[r.path] = r
    ids: set[int] = set()
    related: dict[int, tuple[list[int], list[int]]] = {}
    for r in files.values():
        ids.update(_ids(r.recipe))
        if r.recipe[0] == "a":
            related[r.recipe[1]] = (r.recipe[2], r.recipe[3])
    data = load_partial(session, ids, related, list(state.get("popular", [])))
    builder = SiteBuilder(session, theme, settings, data, status)
    builder.shards = shards
    for path, r in sorted(files.items()):
        if r.recipe[0] not in ("m", "M"):
            builder.add(path, r.recipe)
    for path in sorted(maps):
        k = files[path].recipe[1]
        dates = {p: m for p, (_s, m) in builder.pages.items()}
        urls = sorted(
            (builder.url(p.removesuffix("index.html")), dates.get(p, m))
            for p, m in site_index.shard_pages(session, known.site, k)
        )
        builder.add(path, ["m", k], urls)
    written = _write(session, target, known, builder.plan, files, builder, progress, write_patch)
    site_state.remember(session, target, seq, known.row.state_key, known.row.files, state)
    return written, known.row.files


def _write(
    session: Session,
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
        session,
        known.site,
        [(p, plan[p][0], stamps.get(p, (-1, -1)), dates.get(p, files[p].lastmod)) for p in todo],
    )
    known.state["digest"] = token
    return todo
