"""The static site: home, article, section and tag pages, feeds, sitemap, robots.txt and 404.

Incremental: ``.newsdesk-site.json`` in the output keeps each file's input fingerprint; a file
whose inputs did not change is hard-linked from the previous site instead of rendered again.
Atomic: the new site is built in a folder beside the target and swapped in with one rename
(an exchange where the kernel offers it), so an interrupted export leaves the old site whole.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from newsdesk import __version__
from newsdesk.errors import UserError
from newsdesk.export.atomic import atomic_write_bytes
from newsdesk.export.feeds import FeedInfo, FeedItem, atom_feed, feed_id, json_feed, robots, sitemap
from newsdesk.export.site_data import SiteData, load_records, load_site_data
from newsdesk.render.dates import in_zone, long_date
from newsdesk.render.markdown import asset_refs, resolve_assets
from newsdesk.render.page import Theme, render_template
from newsdesk.services.articles import ArticleRecord, check_status
from newsdesk.services.assets import export_name
from newsdesk.services.pages import (
    AssetUrls,
    Linker,
    Prefetched,
    _card,
    render_article_page,
    site_linker,
)
from newsdesk.services.progress import Progress
from newsdesk.services.settings import SiteSettings, load_settings
from newsdesk.storage.db import make_engine
from newsdesk.storage.models import ArticleAsset, Asset

MANIFEST = ".newsdesk-site.json"
SITE_FORMAT = 1
PER_PAGE = 20
MIN_PARALLEL = 400  # files to render before extra processes pay off
LATEST = 12
FEED_ITEMS = 50
Producer = Callable[[], bytes]


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


def _sha(*parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _theme_hash(theme: Theme) -> str:
    digest = hashlib.sha256()
    for path in sorted(theme.folder.rglob("*")):
        if path.is_file():
            digest.update(str(path.relative_to(theme.folder)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _depth(path: str) -> int:
    return path.count("/")


class SiteBuilder:
    """Works out every file of the site with its fingerprint and how to produce it."""

    def __init__(
        self, session: Session, theme: Theme, settings: SiteSettings, data: SiteData, status: str
    ) -> None:
        self.session, self.theme, self.settings, self.data = session, theme, settings, data
        self.base = settings.base_url.rstrip("/")
        self.status = status
        nav = [(s.id, s.name, s.slug, s.position) for s in data.sections.values()]
        self.common = _sha(__version__, asdict(settings), _theme_hash(theme), nav, status)
        self.plan: dict[str, tuple[str, Producer]] = {}
        self._assets: dict[int, AssetUrls] = {}
        self._records: dict[int, ArticleRecord] = {}
        self._card_cache: dict[tuple[int, int], dict[str, Any]] = {}

    # --------------------------------------------------------------- helpers

    def reopen(self) -> None:
        """In a forked worker: a connection of its own (never the parent's)."""
        bind = self.session.get_bind()
        engine = make_engine(bind.engine.url.render_as_string(hide_password=False))
        self.session = Session(engine)
        self._assets = {}

    def linker(self, path: str) -> Linker:
        return site_linker(_depth(path))

    def asset_urls(self, path: str) -> AssetUrls:
        depth = _depth(path)
        if depth not in self._assets:
            self._assets[depth] = AssetUrls(self.session, site_linker(depth))
        return self._assets[depth]

    def url(self, page: str) -> str:
        """A page's address for feeds and the sitemap: absolute with a base URL."""
        return f"{self.base}/{page}" if self.base else page or "./"

    def add(self, path: str, fingerprint: str, producer: Producer) -> None:
        self.plan[path] = (_sha(self.common, path, fingerprint), producer)

    def records(self, ids: list[int]) -> dict[int, ArticleRecord]:
        missing = [i for i in ids if i not in self._records]
        if missing:
            self._records.update(load_records(self.session, self.data, missing))
        return {i: self._records[i] for i in ids}

    def preload(self, paths: list[str]) -> None:
        """Load in bulk the records of the article pages about to be rendered."""
        ids = [self._page_ids[p] for p in paths if p in self._page_ids]
        self.records(ids)

    def _frame(
        self,
        path: str,
        title: str,
        description: str,
        moment: datetime | None,
        current: str | None = None,
    ) -> dict[str, Any]:
        linker = self.linker(path)
        s = self.settings
        local = in_zone(moment, s.timezone) if moment else None
        return {
            "page": {
                "title": f"{title} | {s.site_name}" if title else s.site_name,
                "description": description,
                "language": s.language,
                "canonical_url": self.url(path.removesuffix("index.html")) if self.base else "",
            },
            "stylesheets": [linker.stylesheet(n) for n in self.theme.stylesheets],
            "inline_css": "",
            "site": {"name": s.site_name, "tagline": s.tagline, "home_url": linker.home()},
            "masthead": {
                "date_label": long_date(local, s.date_format) if local else "",
                "date_iso": local.date().isoformat() if local else "",
                "left": s.masthead_left,
                "right": s.masthead_right,
            },
            "nav": [
                {"name": sec.name, "url": linker.section(sec.slug), "current": sec.name == current}
                for sec in self.data.sections.values()
            ],
            "footer": {"year": (local.year if local else 1970), "text": s.footer_text},
        }

    def _cards(self, path: str, ids: list[int]) -> list[dict[str, Any]]:
        linker, assets = self.linker(path), self.asset_urls(path)
        return [
            _card(self.data.meta[i], linker, self.settings, self.data.sections, assets) for i in ids
        ]

    def _article_card(self, path: str, row: Any) -> dict[str, Any]:
        """A card on an article page (all at one depth), made once per article."""
        key = (_depth(path), row.id)
        card = self._card_cache.get(key)
        if card is None:
            card = _card(
                row, self.linker(path), self.settings, self.data.sections, self.asset_urls(path)
            )
            self._card_cache[key] = card
        return card

    def _moment(self, ids: list[int]) -> datetime | None:
        moments = [self.data.meta[i].published_at or self.data.meta[i].updated_at for i in ids]
        return max((m for m in moments if m), default=None)

    # ----------------------------------------------------------------- pages

    def article_page(self, aid: int, path: str) -> bytes:
        rec = self.records([aid])[aid]
        related = self.data.related(aid)
        prefetched = Prefetched(
            sections=self.data.sections,
            related={k: [self.data.meta[i] for i in v] for k, v in related.items()},
            tag_slugs=self.data.tag_slugs(aid),
            card=partial(self._article_card, path),
        )
        html = render_article_page(
            self.session,
            rec,
            self.linker(path),
            self.theme,
            self.settings,
            self.asset_urls(path),
            prefetched,
        )
        return html.encode()

    def listing_page(
        self,
        template: str,
        path: str,
        title: str,
        description: str,
        ids: list[int],
        page: int,
        pages: int,
        base: str,
        current: str | None,
    ) -> bytes:
        linker = self.linker(path)

        def page_url(n: int) -> str:
            target = base if n == 1 else f"{base}page/{n}/"
            return linker.root + target + "index.html"

        context = self._frame(
            path,
            title if page == 1 else f"{title}, page {page}",
            description,
            self._moment(ids),
            current,
        )
        context["listing"] = {
            "title": title,
            "description": description,
            "stories": self._cards(path, ids),
            "pagination": {
                "current": page,
                "total": pages,
                "prev_url": page_url(page - 1) if page > 1 else None,
                "next_url": page_url(page + 1) if page < pages else None,
            },
        }
        return render_template(self.theme, template, context).encode()

    def home_page(self, ids: list[int]) -> bytes:
        path = "index.html"
        context = self._frame(path, "", self.settings.tagline, self._moment(ids[:1]))
        cards = self._cards(path, ids)
        context["lead"] = cards[0] if cards else None
        context["latest"] = cards[1:]
        return render_template(self.theme, "home.html", context).encode()

    def simple_page(self, template: str, path: str, title: str) -> bytes:
        context = self._frame(path, title, "", self._moment(self.data.pages[:1]))
        if self.base:  # served for any address: links must not depend on where it is
            root = self.base + "/"
            linker = Linker(root=root, static=f"{root}static/", assets=f"{root}assets/")
            context["site"]["home_url"] = linker.home()
            context["stylesheets"] = [linker.stylesheet(n) for n in self.theme.stylesheets]
            for item, sec in zip(context["nav"], self.data.sections.values(), strict=True):
                item["url"] = linker.section(sec.slug)
        return render_template(self.theme, template, context).encode()

    def feed_items(self, ids: list[int]) -> list[FeedItem]:
        recs = self.records(ids)
        items = []
        for aid in ids:
            rec = recs[aid]
            urls = {}
            for sha in sorted(_refs(rec)):
                asset = self.session.get(Asset, sha)
                if asset is not None:
                    urls[sha] = self.url(f"assets/{export_name(asset)}")
            items.append(
                FeedItem(
                    uuid=str(rec.uuid), title=rec.headline, url=self.url(f"articles/{rec.slug}/"),
                    summary=rec.standfirst, content_html=resolve_assets(rec.body_html, urls),
                    published=rec.published_at, updated=rec.updated_at, authors=rec.byline,
                    tags=rec.tags, image_url=urls.get(rec.image_sha256 or ""),
                )
            )  # fmt: skip
        return items

    def feed_info(self, title: str, description: str, home: str, feed: str) -> FeedInfo:
        s = self.settings
        return FeedInfo(
            title=title, description=description, home_url=self.url(home),
            feed_url=self.url(feed), author=s.site_name, language=s.language,
            feed_id=feed_id(s.site_name, feed),
        )  # fmt: skip

    # ------------------------------------------------------------------ plan

    def build_plan(self) -> None:
        d = self.data
        tokens = {aid: d.token(aid) for aid in d.pages}
        self._page_ids: dict[str, int] = {}
        page_urls: list[tuple[str, datetime | None]] = []

        for aid in d.pages:
            path = f"articles/{d.meta[aid].slug}/index.html"
            self._page_ids[path] = aid
            self.add(path, d.fingerprint(aid), partial(self.article_page, aid, path))
            page_urls.append((path, d.meta[aid].updated_at))

        home_ids = self._home_ids()
        self.add(
            "index.html", _sha([tokens[a] for a in home_ids]), lambda: self.home_page(home_ids)
        )
        page_urls.append(("index.html", self._moment(home_ids)))

        by_section: dict[int, list[int]] = {sid: [] for sid in d.sections}
        by_tag: dict[int, list[int]] = {}
        for aid in d.pages:
            sid = d.meta[aid].section_id
            if sid in by_section:
                by_section[sid].append(aid)
            for tid in d.article_tags.get(aid, ()):
                by_tag.setdefault(tid, []).append(aid)
        for sid, ids in by_section.items():
            sec = d.sections[sid]
            base = f"sections/{sec.slug}/"
            page_urls += self._paginate(
                "section.html", base, sec.name, sec.description, ids, tokens, sec.name
            )
            self._feeds(
                base,
                f"{self.settings.site_name}: {sec.name}",
                sec.description or sec.name,
                ids[:FEED_ITEMS],
                tokens,
            )
        for tid, ids in sorted(by_tag.items(), key=lambda kv: d.tags[kv[0]][1]):
            name, slug = d.tags[tid]
            page_urls += self._paginate(
                "tag.html", f"tags/{slug}/", name, "", ids, tokens, None, key=(name, slug)
            )
        self._feeds(
            "", self.settings.site_name, self.settings.tagline, d.pages[:FEED_ITEMS], tokens
        )

        self.add("404.html", "", lambda: self.simple_page("404.html", "404.html", "Page not found"))
        for name in self.theme.stylesheets:
            data = (self.theme.static_dir / name).read_bytes()
            self.add(f"static/{name}", hashlib.sha256(data).hexdigest(), partial(bytes, data))
        for sha, name in self._asset_files():
            self.add(f"assets/{name}", sha, partial(self._asset_bytes, sha))
        urls = sorted((self.url(p.removesuffix("index.html")), m) for p, m in page_urls)
        self.add("sitemap.xml", _sha(urls), lambda: sitemap(urls))
        sitemap_url = f"{self.base}/sitemap.xml" if self.base else None
        self.add("robots.txt", "", lambda: robots(sitemap_url))

    def _home_ids(self) -> list[int]:
        d = self.data
        pinned = [a for a in d.pages if d.meta[a].pinned]
        rest = [a for a in d.pages[: LATEST + 1 + len(pinned)] if not d.meta[a].pinned]
        return (pinned + rest)[: LATEST + 1]

    def _paginate(
        self,
        template: str,
        base: str,
        title: str,
        description: str,
        ids: list[int],
        tokens: dict[int, str],
        current: str | None,
        key: Any = None,
    ) -> list[tuple[str, datetime | None]]:
        pages = max(1, -(-len(ids) // PER_PAGE))
        out = []
        for n in range(1, pages + 1):
            chunk = ids[(n - 1) * PER_PAGE : n * PER_PAGE]
            path = f"{base}index.html" if n == 1 else f"{base}page/{n}/index.html"
            fingerprint = _sha(title, description, key, pages, [tokens[a] for a in chunk])
            self.add(
                path,
                fingerprint,
                partial(
                    self.listing_page,
                    template,
                    path,
                    title,
                    description,
                    chunk,
                    n,
                    pages,
                    base,
                    current,
                ),
            )
            out.append((path, self._moment(chunk)))
        return out

    def _feeds(
        self, base: str, title: str, description: str, ids: list[int], tokens: dict[int, str]
    ) -> None:
        fingerprint = _sha(title, description, [tokens[a] for a in ids])
        atom = f"{base}feed.xml"
        jsonf = f"{base}feed.json"
        self.add(
            atom,
            fingerprint,
            lambda: atom_feed(self.feed_info(title, description, base, atom), self.feed_items(ids)),
        )
        self.add(
            jsonf,
            fingerprint,
            lambda: json_feed(
                self.feed_info(title, description, base, jsonf), self.feed_items(ids)
            ),
        )

    def _asset_files(self) -> list[tuple[str, str]]:
        ids = set(self.data.pages) | set(self.data.published)
        shas = {self.data.meta[a].image_sha256 for a in ids if self.data.meta[a].image_sha256}
        rows = self.session.exec(select(ArticleAsset.article_id, ArticleAsset.asset_sha256)).all()
        shas |= {sha for aid, sha in rows if aid in ids}
        assets = self.session.exec(
            select(Asset.sha256, Asset.media_type).where(col(Asset.sha256).in_(sorted(shas)))
        ).all()
        return sorted(
            (sha, export_name(Asset(sha256=sha, media_type=mt, filename="", size=0, data=b"")))
            for sha, mt in assets
        )

    def _asset_bytes(self, sha: str) -> bytes:
        asset = self.session.get(Asset, sha)
        assert asset is not None
        return asset.data


def _refs(rec: ArticleRecord) -> set[str]:
    return asset_refs(rec.body_html) | ({rec.image_sha256} if rec.image_sha256 else set())


# ------------------------------------------------------------ writing it out
#
# Two ways to put the new site in place, both leaving the previous site whole if the export
# stops before it commits:
# - rebuild: the whole new tree is built beside the target (unchanged files hard-linked from
#   the old one) and exchanged with it in one rename;
# - patch (few files changed): the changed files are written to a staging folder beside the
#   target; a COMMIT file written atomically marks the point of no return, then each file is
#   renamed into place. A run that finds a committed staging folder finishes it first (roll
#   forward), one without COMMIT is discarded. Creating thousands of folders again for one
#   edited article would cost more than the whole rest of the export.

COMMIT = "COMMIT"
PATCH_LIMIT = 0.05  # patch in place when at most this share of the files change


def _read_manifest(target: Path) -> dict[str, str]:
    path = target / MANIFEST
    if not target.exists():
        return {}
    if not path.is_file():
        if any(target.iterdir()):
            raise UserError(
                f"{target} is not empty and is not a site newsdesk exported; "
                "choose an empty or new folder (newsdesk replaces the whole folder)"
            )
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return dict(data.get("files", {}))
    except (OSError, ValueError):
        return {}  # a damaged manifest only costs a full rebuild


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where that is unavailable."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _discard(path: Path) -> None:
    """Remove an old tree without waiting: renamed aside, then deleted by a detached process
    (removing thousands of folders can take seconds); the next export removes leftovers."""
    trash = path.with_name(f"{path.name}.{os.getpid()}.trash")
    os.rename(path, trash)
    try:
        subprocess.Popen(
            ["rm", "-rf", "--", str(trash)],
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)


def swap_in(scratch: Path, target: Path) -> None:
    """Put ``scratch`` where ``target`` is; the old target is removed afterwards."""
    if not target.exists():
        os.rename(scratch, target)
        return
    if _exchange(scratch, target):
        _discard(scratch)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    try:
        os.rename(scratch, target)
    except OSError:
        os.rename(old, target)
        raise
    _discard(old)


def _apply_patch(staging: Path, target: Path) -> None:
    """Move a committed patch's files into the site (idempotent: safe to run again)."""
    commit = json.loads((staging / COMMIT).read_text(encoding="utf-8"))
    files = staging / "files"
    for rel in commit["write"]:
        src = files / rel
        if src.exists():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            os.replace(src, target / rel)
    for rel in commit["remove"]:
        (target / rel).unlink(missing_ok=True)
        _prune_empty(target, (target / rel).parent)
    shutil.rmtree(staging, ignore_errors=True)


def _prune_empty(root: Path, folder: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def recover(target: Path) -> None:
    """Finish a committed patch, drop unfinished scratch folders of earlier (killed) runs."""
    for path in sorted(target.parent.glob(f".{target.name}.*.staging")):
        if (path / COMMIT).is_file() and target.is_dir():
            _apply_patch(path, target)
        else:
            shutil.rmtree(path, ignore_errors=True)
    for pattern in (f".{target.name}.*.partial", f".{target.name}.*.trash"):
        for path in target.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)


def _manifest_bytes(plan: dict[str, tuple[str, Producer]]) -> bytes:
    manifest = {
        "format": SITE_FORMAT,
        "generator": f"newsdesk {__version__}",
        "files": {p: fp for p, (fp, _) in sorted(plan.items())},
    }
    return (json.dumps(manifest, sort_keys=True, indent=1) + "\n").encode()


def _write_all(
    root: Path,
    paths: list[str],
    plan: dict[str, tuple[str, Producer]],
    progress: Progress,
    carry_from: Path | None = None,
    *,
    workers: int = 1,
    reopen: Callable[[], None] = lambda: None,
) -> None:
    """Render ``paths`` into ``root``; with ``carry_from``, link every other planned file."""
    todo = set(paths)
    root.mkdir(parents=True, exist_ok=True)
    made: set[str] = set()
    if carry_from is not None:
        for path in sorted(plan):
            if path not in todo:
                _ensure_parent(root, path, made)
                _carry_over(carry_from / path, root / path)
    ordered = sorted(todo)
    if workers > 1 and hasattr(os, "fork"):
        _render_forked(root, ordered, plan, progress, workers, reopen)
    else:
        for path in ordered:
            _write_one(root, path, plan, made)
            progress.advance()
    (root / MANIFEST).write_bytes(_manifest_bytes(plan))


def _ensure_parent(root: Path, path: str, made: set[str]) -> None:
    parent = path.rpartition("/")[0]
    if parent and parent not in made:
        os.makedirs(root / parent, exist_ok=True)
        made.add(parent)


def _write_one(
    root: Path, path: str, plan: dict[str, tuple[str, Producer]], made: set[str]
) -> None:
    _ensure_parent(root, path, made)
    (root / path).write_bytes(plan[path][1]())


def _render_forked(
    root: Path,
    paths: list[str],
    plan: dict[str, tuple[str, Producer]],
    progress: Progress,
    workers: int,
    reopen: Callable[[], None],
) -> None:
    """Share the rendering among forked processes (they inherit the loaded data; each opens
    its own database connection). The parent renders one share and reports progress for all."""
    shares = [paths[i::workers] for i in range(workers)]
    children: list[tuple[int, int]] = []
    for share in shares[1:]:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: render, report a failure through the pipe, never return
            os.close(read_end)
            code = 0
            try:
                reopen()
                made: set[str] = set()
                for path in share:
                    _write_one(root, path, plan, made)
            except BaseException as exc:
                os.write(write_end, f"{exc}".encode()[:2000] or type(exc).__name__.encode())
                code = 1
            finally:
                os._exit(code)
        os.close(write_end)
        children.append((pid, read_end))
    failures: list[str] = []
    made: set[str] = set()
    try:
        for path in shares[0]:
            _write_one(root, path, plan, made)
            progress.advance(workers)
    except BaseException:
        for pid, _fd in children:
            os.kill(pid, signal.SIGKILL)
        raise
    finally:
        for pid, fd in children:
            with os.fdopen(fd, "rb") as pipe:
                message = pipe.read().decode(errors="replace")
            _pid, status = os.waitpid(pid, 0)
            if status != 0:
                failures.append(message or f"a worker process ended with status {status}")
    if failures:
        raise UserError(f"Rendering the site failed: {failures[0]}")


def _scratch(target: Path, suffix: str) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent))
    except OSError as exc:
        raise UserError(f"Cannot write to {target.parent}: {exc.strerror or exc}") from exc


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
    started = time.perf_counter()
    progress = progress or Progress()
    target = out.resolve()
    status = check_status(status)
    settings = load_settings(session)
    if base_url is not None:
        settings = settings.with_changes(base_url=base_url.rstrip("/"))
    if target.parent.is_dir():
        recover(target)
    old = _read_manifest(target)
    builder = SiteBuilder(session, theme, settings, load_site_data(session, status), status)
    builder.build_plan()
    plan = builder.plan
    root = str(target) + os.sep
    todo = [
        p for p, (fp, _) in sorted(plan.items()) if old.get(p) != fp or not os.path.isfile(root + p)
    ]
    removed = sorted(set(old) - set(plan))
    if not todo and not removed and _same_manifest(target, plan):
        progress.start(0, "Exporting site")
        progress.finish()  # nothing changed: nothing is written
        return SiteResult(target, len(plan), [], len(plan), 0, time.perf_counter() - started)
    builder.preload(todo)
    progress.start(len(todo), "Exporting site")
    patch = bool(old) and len(todo) + len(removed) <= PATCH_LIMIT * len(plan)
    scratch = _scratch(target, ".staging" if patch else ".partial")
    try:
        if patch:
            _write_all(scratch / "files", todo, plan, progress)
            _fsync_files(scratch / "files", [*todo, MANIFEST])
            commit = {"write": [*todo, MANIFEST], "remove": removed}
            atomic_write_bytes(scratch / COMMIT, json.dumps(commit).encode())
            _apply_patch(scratch, target)
        else:
            _write_all(
                scratch, todo, plan, progress, carry_from=target if old else None,
                workers=workers if len(todo) >= MIN_PARALLEL else 1, reopen=builder.reopen,
            )  # fmt: skip
            os.sync()
            swap_in(scratch, target)
    except OSError as exc:
        raise UserError(f"Export to {target} failed and was undone: {exc.strerror or exc}") from exc
    finally:
        if scratch.exists() and not (scratch / COMMIT).exists():
            shutil.rmtree(scratch, ignore_errors=True)
    progress.finish()
    seconds = time.perf_counter() - started
    return SiteResult(target, len(plan), todo, len(plan) - len(todo), len(removed), seconds)


def _same_manifest(target: Path, plan: dict[str, tuple[str, Producer]]) -> bool:
    try:
        return (target / MANIFEST).read_bytes() == _manifest_bytes(plan)
    except OSError:
        return False


def _fsync_files(root: Path, paths: list[str]) -> None:
    for rel in paths:
        fd = os.open(root / rel, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _carry_over(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)
