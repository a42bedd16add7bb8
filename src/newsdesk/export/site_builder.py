"""What the static site holds: every file with the fingerprint of its inputs and how to make it.

Article pages come from the one renderer (``render_article_page``) with the related modules
worked out in bulk; listing pages, feeds, sitemap, robots.txt and 404 from the theme's templates.
"""

from __future__ import annotations

import hashlib
import zlib
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from newsdesk import __version__
from newsdesk.core.assets import AssetRow, export_name
from newsdesk.core.pages import (
    AssetUrls,
    Linker,
    Prefetched,
    _card,
    corrections_html,
    page_frame,
    render_article_page,
    site_linker,
    site_locale,
)
from newsdesk.core.safe_paths import check_relative
from newsdesk.core.settings import SiteSettings
from newsdesk.domain.record import ArticleRecord
from newsdesk.domain.slugs import slug_problem
from newsdesk.errors import UserError
from newsdesk.export.feeds import (
    FeedInfo,
    FeedItem,
    atom_feed,
    feed_id,
    json_feed,
    rfc3339,
    robots,
    sitemap_index,
    sitemap_of,
)
from newsdesk.export.site_data import SiteData, load_records
from newsdesk.export.site_db import Db, db_of
from newsdesk.export.site_files import Plan, Producer
from newsdesk.render.body_html import asset_refs, resolve_assets
from newsdesk.render.dates import in_zone
from newsdesk.render.locale import catalogue_hash, format_number, translations
from newsdesk.render.page import Theme, render_template

if TYPE_CHECKING:
    from sqlmodel import Session

PER_PAGE = 20
_SITE = Path("the site")  # as a refused path's message names the folder
LATEST = 12
FEED_ITEMS = 50
RECORD_BATCH = 500  # article records loaded (and held) at a time while pages are rendered


def _check_slugs(d: SiteData) -> None:
    """Every slug that becomes a folder of the site is a slug (checked again here: a library
    written before the rule, or edited by hand, may hold one that is not)."""
    named = [("article", d.meta[a].headline, d.meta[a].slug) for a in d.pages]
    named += [("section", s.name, s.slug) for s in d.sections.values()]
    used = {t for a in d.pages for t in d.article_tags.get(a, ())}
    named += [("tag", d.tags[t][0], d.tags[t][1]) for t in sorted(used)]
    fix = {"article": "article edit ID --slug NEW", "section": "section rename OLD NEW",
           "tag": "tag edit NAME --slug NEW"}  # fmt: skip
    for kind, name, slug in named:
        problem = slug_problem(slug)
        if problem is not None:
            raise UserError(
                f"The {kind} {name!r} has the slug {slug!r}, which is not a valid slug "
                f"({problem}); give it a new one ('newsdesk {fix[kind]}') and export again"
            )


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


def _iso(moment: datetime | None) -> str:
    """A page's date as the sitemap writes it ("" for none)."""
    return rfc3339(moment) if moment else ""


SHARD_FROM = 5000  # pages in one sitemap.xml; above it, shards of about half SHARD_FROM


def shard_count(pages: int) -> int:
    """Sitemap shards for a site of ``pages`` pages: a power of two, so it changes rarely."""
    if pages <= SHARD_FROM:
        return 1
    need, count = -(-pages * 2 // SHARD_FROM), 2
    while count < need:
        count *= 2
    return count


def signature(row: Any, tag_ids: list[int], assets: list[str]) -> list[Any]:
    """What decides where an article shows on the site (its place in every list, its tags,
    its pictures): an edit that keeps it changes the article's pages and cards only."""
    # Plain JSON values already (as the recipe reads back from the library): no round trip.
    return [
        row.section_id, row.slug, _iso(row.published_at), bool(row.pinned), row.status,
        list(tag_ids), row.image_sha256, sorted(assets),
    ]  # fmt: skip


def shard_of(path: str, shards: int) -> int:
    return zlib.crc32(path.encode()) % shards if shards > 1 else 0


class SiteBuilder:
    """Works out every file of the site with its fingerprint and how to produce it."""

    def __init__(
        self,
        source: Session | Db,
        theme: Theme,
        settings: SiteSettings,
        data: SiteData,
        status: str,
        library_file: Path | None = None,
    ) -> None:
        """``source``: a session, or a plain ``Db`` (``site_quick``, or a whole export on a
        plain ``sqlite3`` connection to ``library_file``, which forked workers open again)."""
        self.db = db_of(source)
        self.library_file = library_file
        self.session: Session | None = None if isinstance(source, Db) else source
        self.theme, self.settings, self.data = theme, settings, data
        self.base = settings.base_url.rstrip("/")
        self.status = status
        nav = [(s.id, s.name, s.slug, s.position) for s in data.sections.values()]
        self.locale = site_locale(settings)
        self.labels = translations(self.locale, theme.folder)
        self.common = _sha(
            __version__,
            asdict(settings),
            _theme_hash(theme),
            catalogue_hash(self.locale, theme.folder),
            nav,
            status,
        )
        self.plan: Plan = {}
        self.recipes: dict[str, list[Any]] = {}
        self.deps: dict[str, list[int]] = {}
        self.pages: dict[str, tuple[int, str]] = {}  # page -> (sitemap shard, date)
        self.shards = 1
        self._page_ids: dict[str, int] = {}
        self._assets: dict[int, AssetUrls] = {}
        self._records: dict[int, ArticleRecord] = {}
        self._order: list[int] = []  # the article pages to render, in order (``preload``)
        self._upcoming: dict[int, int] = {}  # article -> its place in _order
        self._card_cache: dict[int, dict[int, dict[str, Any]]] = {}  # depth -> id -> card

    # --------------------------------------------------------------- helpers

    def reopen(self) -> None:
        """In a forked worker: a connection of its own (never the parent's)."""
        self._assets = {}
        if self.session is None:  # a plain sqlite3 connection (``services.site_full``)
            assert self.library_file is not None
            self.db = _read_only(self.library_file)
            return
        from sqlmodel import Session

        from newsdesk.storage.db import make_engine

        bind = self.session.get_bind()
        engine = make_engine(bind.engine.url.render_as_string(hide_password=False))
        self.session = Session(engine)
        self.db = db_of(self.session)

    def linker(self, path: str) -> Linker:
        return site_linker(_depth(path))

    def asset_urls(self, path: str) -> AssetUrls:
        depth = _depth(path)
        if depth not in self._assets:
            self._assets[depth] = AssetUrls(self.session, site_linker(depth), self.db.asset)
        return self._assets[depth]

    def url(self, page: str) -> str:
        """A page's address for feeds and the sitemap: absolute with a base URL."""
        return f"{self.base}/{page}" if self.base else page or "./"

    def records(self, ids: list[int]) -> dict[int, ArticleRecord]:
        """The articles' records. One that is next in the order ``preload`` was given comes
        with the batch that follows it, and the batch before is let go: the pages are
        written in that order, so only one batch of bodies is held at a time (all of them
        were 300 MB per process at 100,000 articles)."""
        missing = [i for i in ids if i not in self._records]
        if missing:
            at = self._upcoming.get(missing[0]) if len(ids) == 1 else None
            if at is not None:
                self._records = {}
                missing = self._order[at : at + RECORD_BATCH]
            self._records.update(load_records(self.db, self.data, missing))
        return {i: self._records[i] for i in ids}

    def preload(self, paths: list[str]) -> None:
        """The article pages about to be rendered, in order: their records are loaded in
        batches as they come (``records``)."""
        self._order = [self._page_ids[p] for p in paths if p in self._page_ids]
        self._upcoming = {aid: i for i, aid in enumerate(self._order)}
        self._records = {}

    def release(self) -> None:
        """Let go of what rendering kept (records, cards) once the files are written."""
        self._records, self._card_cache = {}, {}
        self._order, self._upcoming = [], {}

    def warm(self, paths: list[str]) -> None:
        """Before worker processes are forked: one file of each kind made in memory and thrown
        away, so what every page needs once (its templates, the locale's date and number
        data, the feed writers' modules) is loaded here, once, and not again in each worker.
        Cards and fragments it makes are the ones later pages show (same bytes)."""
        seen: set[tuple[Any, ...]] = set()
        for path in paths:
            recipe = self.recipes[path]
            # A section's and a tag's listing have templates of their own; an Atom feed
            # needs the XML writer, a JSON feed does not.
            variant = recipe[1] if recipe[0] == "l" else recipe[3] if recipe[0] == "f" else None
            kind = (recipe[0], variant)
            if kind not in seen:
                seen.add(kind)
                self.plan[path][1]()

    def _frame(
        self,
        path: str,
        title: str,
        description: str,
        moment: datetime | None,
        current: str | None = None,
    ) -> dict[str, Any]:
        s = self.settings
        return page_frame(
            s,
            self.linker(path),
            self.theme,
            title=title,
            description=description,
            local=in_zone(moment, s.timezone) if moment else None,
            sections=self.data.sections.values(),
            current=current,
            canonical_url=self.url(path.removesuffix("index.html")) if self.base else "",
        )

    def _cards(self, path: str, ids: list[int]) -> list[dict[str, Any]]:
        card, meta = self._card_maker(path), self.data.meta
        return [card(meta[i]) for i in ids]

    def _card_maker(self, path: str) -> Callable[[Any], dict[str, Any]]:
        """An article's card (from its row) for pages at the depth of ``path``, each made once
        (an article shows on its section's and its tags' listings and in other articles'
        modules: a dozen cards a page, looked up here)."""
        depth = _depth(path)
        made = self._card_cache.setdefault(depth, {})

        def card(row: Any) -> dict[str, Any]:
            found = made.get(row.id)
            if found is None:
                found = made[row.id] = _card(
                    row, self.linker(path), self.settings, self.data.sections,
                    self.asset_urls(path),
                )  # fmt: skip
            return found

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
            card=self._card_maker(path),
        )
        html = render_article_page(
            cast("Session", self.session),  # not read: the record, related and assets are given
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
            title
            if page == 1
            else self.labels.gettext("%(title)s, page %(page)s")
            % {"title": title, "page": format_number(page, self.locale)},
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
                "current_label": format_number(page, self.locale),
                "total_label": format_number(pages, self.locale),
                "prev_url": page_url(page - 1) if page > 1 else None,
                "next_url": page_url(page + 1) if page < pages else None,
            },
        }
        return render_template(self.theme, template, context, self.locale).encode()

    def home_page(self, ids: list[int]) -> bytes:
        path = "index.html"
        context = self._frame(path, "", self.settings.tagline, self._moment(ids[:1]))
        cards = self._cards(path, ids)
        context["lead"] = cards[0] if cards else None
        context["latest"] = cards[1:]
        return render_template(self.theme, "home.html", context, self.locale).encode()

    def simple_page(self, template: str, path: str, title: str, newest: list[int]) -> bytes:
        context = self._frame(path, title, "", self._moment(newest))
        if self.base:  # served for any address: links must not depend on where it is
            root = self.base + "/"
            linker = Linker(root=root, static=f"{root}static/", assets=f"{root}assets/")
            context["site"]["home_url"] = linker.home()
            context["stylesheets"] = [linker.stylesheet(n) for n in self.theme.stylesheets]
            for item, sec in zip(context["nav"], self.data.sections.values(), strict=True):
                item["url"] = linker.section(sec.slug)
        return render_template(self.theme, template, context, self.locale).encode()

    def feed_items(self, ids: list[int]) -> list[FeedItem]:
        recs = self.records(ids)
        items = []
        for aid in ids:
            rec = recs[aid]
            urls = {}
            for sha in sorted(_refs(rec)):
                asset = self.db.asset(sha)
                if asset is not None:
                    urls[sha] = self.url(f"assets/{export_name(asset)}")
            items.append(
                FeedItem(
                    uuid=str(rec.uuid), title=rec.headline, url=self.url(f"articles/{rec.slug}/"),
                    summary=rec.standfirst,
                    content_html=resolve_assets(rec.body_html, urls)
                    + corrections_html(rec, self.settings),
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
        """Every file of the site, each from a recipe (what it is made from, as JSON) that a
        quick re-export can use again on its own (``site_quick``)."""
        d = self.data
        _check_slugs(d)
        self._article_assets = self._load_article_assets()
        for aid in d.pages:
            related = d.related(aid)
            path = f"articles/{d.meta[aid].slug}/index.html"
            sig = signature(d.meta[aid], d.article_tags.get(aid, []), self._article_assets[aid])
            self.add(path, ["a", aid, related["read_more"], related["more_from_section"], sig])
        self.add("index.html", ["h", self._home_ids()])

        by_section: dict[int, list[int]] = {sid: [] for sid in d.sections}
        by_tag: dict[int, list[int]] = {}
        for aid in d.pages:
            sid = d.meta[aid].section_id
            if sid in by_section:
                by_section[sid].append(aid)
            for tid in d.article_tags.get(aid, ()):
                by_tag.setdefault(tid, []).append(aid)
        for sid, ids in by_section.items():
            base = f"sections/{d.sections[sid].slug}/"
            self._paginate(base, "s", sid, ids)
            self.add(f"{base}feed.xml", ["f", sid, ids[:FEED_ITEMS], "atom"])
            self.add(f"{base}feed.json", ["f", sid, ids[:FEED_ITEMS], "json"])
        for tid, ids in sorted(by_tag.items(), key=lambda kv: d.tags[kv[0]][1]):
            self._paginate(f"tags/{d.tags[tid][1]}/", "t", tid, ids)
        self.add("feed.xml", ["f", None, d.pages[:FEED_ITEMS], "atom"])
        self.add("feed.json", ["f", None, d.pages[:FEED_ITEMS], "json"])

        self.add("404.html", ["404", d.pages[:1]])
        for name in self.theme.stylesheets:
            self.add(f"static/{name}", ["static", name])
        for sha, name in self._asset_files():
            self.add(f"assets/{name}", ["asset", sha])
        pages = sorted(p for p, (shard, _m) in self.pages.items())
        self.shards = shard_count(len(pages))
        for p in pages:
            self.pages[p] = (shard_of(p, self.shards), self.pages[p][1])
        self.add_sitemaps()
        self.add("robots.txt", ["robots"])

    def add_sitemaps(self) -> None:
        """sitemap.xml: the pages themselves, or for a large site an index of shards (a page's
        shard follows from its path, so one edit rewrites one shard)."""
        entries: dict[int, list[tuple[str, str]]] = {k: [] for k in range(self.shards)}
        for p, (shard, lastmod) in self.pages.items():
            entries[shard].append((self.url(p.removesuffix("index.html")), lastmod))
        if self.shards == 1:
            self.add("sitemap.xml", ["m", 0], sorted(entries[0]))
            return
        for k in range(self.shards):
            self.add(f"sitemaps/{k}.xml", ["m", k], sorted(entries[k]))
        self.add("sitemap.xml", ["M", self.shards])

    def add(self, path: str, recipe: list[Any], entries: Any = None) -> None:
        check_relative(path, _SITE)  # every file of the site stays inside it
        fingerprint, producer, deps, lastmod = self.make(path, recipe, entries)
        self.plan[path] = (_sha(self.common, path, fingerprint), producer)
        self.recipes[path] = recipe
        self.deps[path] = deps
        if lastmod is not None:
            self.pages[path] = (-1, lastmod)

    def make(
        self, path: str, recipe: list[Any], entries: Any = None
    ) -> tuple[str, Producer, list[int], str | None]:
        """A file's input fingerprint, how to make its bytes, the articles it shows and, for a
        page, its date in the sitemap — all from its recipe and the loaded data."""
        d, kind = self.data, recipe[0]
        tokens = d.token
        if kind == "a":
            aid = recipe[1]
            self._page_ids[path] = aid
            deps = [aid, *recipe[2], *recipe[3]]
            moment = d.meta[aid].updated_at
            return d.fingerprint(aid), partial(self.article_page, aid, path), deps, _iso(moment)
        if kind == "h":
            ids = recipe[1]
            fp = _sha([tokens(a) for a in ids])
            return fp, partial(self.home_page, ids), ids, _iso(self._moment(ids))
        if kind == "l":
            return self._listing(path, recipe)
        if kind == "f":
            return self._feed(path, recipe)
        if kind == "404":
            ids = recipe[1]
            title = self.labels.gettext("Page not found")
            fp = _sha([tokens(a) for a in ids])
            return fp, partial(self.simple_page, "404.html", path, title, ids), ids, None
        if kind == "static":
            data = (self.theme.static_dir / recipe[1]).read_bytes()
            return hashlib.sha256(data).hexdigest(), partial(bytes, data), [], None
        if kind == "asset":
            return recipe[1], partial(self._asset_bytes, recipe[1]), [], None
        if kind == "m":
            urls = list(entries)
            return _sha(urls), partial(sitemap_of, urls), [], None
        if kind == "M":
            locs = [self.url(f"sitemaps/{k}.xml") for k in range(recipe[1])]
            return _sha(locs), partial(sitemap_index, locs), [], None
        if kind == "robots":
            sitemap_url = f"{self.base}/sitemap.xml" if self.base else None
            return "", partial(robots, sitemap_url), [], None
        raise ValueError(f"unknown recipe {recipe!r}")

    def _owner(self, kind: str, owner: int) -> tuple[str, str, str, Any, str | None]:
        """A listing's template, title, description, fingerprint key and current nav item."""
        if kind == "s":
            sec = self.data.sections[owner]
            return "section.html", sec.name, sec.description, None, sec.name
        name, slug = self.data.tags[owner]
        return "tag.html", name, "", (name, slug), None

    def _listing(self, path: str, recipe: list[Any]) -> tuple[str, Producer, list[int], str | None]:
        _l, kind, owner, n, pages, chunk = recipe
        template, title, description, key, current = self._owner(kind, owner)
        base = path.removesuffix(f"page/{n}/index.html" if n > 1 else "index.html")
        fingerprint = _sha(title, description, key, pages, [self.data.token(a) for a in chunk])
        producer = partial(
            self.listing_page, template, path, title, description, chunk, n, pages, base, current
        )
        return fingerprint, producer, list(chunk), _iso(self._moment(chunk))

    def _feed(self, path: str, recipe: list[Any]) -> tuple[str, Producer, list[int], str | None]:
        _f, sid, ids, form = recipe
        s = self.settings
        if sid is None:
            base, title, description = "", s.site_name, s.tagline
        else:
            sec = self.data.sections[sid]
            base = f"sections/{sec.slug}/"
            title, description = f"{s.site_name}: {sec.name}", sec.description or sec.name
        fingerprint = _sha(title, description, [self.data.token(a) for a in ids])
        write = atom_feed if form == "atom" else json_feed

        def producer() -> bytes:
            return write(self.feed_info(title, description, base, path), self.feed_items(ids))

        return fingerprint, producer, list(ids), None

    def _home_ids(self) -> list[int]:
        d = self.data
        pinned = [a for a in d.pages if d.meta[a].pinned]
        rest = [a for a in d.pages[: LATEST + 1 + len(pinned)] if not d.meta[a].pinned]
        return (pinned + rest)[: LATEST + 1]

    def _paginate(self, base: str, kind: str, owner: int, ids: list[int]) -> None:
        pages = max(1, -(-len(ids) // PER_PAGE))
        for n in range(1, pages + 1):
            chunk = ids[(n - 1) * PER_PAGE : n * PER_PAGE]
            path = f"{base}index.html" if n == 1 else f"{base}page/{n}/index.html"
            self.add(path, ["l", kind, owner, n, pages, chunk])

    def _load_article_assets(self) -> dict[int, list[str]]:
        """Each article's pictures (kept with its page's recipe: a change to them may change
        the site's asset files)."""
        out: dict[int, list[str]] = defaultdict(list)
        rows = self.db.rows("SELECT article_id, asset_sha256 FROM article_asset")
        for aid, sha in sorted(rows):
            out[aid].append(sha)
        return out

    def _asset_files(self) -> list[tuple[str, str]]:
        ids = set(self.data.pages) | set(self.data.published)
        shas = {self.data.meta[a].image_sha256 for a in ids if self.data.meta[a].image_sha256}
        shas |= {sha for aid, found in self._article_assets.items() if aid in ids for sha in found}
        found: list[tuple[str, str]] = []
        wanted = sorted(shas)
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for sha, media_type in self.db.rows(
                f"SELECT sha256, media_type FROM asset WHERE sha256 IN ({marks})", chunk
            ):
                found.append((sha, export_name(AssetRow(sha, "", media_type, None, None, b""))))
        return sorted(found)

    def _asset_bytes(self, sha: str) -> bytes:
        asset = self.db.asset(sha)
        assert asset is not None
        return asset.data


def _read_only(path: Path) -> Db:
    """A read-only connection of its own to the library file (a forked worker must not use
    the parent's: SQLite's locks and caches are not shared across a fork)."""
    import sqlite3

    from newsdesk.export.site_db import SqliteDb

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=5.0)
    return SqliteDb(conn)


def _refs(rec: ArticleRecord) -> set[str]:
    return asset_refs(rec.body_html) | ({rec.image_sha256} if rec.image_sha256 else set())
