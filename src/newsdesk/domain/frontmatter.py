"""Articles as Markdown with YAML front matter: Hugo/Jekyll keys plus newsdesk's own.

``to_front_matter`` and ``from_front_matter`` are exact inverses for every field newsdesk has,
so import → export → import is lossless. Reading also accepts the common Hugo/Jekyll spellings.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from newsdesk.domain.dates import iso_utc
from newsdesk.domain.record import Correction
from newsdesk.errors import UserError


def parse_datetime(value: Any, key: str, source: str) -> datetime | None:
    try:
        return _parse_datetime(value, key, source)
    except OverflowError as exc:  # 9999-12-31T23:59:59-05:00 is past the last UTC moment
        raise UserError(f"{source}: {key} {value!r} is out of range") from exc


def _parse_datetime(value: Any, key: str, source: str) -> datetime | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    text = str(value).strip().replace("Z", "+00:00")
    try:
        moment = datetime.fromisoformat(text)
    except ValueError as exc:
        raise UserError(
            f"{source}: {key} {value!r} is not a date (use ISO 8601, e.g. 2026-11-24T07:30:00Z)"
        ) from exc
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def to_front_matter(rec: Any, image_src: str | None) -> dict[str, Any]:
    """The front matter for an ArticleRecord; ``image_src`` is where its featured image was written."""
    meta: dict[str, Any] = {
        "title": rec.headline,
        "slug": rec.slug,
        "date": iso_utc(rec.published_at),
        "lastmod": iso_utc(rec.updated_at),
        "created": iso_utc(rec.created_at),
        "scheduled": iso_utc(rec.scheduled_at),
        "draft": rec.status != "published",
        "status": rec.status,
        "section": rec.section,
        "categories": [rec.section] if rec.section else [],
        "tags": list(rec.tags),
        "byline": list(rec.byline),
        "author": ", ".join(rec.byline),
        "dateline": rec.dateline,
        "standfirst": rec.standfirst,
        "summary": rec.standfirst,
        "seo_description": rec.seo_description,
        "description": rec.seo_description or rec.standfirst,
        "pinned": rec.pinned,
        "language": rec.language,
        "uuid": rec.uuid,
        "editors_note": rec.editors_note,
        "corrections": [
            {"kind": c.kind, "text": c.text, "date": iso_utc(c.created_at), "desk": c.desk}
            for c in rec.corrections
        ],
        "embargo": iso_utc(rec.embargo_at),
        "stage": rec.stage,
    }
    if image_src:
        meta["featured_image"] = {
            "src": image_src,
            "alt": rec.image_alt,
            "caption": rec.image_caption,
            "credit": rec.image_credit,
        }
    return meta


def _text(meta: dict[str, Any], *keys: str) -> str:
    for key in keys:
        value = meta.get(key)
        if value not in (None, ""):
            return str(value)
    return ""


def _names(value: Any) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        return [p.strip() for p in value.replace(" and ", ",").split(",") if p.strip()]
    if isinstance(value, list):
        return [str(v.get("name", "")) if isinstance(v, dict) else str(v) for v in value if v]
    if isinstance(value, dict):
        raise UserError(f"expected a list of names, not a mapping ({_short(value)})")
    return [str(value)]


def _corrections(meta: dict[str, Any], updated: datetime | None, source: str) -> list[Correction]:
    """The ``corrections`` list; an older file's single ``correction_note`` becomes one entry
    dated when the file was last modified."""
    raw = meta.get("corrections") or []
    if not isinstance(raw, list):
        raise UserError(f"{source}: corrections must be a list of {{kind, text, date}}")
    out = []
    for entry in raw:
        if not isinstance(entry, dict) or not str(entry.get("text", "")).strip():
            raise UserError(f"{source}: each correction needs a text")
        kind = "update" if entry.get("kind") == "update" else "correction"
        when = parse_datetime(entry.get("date"), "corrections.date", source) or updated
        if when is None:
            raise UserError(f"{source}: each correction needs a date")
        out.append(Correction(kind, str(entry["text"]).strip(), when, str(entry.get("desk", ""))))
    legacy = _text(meta, "correction_note")
    if legacy and not out:
        out.append(Correction("correction", legacy, updated or datetime.now(UTC)))
    return out


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def from_front_matter(
    meta: dict[str, Any], body: str, source: str
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """Record fields from front matter, and the featured image spec ({src, alt, caption, credit})."""
    if not isinstance(meta, dict):
        raise UserError(f"{source}: the front matter is not a set of key: value pairs")
    status = meta.get("status")
    if not status:
        status = "draft" if meta.get("draft") else "published"
    section = meta.get("section")
    if not section:
        cats = meta.get("categories") or []
        section = (cats[0] if isinstance(cats, list) and cats else cats) or None
    if section is not None and not isinstance(section, str):
        section = str(section) if isinstance(section, (int, float)) else None
    byline = _names(meta.get("byline")) or _names(meta.get("authors")) or _names(meta.get("author"))
    fields: dict[str, Any] = {
        "headline": _text(meta, "title", "headline"),
        "slug": _text(meta, "slug"),
        "body": body,
        "section": str(section) if section else None,
        "tags": _names(meta.get("tags")),  # a list, "a, b", or one value (tags: 5)
        "byline": byline,
        "dateline": _text(meta, "dateline"),
        "standfirst": _text(meta, "standfirst", "summary", "excerpt"),
        "seo_description": _text(meta, "seo_description")
        if "seo_description" in meta
        else _text(meta, "description"),
        "status": str(status),
        "pinned": bool(meta.get("pinned", False)),
        "language": _text(meta, "language", "lang") or "en",
        "uuid": _text(meta, "uuid") or None,
        "editors_note": _text(meta, "editors_note"),
        "embargo_at": parse_datetime(meta.get("embargo"), "embargo", source),
        "stage": _text(meta, "stage") or "draft",
        "published_at": parse_datetime(meta.get("date") or meta.get("publishDate"), "date", source),
        "updated_at": parse_datetime(meta.get("lastmod"), "lastmod", source),
        "created_at": parse_datetime(meta.get("created"), "created", source),
        "scheduled_at": parse_datetime(meta.get("scheduled"), "scheduled", source),
    }
    # A file without lastmod/created was last touched when it was published.
    fields["updated_at"] = fields["updated_at"] or fields["published_at"]
    fields["corrections"] = _corrections(meta, fields["updated_at"], source)
    fields["created_at"] = fields["created_at"] or fields["published_at"] or fields["updated_at"]
    image = meta.get("featured_image") or meta.get("image")
    if isinstance(image, str):
        image = {"src": image}
    if image is not None and not isinstance(image, dict):
        raise UserError(
            f"{source}: featured_image must be a path or a mapping with src, alt, caption, credit"
        )
    return fields, image
