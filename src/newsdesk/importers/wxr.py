"""Importing a WordPress export file (WXR): posts with categories, tags, authors, dates, status.

Images referenced by URL stay links. Each post's UUID is derived from its WordPress GUID, so
importing the same export again updates the same articles.
"""

from __future__ import annotations

import hashlib
import uuid as uuid_mod
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlmodel import Session

from newsdesk.core.progress import Progress
from newsdesk.domain.frontmatter import parse_datetime
from newsdesk.errors import ImportFailed
from newsdesk.importers.limits import read_limited
from newsdesk.importers.upsert import ImportResult

# Read as a stream (memory stays flat), so the limit is only a guard against a wrong file.
MAX_WXR_BYTES = 8 * 1024 * 1024 * 1024
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
    data = read_limited(path, MAX_WXR_BYTES, ImportFailed)
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


class _Item:
    """One ``<item>``'s direct children read once (an ElementPath ``find`` per field cost more
    than the rest of the import): the first text of each tag, and the category elements."""

    __slots__ = ("categories", "ns", "texts")

    def __init__(self, item: ET.Element, ns: dict[str, str]) -> None:
        self.ns = ns
        self.texts: dict[str, str] = {}
        self.categories: list[ET.Element] = []
        for child in item:
            if child.tag == "category":
                self.categories.append(child)
            if child.tag not in self.texts:
                self.texts[child.tag] = child.text or ""

    def text(self, path: str) -> str:
        """The stripped text of the first child ``path`` (``prefix:tag`` or a plain tag)."""
        prefix, _, tag = path.rpartition(":")
        key = f"{{{self.ns[prefix]}}}{tag}" if prefix else tag
        return self.texts.get(key, "").strip()


def post_fields(
    item: ET.Element,
    ns: dict[str, str],
    authors: dict[str, str],
    source: str,
    seen: dict[str, int] | None = None,
) -> dict[str, Any]:
    """One post's fields. ``seen`` counts the identities given so far in this file, so two
    items of one file are never merged into one article."""
    return _post_fields(_Item(item, ns), authors, source, seen)


def _post_fields(
    item: _Item, authors: dict[str, str], source: str, seen: dict[str, int] | None
) -> dict[str, Any]:
    text = item.text
    guid = text("guid") or text("link") or text("wp:post_id")
    if not guid:  # no guid, link or post id: the post is known by its content and date
        content = "\x00".join(
            text(tag)
            for tag in (
                "title",
                "wp:post_date_gmt",
                "wp:post_date",
                "content:encoded",
                "wp:post_name",
            )
        )
        guid = "newsdesk-wxr-content:" + hashlib.sha256(content.encode()).hexdigest()
    if seen is not None:
        n = seen.get(guid, 0)
        seen[guid] = n + 1
        if n:
            guid = f"{guid}#{n + 1}"  # the same identity again in one file: a post of its own
    categories = [c for c in item.categories if c.get("domain") == "category"]
    tags = [c for c in item.categories if c.get("domain") == "post_tag"]
    section = next(
        ((c.text or "").strip() for c in categories if (c.text or "").strip() != "Uncategorized"),
        None,
    )
    login = text("dc:creator")
    status = _STATUS.get(text("wp:status"), "draft")
    moment = _gmt(text("wp:post_date_gmt"), source)
    return {
        "uuid": str(uuid_mod.uuid5(uuid_mod.NAMESPACE_URL, guid)),
        "headline": text("title"),
        "slug": text("wp:post_name"),
        "body": text("content:encoded"),
        "standfirst": text("excerpt:encoded"),
        "section": section,
        "tags": [(t.text or "").strip() for t in tags if (t.text or "").strip()],
        "byline": [authors.get(login, login)] if login else [],
        "status": status,
        "published_at": moment if status in ("published", "archived") else None,
        "scheduled_at": moment if status == "scheduled" else None,
        "created_at": moment,
        "updated_at": _gmt(text("wp:post_modified_gmt"), source),
    }


def _check_file(path: Path) -> None:
    """Readable, not too large, and without entity declarations — read in chunks, not whole."""
    try:
        if not path.is_file():
            raise ImportFailed(f"{path} is not a regular file (a device, pipe or socket)")
        if path.stat().st_size > MAX_WXR_BYTES:
            raise ImportFailed(f"{path}: larger than {MAX_WXR_BYTES // 2**20} MB")
        with path.open("rb") as f:
            tail = b""
            while chunk := f.read(1 << 20):
                if b"<!ENTITY" in tail + chunk:  # no entity bombs or external entities
                    raise ImportFailed(f"{path}: declares XML entities; WordPress exports never do")
                tail = chunk[-8:]
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}") from exc


def iter_posts(path: Path) -> Iterator[tuple[dict[str, Any], str]]:
    """Each post's fields (not pages or attachments), read as the file streams in: memory
    stays flat however many posts the export holds."""
    _check_file(path)
    ns = dict(NS)
    authors: dict[str, str] = {}
    seen: dict[str, int] = {}  # post identities given so far in this file
    root: ET.Element | None = None
    channel: ET.Element | None = None
    where = str(path)  # one string for every post's results, not one each
    try:
        events = ET.iterparse(path, events=("start", "end", "start-ns"))
        for event, value in events:
            if event == "start-ns":
                _prefix, uri = value  # type: ignore[misc]
                if uri.startswith("http://wordpress.org/export/") and "/excerpt/" not in uri:
                    ns["wp"] = uri
                    ns["excerpt"] = uri.rstrip("/") + "/excerpt/"
                continue
            el: ET.Element = value  # type: ignore[assignment]
            if event == "start":
                if el.tag == "channel":
                    channel = el
                if root is None:
                    root = el
                    if root.tag != "rss":
                        raise ImportFailed(f"{path}: not a WordPress export (no <rss><channel>)")
                continue
            if el.tag == f"{{{ns['wp']}}}author":
                authors[_text(el, "wp:author_login", ns)] = _text(
                    el, "wp:author_display_name", ns
                ) or _text(el, "wp:author_login", ns)
            elif el.tag == "item":
                item = _Item(el, ns)
                if item.text("wp:post_type") == "post":
                    source = f"{path}: {item.text('title') or 'untitled post'}"
                    yield _post_fields(item, authors, source, seen), where
                el.clear()
                if channel is not None and len(channel) and channel[-1] is el:
                    del channel[-1]  # not even an empty element per post stays behind
            elif el.tag == "channel":
                return
        raise ImportFailed(f"{path}: not a WordPress export (no <rss><channel>)")
    except ET.ParseError as exc:
        raise ImportFailed(f"{path}: not valid XML ({exc})") from exc


def import_wxr(
    session: Session,
    path: Path,
    *,
    as_copy: bool = False,
    progress: Progress | None = None,
) -> list[ImportResult]:
    """Import every post of a WXR file into the caller's transaction, streaming, in batches
    (``importers/bulk.py``); the results' records carry no body."""
    from newsdesk.importers.bulk import BulkImporter, batched

    progress = progress or Progress()
    size = path.stat().st_size if path.is_file() else 0
    # The file's size is known before its posts are counted: progress (and its ETA) in bytes
    # would need the parser's position; posts are ~2-4 KB each, a fair estimate to count by.
    estimate = max(1, size // 3000)
    progress.start(estimate, f"Importing {path.name}")
    importer = BulkImporter(session, as_copy=as_copy)
    results: list[ImportResult] = []
    for batch in batched(iter_posts(path)):
        results += importer.add_batch(batch)
        if progress.done + len(batch) > progress.total:
            progress.total = progress.done + len(batch)
        progress.advance(len(batch))
    progress.total = progress.done
    return results
