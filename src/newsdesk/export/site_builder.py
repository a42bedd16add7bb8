"""What the static site holds: every file with the fingerprint of its inputs and how to make it.

Article pages come from the one renderer (``render_article_page``) with the related modules
worked out in bulk; listing pages, feeds, sitemap, robots.txt and 404 from the theme's templates.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from newsdesk import __version__
from newsdesk.core.articles import ArticleRecord
from newsdesk.core.assets import export_name
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
from newsdesk.domain.slugs import slug_problem
from newsdesk.errors import UserError
from newsdesk.export.feeds import FeedInfo, FeedItem, atom_feed, feed_id, json_feed, robots, sitemap
from newsdesk.export.site_data import SiteData, load_records
from newsdesk.export.site_files import Plan, Producer
from newsdesk.render.dates import in_zone
from newsdesk.render.locale import catalogue_hash, format_number, translations
from newsdesk.render.markdown import asset_refs, resolve_assets
from newsdesk.render.page import Theme, render_template
from newsdesk.storage.db import make_engine
from newsdesk.storage.models import ArticleAsset, Asset

PER_PAGE = 20
LATEST = 12
FEED_ITEMS = 50


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


class SiteBuilder:
    """Works out every file of the site with its fingerprint and how to produce it."""

    def __init__(
        self, session: Session, theme: Theme, settings: SiteSettings, data: SiteData, status: str
    ) -> None:
        self.session, self.theme, self.settings, self.data = session, theme, settings, data
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
        check_relative(path, Path("the site"))  # every file of the site stays inside it
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
        return [self._article_card(path, self.data.meta[i]) for i in ids]

    def _article_card(self, path: str, row: Any) -> dict[str, Any]:
        """An article's card for a page at the depth of ``path``, made once (an article shows
        on its section's and its tags' listings and in other articles' modules)."""
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

    def simple_page(self, template: str, path: str, title: str) -> bytes:
        context = self._frame(path, title, "", self._moment(self.data.pages[:1]))
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
                asset = self.session.get(Asset, sha)
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
        d = self.data
        tokens = {aid: d.token(aid) for aid in d.pages}
        self._page_ids: dict[str, int] = {}
        page_urls: list[tuple[str, datetime | None]] = []

        _check_slugs(d)
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

        self.add(
            "404.html",
            "",
            lambda: self.simple_page("404.html", "404.html", self.labels.gettext("Page not found")),
        )
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
