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


def post_fields(
    item: ET.Element,
    ns: dict[str, str],
    authors: dict[str, str],
    source: str,
    seen: dict[str, int] | None = None,
) -> dict[str, Any]:
    """One post's fields. ``seen`` counts the identities given so far in this file, so two
    items of one file are never merged into one article."""
    guid = _text(item, "guid", ns) or _text(item, "link", ns) or _text(item, "wp:post_id", ns)
    if not guid:  # no guid, link or post id: the post is known by its content and date
        content = "\x00".join(
            _text(item, tag, ns)
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
                if _text(el, "wp:post_type", ns) == "post":
                    source = f"{path}: {_text(el, 'title', ns) or 'untitled post'}"
                    yield post_fields(el, ns, authors, source, seen), str(path)
                el.clear()
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
    workers: int | None = None,
) -> list[ImportResult]:
    """Import every post of a WXR file into the caller's transaction, streaming, in batches.

    Bodies are rendered in ``workers`` processes (default: one per processor, for exports
    large enough to pay for starting them); the results' records carry no body.
    """
    from newsdesk.core.workers import available_cpus
    from newsdesk.importers.bulk import PARALLEL_FROM, BulkImporter, Renderer, batched

    progress = progress or Progress()
    size = path.stat().st_size if path.is_file() else 0
    # The file's size is known before its posts are counted: progress (and its ETA) in bytes
    # would need the parser's position; posts are ~2-4 KB each, a fair estimate to count by.
    estimate = max(1, size // 3000)
    progress.start(estimate, f"Importing {path.name}")
    if workers is None:
        workers = available_cpus() if estimate >= PARALLEL_FROM else 1
    importer = BulkImporter(session, as_copy=as_copy)
    results: list[ImportResult] = []
    with Renderer(workers) as renderer:
        for batch, rendered in renderer.map(batched(iter_posts(path))):
            results += importer.add_batch(batch, rendered)
            if progress.done + len(batch) > progress.total:
                progress.total = progress.done + len(batch)
            progress.advance(len(batch))
    progress.total = progress.done
    return results
