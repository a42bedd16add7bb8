"""Importing a WordPress export file (WXR): posts with categories, tags, authors, dates, status.

Images referenced by URL stay links. Each post's UUID is derived from its WordPress GUID, so
importing the same export again updates the same articles.
"""

from __future__ import annotations

import uuid as uuid_mod
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from sqlmodel import Session

from newsdesk.domain.frontmatter import parse_datetime
from newsdesk.errors import ImportFailed
from newsdesk.importers.markdown import ImportResult
from newsdesk.importers.upsert import upsert_article
from newsdesk.services.progress import Progress

MAX_WXR_BYTES = 200 * 1024 * 1024
NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "dc": "http://purl.org/dc/elements/1.1/",
}
_STATUS = {
    "publish": "published",
    "draft": "draft",
    "pending": "in_review",
    "future": "scheduled",
    "private": "draft",
    "trash": "archived",
}


def _wp_namespace(root: ET.Element) -> str:
    """WXR 1.0-1.2 differ only in the wp namespace version; find the one this file uses."""
    for el in root.iter():
        if el.tag.startswith("{http://wordpress.org/export/") and "/excerpt/" not in el.tag:
            return el.tag[1:].split("}")[0]
    return NS["wp"]


def parse_wxr(path: Path) -> ET.Element:
    try:
        if path.stat().st_size > MAX_WXR_BYTES:
            raise ImportFailed(f"{path}: larger than {MAX_WXR_BYTES // 2**20} MB")
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}") from exc
    if b"<!ENTITY" in data:  # no DTD tricks (entity expansion bombs, external entities)
        raise ImportFailed(f"{path}: declares XML entities; WordPress exports never do")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise ImportFailed(f"{path}: not valid XML ({exc})") from exc
    if root.tag != "rss" or root.find("channel") is None:
        raise ImportFailed(f"{path}: not a WordPress export (no <rss><channel>)")
    return root


def _text(el: ET.Element, path: str, ns: dict[str, str]) -> str:
    found = el.find(path, ns)
    return (found.text or "").strip() if found is not None else ""


def _authors(channel: ET.Element, ns: dict[str, str]) -> dict[str, str]:
    names = {}
    for author in channel.findall("wp:author", ns):
        login = _text(author, "wp:author_login", ns)
        names[login] = _text(author, "wp:author_display_name", ns) or login
    return names


def _gmt(value: str, source: str) -> Any:
    if not value or value.startswith("0000-00-00"):
        return None
    return parse_datetime(value.replace(" ", "T") + "Z", "post_date_gmt", source)


def post_fields(
    item: ET.Element, ns: dict[str, str], authors: dict[str, str], source: str
) -> dict[str, Any]:
    guid = _text(item, "guid", ns) or _text(item, "link", ns) or _text(item, "wp:post_id", ns)
    categories = [c for c in item.findall("category") if c.get("domain") == "category"]
    tags = [c for c in item.findall("category") if c.get("domain") == "post_tag"]
    section = next(
        ((c.text or "").strip() for c in categories if (c.text or "").strip() != "Uncategorized"),
        None,
    )
    login = _text(item, "dc:creator", ns)
    status = _STATUS.get(_text(item, "wp:status", ns), "draft")
    moment = _gmt(_text(item, "wp:post_date_gmt", ns), source)
    return {
        "uuid": str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, guid)),
        "headline": _text(item, "title", ns),
        "slug": _text(item, "wp:post_name", ns),
        "body": _text(item, "content:encoded", ns),
        "standfirst": _text(item, "excerpt:encoded", ns),
        "section": section,
        "tags": [(t.text or "").strip() for t in tags if (t.text or "").strip()],
        "byline": [authors.get(login, login)] if login else [],
        "status": status,
        "published_at": moment if status in ("published", "archived") else None,
        "scheduled_at": moment if status == "scheduled" else None,
        "created_at": moment,
        "updated_at": _gmt(_text(item, "wp:post_modified_gmt", ns), source),
    }


def import_wxr(
    session: Session, path: Path, *, as_copy: bool = False, progress: Progress | None = None
) -> list[ImportResult]:
    """Import every post (not pages or attachments) of a WXR file into the caller's transaction."""
    progress = progress or Progress()
    root = parse_wxr(path)
    ns = {**NS, "wp": _wp_namespace(root)}
    ns["excerpt"] = ns["wp"].rstrip("/") + "/excerpt/"
    channel = root.find("channel")
    assert channel is not None
    authors = _authors(channel, ns)
    posts = [i for i in channel.findall("item") if _text(i, "wp:post_type", ns) == "post"]
    progress.start(len(posts), f"Importing {path.name}")
    results = []
    for item in posts:
        source = f"{path}: {_text(item, 'title', ns) or 'untitled post'}"
        results.append(
            upsert_article(
                session, post_fields(item, ns, authors, source), str(path), as_copy=as_copy
            )
        )
        progress.advance()
    return results
