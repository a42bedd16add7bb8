"""Syndication files of the static site: Atom 1.0, JSON Feed 1.1, sitemap.xml and robots.txt."""

from __future__ import annotations

import json
import uuid as uuid_mod
from dataclasses import dataclass
from datetime import UTC, datetime
from xml.sax.saxutils import escape, quoteattr

JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


@dataclass(frozen=True)
class FeedItem:
    uuid: str
    title: str
    url: str  # absolute with a base URL, else relative to the site root
    summary: str
    content_html: str
    published: datetime | None
    updated: datetime | None
    authors: list[str]
    tags: list[str]
    image_url: str | None = None


@dataclass(frozen=True)
class FeedInfo:
    title: str
    description: str
    home_url: str
    feed_url: str  # of this feed, as above
    author: str  # the feed's author when an entry has none (Atom requires one)
    language: str
    feed_id: str  # a stable URN


def _rfc3339(moment: datetime | None) -> str:
    return (
        (moment or datetime(1970, 1, 1, tzinfo=UTC))
        .astimezone(UTC)
        .isoformat()
        .replace("+00:00", "Z")
    )


def feed_id(site_name: str, path: str) -> str:
    """A stable feed identity that does not depend on where the site is served."""
    return f"urn:uuid:{uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f'newsdesk:{site_name}:{path}')}"


def atom_feed(info: FeedInfo, items: list[FeedItem]) -> bytes:
    moments = [m for i in items if (m := i.updated or i.published) is not None]
    updated = max(moments, default=None)
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(info.language)}>',
        f"  <id>{escape(info.feed_id)}</id>",
        f"  <title>{escape(info.title)}</title>",
        f"  <subtitle>{escape(info.description)}</subtitle>",
        f"  <updated>{_rfc3339(updated)}</updated>",
        f'  <link rel="self" type="application/atom+xml" href={quoteattr(info.feed_url)}/>',
        f'  <link rel="alternate" type="text/html" href={quoteattr(info.home_url)}/>',
        f"  <author><name>{escape(info.author)}</name></author>",
        "  <generator>newsdesk</generator>",
    ]
    for item in items:
        out += [
            "  <entry>",
            f"    <id>urn:uuid:{item.uuid}</id>",
            f"    <title>{escape(item.title)}</title>",
            f'    <link rel="alternate" type="text/html" href={quoteattr(item.url)}/>',
            f"    <published>{_rfc3339(item.published or item.updated)}</published>",
            f"    <updated>{_rfc3339(item.updated or item.published)}</updated>",
        ]
        out += [f"    <author><name>{escape(a)}</name></author>" for a in item.authors]
        out += [f"    <category term={quoteattr(t)}/>" for t in item.tags]
        if item.summary:
            out.append(f"    <summary>{escape(item.summary)}</summary>")
        out.append(f'    <content type="html">{escape(item.content_html)}</content>')
        out.append("  </entry>")
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode()


def json_feed(info: FeedInfo, items: list[FeedItem]) -> bytes:
    feed = {
        "version": JSON_FEED_VERSION,
        "title": info.title,
        "description": info.description,
        "home_page_url": info.home_url,
        "feed_url": info.feed_url,
        "language": info.language,
        "authors": [{"name": info.author}],
        "items": [
            {
                "id": f"urn:uuid:{item.uuid}",
                "url": item.url,
                "title": item.title,
                "summary": item.summary,
                "content_html": item.content_html,
                "date_published": _rfc3339(item.published or item.updated),
                "date_modified": _rfc3339(item.updated or item.published),
                "authors": [{"name": a} for a in item.authors],
                "tags": list(item.tags),
                **({"image": item.image_url} if item.image_url else {}),
            }
            for item in items
        ],
    }
    return (json.dumps(feed, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def sitemap(urls: list[tuple[str, datetime | None]]) -> bytes:
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for url, modified in urls:
        lastmod = f"<lastmod>{_rfc3339(modified)}</lastmod>" if modified else ""
        out.append(f"  <url><loc>{escape(url)}</loc>{lastmod}</url>")
    out.append("</urlset>")
    return ("\n".join(out) + "\n").encode()


def robots(sitemap_url: str | None) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines.append(f"Sitemap: {sitemap_url}")
    return ("\n".join(lines) + "\n").encode()
