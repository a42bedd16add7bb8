"""Syndication files of the static site: Atom 1.0, JSON Feed 1.1, sitemap.xml and robots.txt."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported where a tree is built: a one-edit re-export writes only sitemaps
    import xml.etree.ElementTree as ET

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
    import uuid as uuid_mod  # here: it imports platform, ~2 ms of a re-export that has no feed

    return f"urn:uuid:{uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f'newsdesk:{site_name}:{path}')}"


ATOM = "http://www.w3.org/2005/Atom"
# C0 controls but tab, newline and carriage return: what XML 1.0 refuses of ASCII.
_NOT_XML_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@cache
def _not_xml() -> re.Pattern[str]:
    """What XML 1.0 allows in text: anything else (C0 controls, lone surrogates, U+FFFE/FFFF)
    would make the feed not well-formed, so it is dropped. Compiled when first needed (~10 ms:
    more than a one-edit re-export's sitemap, whose addresses are ASCII, takes to write)."""
    return re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml(text: str) -> str:
    if text.isascii():
        return _NOT_XML_ASCII.sub("", text)
    return _not_xml().sub("", text)


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    import xml.etree.ElementTree as ET

    el = ET.SubElement(parent, tag, {k.replace("_", ":"): _xml(v) for k, v in attrs.items()})
    if text is not None:
        el.text = _xml(text)
    return el


def _document(root: ET.Element) -> bytes:
    """The tree as UTF-8, every value escaped by the XML library (never pasted as text)."""
    import xml.etree.ElementTree as ET

    ET.indent(root, "  ")
    return (
        ET.tostring(root, encoding="utf-8", xml_declaration=True).replace(
            b"<?xml version='1.0' encoding='utf-8'?>", b'<?xml version="1.0" encoding="utf-8"?>'
        )
        + b"\n"
    )


def atom_feed(info: FeedInfo, items: list[FeedItem]) -> bytes:
    import xml.etree.ElementTree as ET

    moments = [m for i in items if (m := i.updated or i.published) is not None]
    updated = max(moments, default=None)
    feed = ET.Element("feed", {"xmlns": ATOM, "xml:lang": _xml(info.language)})
    _add(feed, "id", info.feed_id)
    _add(feed, "title", info.title)
    _add(feed, "subtitle", info.description)
    _add(feed, "updated", _rfc3339(updated))
    _add(feed, "link", rel="self", type="application/atom+xml", href=info.feed_url)
    _add(feed, "link", rel="alternate", type="text/html", href=info.home_url)
    _add(_add(feed, "author"), "name", info.author)
    _add(feed, "generator", "newsdesk")
    for item in items:
        entry = _add(feed, "entry")
        _add(entry, "id", _entry_id(item.uuid))
        _add(entry, "title", item.title)
        _add(entry, "link", rel="alternate", type="text/html", href=item.url)
        _add(entry, "published", _rfc3339(item.published or item.updated))
        _add(entry, "updated", _rfc3339(item.updated or item.published))
        for a in item.authors:
            _add(_add(entry, "author"), "name", a)
        for t in item.tags:
            _add(entry, "category", term=t)
        if item.summary:
            _add(entry, "summary", item.summary)
        _add(entry, "content", item.content_html, type="html")
    return _document(feed)


def _entry_id(value: str) -> str:
    """``urn:uuid:…`` of the article; anything that is not a UUID gets a stable one made
    from it (a library written before UUIDs were checked may hold such a value)."""
    import uuid as uuid_mod

    try:
        return f"urn:uuid:{uuid_mod.UUID(value)}"
    except ValueError:
        return f"urn:uuid:{uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, f'newsdesk:{value}')}"


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
                "id": _entry_id(item.uuid),
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


SITEMAPS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def rfc3339(moment: datetime) -> str:
    return _rfc3339(moment)


def sitemap(urls: list[tuple[str, datetime | None]]) -> bytes:
    return sitemap_of([(url, _rfc3339(m) if m else "") for url, m in urls])


def _text(value: str) -> str:
    """A value as XML character data, escaped as ElementTree escapes it."""
    value = _xml(value)
    if "&" in value or "<" in value or ">" in value:
        value = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def sitemap_of(urls: list[tuple[str, str]]) -> bytes:
    """A sitemap of (address, date as RFC 3339 or ""): the bytes ElementTree writes for the
    same tree (a test compares them), written as text, which takes a third of the time (a
    one-edit re-export of a 100,000-article site writes a few shards of ~1,900 pages)."""
    if not urls:
        return f'{XML_DECLARATION}\n<urlset xmlns="{SITEMAPS}" />\n'.encode()
    parts = [f'{XML_DECLARATION}\n<urlset xmlns="{SITEMAPS}">']
    for url, modified in urls:
        if modified:
            parts.append(
                f"  <url>\n    <loc>{_text(url)}</loc>\n    <lastmod>{_text(modified)}</lastmod>\n"
                "  </url>"
            )
        else:
            parts.append(f"  <url>\n    <loc>{_text(url)}</loc>\n  </url>")
    parts.append("</urlset>\n")
    return "\n".join(parts).encode()


XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'


def sitemap_index(locs: list[str]) -> bytes:
    """A sitemap index: the addresses of a large site's sitemap shards."""
    import xml.etree.ElementTree as ET

    index = ET.Element("sitemapindex", {"xmlns": SITEMAPS})
    for loc in locs:
        _add(_add(index, "sitemap"), "loc", loc)
    return _document(index)


def robots(sitemap_url: str | None) -> bytes:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines.append(f"Sitemap: {sitemap_url}")
    return ("\n".join(lines) + "\n").encode()
