"""An article as an IPTC ninjs 2.1 news item (JSON), and the JSON encoding every export uses.

2.x names throughout: ``headlines``, ``descriptions``, ``bodies``, ``by``, ``located``; tags and
the section are ``subjects``, authors are ``people``, the featured image is an association.
Plain text fields go where their declaration says (``domain.schema``: ``located``, ``ednote``,
a description role).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import ArticleRecord
from newsdesk.core.assets import export_name
from newsdesk.domain.dates import iso_utc
from newsdesk.domain.formats import NINJS_STATUS_ROLE as STATUS_ROLE
from newsdesk.domain.record import Correction
from newsdesk.domain.schema import NINJS_DESCRIPTIONS, NINJS_PROPERTIES
from newsdesk.render.body_html import asset_refs, resolve_assets
from newsdesk.storage.models import Asset, Status

NINJS_VERSION = "2.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"
PROFILE = "newsdesk-article"
ASSET_URN = "urn:newsdesk:asset:"
# Statuses a consumer may publish; everything else is held back.
_USABLE = {Status.PUBLISHED.value, Status.ARCHIVED.value}


def dumps(data: Any) -> bytes:
    """Deterministic JSON: sorted keys, fixed indentation, UTF-8, a final newline."""
    return (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def ninjs_time(moment: datetime | None) -> str | None:
    return iso_utc(moment, seconds=True)


def correction_value(c: Correction) -> str:
    """ "Correction (2026-12-03T10:32:00Z): text": ninjs descriptions hold only role and value,
    so the time travels in the value (``importers.ninjs`` reads it back)."""
    return f"{c.label} ({ninjs_time(c.created_at)}): {c.text}"


def _embargoed(rec: ArticleRecord) -> bool:
    return rec.embargo_at is not None and rec.embargo_at > datetime.now(UTC)


def _absolute(url: str) -> bool:
    return "://" in url


def _image_association(rec: ArticleRecord, asset: Asset, href: str) -> dict[str, Any]:
    rendition: dict[str, Any] = {
        "name": "original",
        "contenttype": asset.media_type,
        "sizeinbytes": asset.size,
    }
    if asset.width and asset.height:
        rendition["width"], rendition["height"] = asset.width, asset.height
    if _absolute(href):  # the schema wants an absolute URI here; inside a bundle, see manifest
        rendition["href"] = href
    descriptions = [
        {"role": role, "value": value}
        for role, value in (("alt", rec.image_alt), ("caption", rec.image_caption))
        if value
    ]
    assoc: dict[str, Any] = {
        "name": "featureimage",
        "uri": f"{ASSET_URN}{asset.sha256}",
        "type": "picture",
        "renditions": [rendition],
    }
    if descriptions:
        assoc["descriptions"] = descriptions
    if rec.image_credit:
        assoc["by"] = rec.image_credit
    return assoc


def article_ninjs(
    session: Session,
    rec: ArticleRecord,
    asset_href: Callable[[Asset], str] = lambda a: f"assets/{export_name(a)}",
    page_url: str | None = None,
) -> dict[str, Any]:
    """The ninjs 2.1 item for an article; ``asset_href`` says where its image files are."""
    hrefs: dict[str, str] = {}
    for sha in sorted(asset_refs(rec.body_html)):
        asset = session.get(Asset, sha)
        if asset is not None:
            hrefs[sha] = asset_href(asset)
    item: dict[str, Any] = {
        "uri": f"urn:uuid:{rec.uuid}",
        "type": "text",
        "profile": PROFILE,
        "version": str(rec.version),
        "standard": {"name": "ninjs", "version": NINJS_VERSION, "schema": NINJS_SCHEMA},
        "firstcreated": ninjs_time(rec.created_at),
        "versioncreated": ninjs_time(rec.updated_at),
        "contentcreated": ninjs_time(rec.published_at),
        "embargoed": ninjs_time(rec.embargo_at)
        or (ninjs_time(rec.scheduled_at) if rec.status == Status.SCHEDULED else None),
        "pubstatus": "usable" if rec.status in _USABLE and not _embargoed(rec) else "withheld",
        "language": rec.language,
        "slugline": rec.slug,
        "headlines": [{"role": "main", "value": rec.headline}],
        "bodies": [
            {
                "role": "main",
                "contenttype": "text/html",
                "value": resolve_assets(rec.body_html, hrefs),
                "wordcount": rec.word_count,
            }
        ],
        "altids": [{"role": STATUS_ROLE, "value": rec.status}],
    }
    descriptions = [
        {"role": role, "contenttype": "text/plain", "value": value}
        for name, role in NINJS_DESCRIPTIONS.items()
        if (value := getattr(rec, name))
    ]
    descriptions += [
        {"role": c.kind, "contenttype": "text/plain", "value": correction_value(c)}
        for c in rec.corrections
    ]
    if descriptions:
        item["descriptions"] = descriptions
    if rec.byline:
        item["by"] = ", ".join(rec.byline)
        item["people"] = [{"name": name, "rel": "author"} for name in rec.byline]
    for name, prop in NINJS_PROPERTIES.items():  # located, ednote, …
        if value := getattr(rec, name):
            item[prop] = value
    subjects = []
    if rec.section:
        subjects.append({"name": rec.section, "rel": "section", "literal": rec.section_slug or ""})
    subjects += [{"name": tag, "rel": "tag"} for tag in rec.tags]
    if subjects:
        item["subjects"] = subjects
    if rec.image_sha256:
        asset = session.get(Asset, rec.image_sha256)
        if asset is not None:
            item["associations"] = [_image_association(rec, asset, asset_href(asset))]
    if page_url and _absolute(page_url):
        item["renditions"] = [{"name": "html", "href": page_url, "contenttype": "text/html"}]
    return {k: v for k, v in item.items() if v is not None}
