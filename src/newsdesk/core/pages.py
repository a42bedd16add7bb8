"""Building the published page of an article: the one place a page's content is decided.

The preview, the HTML export, bundles, the static site and the publishers all call
``render_article_page``; they differ only in the ``Linker`` that says where things live.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from html import escape
from typing import TYPE_CHECKING, Any

from newsdesk.core.assets import AssetRow, export_name
from newsdesk.core.settings import SiteSettings, load_settings, site_slugify
from newsdesk.domain.record import ArticleRecord
from newsdesk.domain.status import Status
from newsdesk.render.body_html import asset_refs, resolve_assets
from newsdesk.render.dateline import insert_dateline
from newsdesk.render.dates import dateline_time, in_zone, iso, long_date, short_date
from newsdesk.render.locale import (
    PageLocale,
    list_joiners,
    page_locale,
    text_direction,
    translations,
)
from newsdesk.render.page import Theme, render_template

if TYPE_CHECKING:  # the queries below import the ORM where they run: a static-site re-export
    # renders pages through this module without it (``services.site_lean``)
    from sqlmodel import Session

    from newsdesk.storage.models import Article, Asset

READ_MORE = 4
MORE_FROM_SECTION = 3
MOST_POPULAR = 5


@dataclass(frozen=True)
class Linker:
    """Where pages, stylesheets and images live for one kind of output.

    ``root`` prefixes site pages (``articles/<slug>/``…); pages on disk get ``index.html``
    appended so they open from a file browser.
    """

    root: str
    static: str
    assets: str
    inline_css: bool = False
    inline_assets: bool = False

    @property
    def _suffix(self) -> str:
        return "" if "://" in self.root else "index.html"

    def home(self) -> str:
        return self.root + self._suffix if self.root else "./" + self._suffix

    def article(self, slug: str) -> str:
        return f"{self.root}articles/{slug}/{self._suffix}"

    def section(self, slug: str) -> str:
        return f"{self.root}sections/{slug}/{self._suffix}"

    def tag(self, slug: str) -> str:
        return f"{self.root}tags/{slug}/{self._suffix}"

    def asset(self, asset_name: str) -> str:
        return self.assets + asset_name

    def stylesheet(self, name: str) -> str:
        return self.static + name


@cache
def site_linker(depth: int) -> Linker:
    """Links from a page ``depth`` folders down the site (one frozen Linker per depth: a site
    export asks for one for every page)."""
    up = "../" * depth
    return Linker(root=up, static=f"{up}static/", assets=f"{up}assets/")


def export_linker(base_url: str = "", *, single_file: bool = False) -> Linker:
    """A page exported on its own: CSS and images beside it; other pages on the site."""
    root = base_url.rstrip("/") + "/" if base_url else "../../"
    return Linker(
        root=root, static="", assets="assets/", inline_css=single_file, inline_assets=single_file
    )


PREVIEW_LINKER = Linker(
    root="newsdesk://site/", static="newsdesk://theme/", assets="newsdesk://asset/"
)


def _published_moment(rec: ArticleRecord) -> datetime | None:
    return rec.published_at or rec.scheduled_at or rec.updated_at or rec.created_at


class AssetUrls:
    """Hands out URLs for library assets in one output and remembers which were used."""

    def __init__(
        self,
        session: Session | None,
        linker: Linker,
        lookup: Callable[[str], AssetRow | None] | None = None,
    ) -> None:
        self.session, self.linker = session, linker
        self.used: dict[str, Any] = {}  # sha -> the Asset (or AssetRow: the same attributes)
        self._urls: dict[str, str] = {}
        self._lookup = lookup

    def get(self, sha: str) -> Asset | AssetRow | None:
        """The library's picture ``sha`` (``lookup`` where given, else the session's)."""
        if sha in self.used:
            return self.used[sha]
        if self._lookup is not None:
            return self._lookup(sha)
        from newsdesk.storage.models import Asset

        assert self.session is not None
        return self.session.get(Asset, sha)

    def url(self, sha: str) -> str | None:
        if sha not in self._urls:
            asset = self.get(sha)
            if asset is None:
                return None
            self.used[sha] = asset
            if self.linker.inline_assets:
                data = base64.b64encode(asset.data).decode()
                self._urls[sha] = f"data:{asset.media_type};base64,{data}"
            else:
                self._urls[sha] = self.linker.asset(export_name(asset))
        return self._urls[sha]

    def mapping(self, shas: set[str]) -> dict[str, str]:
        return {sha: url for sha in sorted(shas) if (url := self.url(sha)) is not None}


def _card(
    row: Article,
    linker: Linker,
    settings: SiteSettings,
    sections: dict[int, Any],  # Section rows or anything with their attributes
    assets: AssetUrls,
) -> dict[str, Any]:
    moment = row.published_at or row.updated_at
    image_url = assets.url(row.image_sha256) if row.image_sha256 else None
    section = sections.get(row.section_id) if row.section_id else None
    return {
        "headline": row.headline,
        "url": linker.article(row.slug),
        "standfirst": row.standfirst,
        "section_name": section.name if section else None,
        "date_label": short_date(in_zone(moment, settings.timezone), site_locale(settings))
        if moment
        else "",
        "image_url": image_url,
        "image_alt": row.image_alt,
        "uuid": row.uuid,
    }


def site_locale(settings: SiteSettings) -> PageLocale:
    """The locale the site's pages are written in (labels, dates, direction)."""
    return page_locale(settings.locale, settings.language)


def locale_frame(settings: SiteSettings) -> dict[str, str]:
    """The page's ``language`` and ``dir`` (``<html lang dir>``) for the site's locale."""
    loc = site_locale(settings)
    return {"language": loc.tag, "dir": loc.direction}


def _article_language(rec: ArticleRecord, loc: PageLocale) -> dict[str, str | None]:
    """An article in another language than the page's carries its own ``lang`` and ``dir``."""
    language = (rec.language or "").strip()
    if not language or language.replace("_", "-").split("-")[0].lower() == loc.language:
        return {"language": None, "dir": None}
    return {"language": language.replace("_", "-"), "dir": text_direction(language)}


def _published() -> Any:
    from sqlmodel import select

    from newsdesk.storage.models import Article

    return select(Article).where(Article.status == Status.PUBLISHED.value)


def related_articles(session: Session, rec: ArticleRecord) -> dict[str, list[Article]]:
    """Read more (shared tags first, then section), More from <section>, Most popular."""
    from sqlalchemy import func
    from sqlmodel import col, select

    from newsdesk.storage.models import Article, ArticleTag, Section

    # The record's own tags and section, not the stored ones: the preview shows fields that
    # are typed but not saved yet (for a stored record the two agree).
    shared = (
        select(ArticleTag.article_id, func.count().label("n"))
        .where(
            col(ArticleTag.tag_id).in_(_tag_ids(rec.tags)),
            ArticleTag.article_id != rec.id,
        )
        .group_by(col(ArticleTag.article_id))
        .subquery()
    )
    read_more = list(
        session.exec(
            _published()
            .join(shared, shared.c.article_id == Article.id)
            .order_by(shared.c.n.desc(), col(Article.published_at).desc(), col(Article.id))
            .limit(READ_MORE)
        ).all()
    )
    section_id = (
        session.exec(select(Section.id).where(Section.name == rec.section)).first()
        if rec.section
        else None
    )
    same_section: list[Article] = []
    if section_id is not None:
        same_section = list(
            session.exec(
                _published()
                .where(Article.section_id == section_id, Article.id != rec.id)
                .order_by(col(Article.published_at).desc(), col(Article.id))
                .limit(READ_MORE + MORE_FROM_SECTION)
            ).all()
        )
    seen = {rec.id} | {a.id for a in read_more}
    for row in same_section:
        if len(read_more) >= READ_MORE:
            break
        if row.id not in seen:
            read_more.append(row)
            seen.add(row.id)
    more_from = [a for a in same_section if a.id not in seen][:MORE_FROM_SECTION]
    popular = list(
        session.exec(
            _published()
            .where(Article.id != rec.id)
            .order_by(col(Article.pinned).desc(), col(Article.published_at).desc(), col(Article.id))
            .limit(MOST_POPULAR)
        ).all()
    )
    return {"read_more": read_more, "more_from_section": more_from, "most_popular": popular}


def page_frame(
    settings: SiteSettings,
    linker: Linker,
    theme: Theme,
    *,
    title: str,
    description: str,
    local: datetime | None,
    sections: Iterable[Any],
    current: str | None = None,
    canonical_url: str = "",
) -> dict[str, Any]:
    """What every page around its content has — ``<head>``, masthead, section navigation,
    footer — for the article pages (preview, export, publish) and the site's listings alike.
    ``local`` is the page's moment in the site's time zone (the masthead's date, the footer's
    year; the current year when the page has none)."""
    loc = site_locale(settings)
    return {
        "page": {
            "title": f"{title} | {settings.site_name}" if title else settings.site_name,
            "description": description,
            **locale_frame(settings),
            "canonical_url": canonical_url,
        },
        "stylesheets": []
        if linker.inline_css
        else [linker.stylesheet(n) for n in theme.stylesheets],
        "inline_css": theme.stylesheet_text() if linker.inline_css else "",
        "site": {
            "name": settings.site_name,
            "tagline": settings.tagline,
            "home_url": linker.home(),
        },
        "masthead": {
            "date_label": long_date(local, settings.date_format, loc) if local else "",
            "date_iso": local.date().isoformat() if local else "",
            "left": settings.masthead_left,
            "right": settings.masthead_right,
        },
        "nav": [
            {"name": s.name, "url": linker.section(s.slug), "current": s.name == current}
            for s in sections
        ],
        "footer": {"year": (local or datetime.now()).year, "text": settings.footer_text},
    }


@dataclass(frozen=True)
class Prefetched:
    """What ``article_context`` would query for one article, loaded in bulk by a caller that
    renders many pages (the static site); rows need only the attributes the query gives."""

    sections: dict[int, Any]
    related: dict[str, list[Any]]
    tag_slugs: list[tuple[str, str]]
    # Makes a related article's card; a caller may cache them (one article, many pages).
    card: Callable[[Any], dict[str, Any]] | None = None


def article_context(
    session: Session,
    rec: ArticleRecord,
    linker: Linker,
    settings: SiteSettings,
    theme: Theme,
    assets: AssetUrls | None = None,
    prefetched: Prefetched | None = None,
) -> dict[str, Any]:
    """Everything the article template needs, as plain values."""
    assets = assets or AssetUrls(session, linker)
    sections = (
        prefetched.sections
        if prefetched
        else {s.id: s for s in _list_sections(session) if s.id is not None}
    )
    moment = _published_moment(rec)
    local = in_zone(moment, settings.timezone) if moment else None
    loc = site_locale(settings)
    headline = rec.headline or translations(loc, theme.folder).gettext("Untitled")
    joiners = list_joiners(len(rec.byline), loc)
    asset_names = assets.mapping(
        asset_refs(rec.body_html) | ({rec.image_sha256} if rec.image_sha256 else set())
    )
    body = insert_dateline(rec.body_html, rec.dateline, settings.dateline_style)
    body = resolve_assets(body, asset_names)
    section = next((s for s in sections.values() if s.name == rec.section), None)
    image = None
    if rec.image_sha256:
        asset = assets.get(rec.image_sha256)
        if asset is not None:
            image = {
                "url": asset_names.get(asset.sha256, ""),
                "alt": rec.image_alt,
                "caption": rec.image_caption,
                "credit": rec.image_credit,
                "width": asset.width,
                "height": asset.height,
            }
    related = prefetched.related if prefetched else related_articles(session, rec)
    tag_slugs = prefetched.tag_slugs if prefetched else _tag_slugs(session, rec)
    return {
        **page_frame(
            settings,
            linker,
            theme,
            title=headline,
            description=rec.seo_description or rec.standfirst,
            local=local,
            sections=sections.values(),
            current=rec.section,
            canonical_url=linker.article(rec.slug)
            if "://" in linker.root and not linker.root.startswith("newsdesk")
            else "",
        ),
        "article": {
            "uuid": rec.uuid,
            "slug": rec.slug,
            "headline": headline,
            "standfirst": rec.standfirst,
            "body_html": body,
            **_article_language(rec, loc),
            "byline": [
                {"name": name, "url": None, "joiner": joiner}
                for name, joiner in zip(rec.byline, joiners, strict=True)
            ],
            "date_label": dateline_time(local, loc) if local else "",
            "date_iso": iso(local) if local else "",
            "updated_label": _updated_label(rec, settings),
            "corrections": corrections_context(rec, settings),
            "embargo_label": dateline_time(in_zone(rec.embargo_at, settings.timezone))
            if rec.embargo_at and linker.root.startswith("newsdesk://")
            else "",
            "section": {"name": section.name, "url": linker.section(section.slug)}
            if section
            else None,
            "tags": [{"name": name, "url": linker.tag(slug)} for name, slug in tag_slugs],
            "image": image,
            "status": rec.status,
        },
        **{
            key: [
                prefetched.card(row)
                if prefetched and prefetched.card
                else _card(row, linker, settings, sections, assets)
                for row in rows
            ]
            for key, rows in related.items()
        },
    }


def _updated_label(rec: ArticleRecord, settings: SiteSettings) -> str:
    """The time of the newest correction or update, shown beside the publish date."""
    moment = rec.last_correction_at
    return dateline_time(in_zone(moment, settings.timezone)) if moment else ""


def corrections_context(rec: ArticleRecord, settings: SiteSettings) -> list[dict[str, str]]:
    return [
        {
            "kind": c.kind,
            "label": c.label,
            "text": c.text,
            "time_label": dateline_time(in_zone(c.created_at, settings.timezone)),
            "time_iso": iso(in_zone(c.created_at, settings.timezone)),
        }
        for c in rec.corrections
    ]


def corrections_html(rec: ArticleRecord, settings: SiteSettings) -> str:
    """The corrections as HTML after a body, for feeds and publishers (which have no theme)."""
    out = []
    for c in corrections_context(rec, settings):
        out.append(
            f'<aside class="newsdesk-{c["kind"]}"><p><strong>{escape(c["label"])}:</strong> '
            f'{escape(c["text"])}</p><p><time datetime="{escape(c["time_iso"])}">'
            f"{escape(c['time_label'])}</time></p></aside>"
        )
    return "\n".join(out)


def _list_sections(session: Session) -> list[Any]:
    from newsdesk.core import taxonomy

    return list(taxonomy.list_sections(session))


def _tag_ids(names: list[str]) -> Any:
    from sqlalchemy import func
    from sqlmodel import select

    from newsdesk.storage.models import Tag

    return select(Tag.id).where(func.lower(Tag.name).in_([n.lower() for n in names]))


def _tag_slugs(session: Session, rec: ArticleRecord) -> list[tuple[str, str]]:
    """The record's tags in its order, with the library's slug (a tag typed but not saved
    yet gets the slug it will have)."""
    if not rec.tags:
        return []
    from sqlalchemy import func
    from sqlmodel import select

    from newsdesk.storage.models import Tag

    rows = session.exec(
        select(Tag.name, Tag.slug).where(func.lower(Tag.name).in_([n.lower() for n in rec.tags]))
    ).all()
    known = {name.lower(): (name, slug) for name, slug in rows}
    return [known.get(n.lower(), (n, site_slugify(session, n))) for n in rec.tags]


def render_article_page(
    session: Session,
    ref: str | int | ArticleRecord,
    linker: Linker,
    theme: Theme,
    settings: SiteSettings | None = None,
    assets: AssetUrls | None = None,
    prefetched: Prefetched | None = None,
) -> str:
    """The article's page; ``assets`` (if given) collects the library images the page uses."""
    if not isinstance(ref, ArticleRecord):
        from newsdesk.core.articles import get_article

        ref = get_article(session, ref)
    rec = ref
    settings = settings or load_settings(session)
    context = article_context(session, rec, linker, settings, theme, assets, prefetched)
    return render_template(theme, "article.html", context, site_locale(settings))
