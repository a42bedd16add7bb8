"""Articles as Markdown with YAML front matter: Hugo/Jekyll keys plus newsdesk's own.

``to_front_matter`` and ``from_front_matter`` are exact inverses for every field declared with
a front matter key (``domain.record``), so import → export → import is lossless. Reading also
accepts the common Hugo/Jekyll spellings; the keys only Hugo or Jekyll read (draft,
categories, author, summary, description) are written beside ours.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from newsdesk.domain.dates import iso_utc
from newsdesk.domain.record import Correction
from newsdesk.domain.schema import BY_NAME, FRONT_MATTER
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


# The order keys are written in (``frontmatter.dumps`` keeps it): Hugo's first, then ours. A
# field declared with front matter but not listed here follows, in declaration order.
KEY_ORDER = (
    "title", "slug", "date", "lastmod", "created", "scheduled", "draft", "status", "section",
    "categories", "tags", "byline", "author", "dateline", "standfirst", "summary",
    "seo_description", "description", "pinned", "language", "uuid", "editors_note",
    "corrections", "embargo", "stage",
)  # fmt: skip


def _written(kind: str, value: Any) -> Any:
    if kind == "datetime":
        return iso_utc(value)
    return list(value) if kind == "names" else value


def to_front_matter(rec: Any, image_src: str | None) -> dict[str, Any]:
    """The front matter for an ArticleRecord; ``image_src`` is where its featured image was written."""
    meta: dict[str, Any] = {
        keys[0]: _written(BY_NAME[name].spec.kind, getattr(rec, name))
        for name, keys in FRONT_MATTER.items()
    }
    # What Hugo, Jekyll and feed readers look for, beside ours.
    meta["draft"] = rec.status != "published"
    meta["categories"] = [rec.section] if rec.section else []
    meta["author"] = ", ".join(rec.byline)
    meta["summary"] = rec.standfirst
    meta["description"] = rec.seo_description or rec.standfirst
    meta["corrections"] = [
        {"kind": c.kind, "text": c.text, "date": iso_utc(c.created_at), "desk": c.desk}
        for c in rec.corrections
    ]
    order = {key: i for i, key in enumerate(KEY_ORDER)}
    meta = dict(sorted(meta.items(), key=lambda item: order.get(item[0], len(order))))
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


def _read(meta: dict[str, Any], name: str, keys: tuple[str, ...], source: str) -> Any:
    """One declared field from the first of its keys that is there (its default if none)."""
    field = BY_NAME[name]
    kind, default = field.spec.kind, field.default
    if kind == "names":  # a list, "a, b", or one value (tags: 5)
        return next((found for key in keys if (found := _names(meta.get(key)))), [])
    if kind == "datetime":
        return parse_datetime(next((meta[k] for k in keys if meta.get(k)), None), keys[0], source)
    if kind == "bool":
        return bool(meta.get(keys[0], default))
    if kind == "int":
        value = meta.get(keys[0], default)
        if isinstance(value, bool) or not isinstance(value, int):
            raise UserError(f"{source}: {keys[0]} {_short(value)} is not a whole number")
        return value
    return _text(meta, *keys) or default


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
    fields = {name: _read(meta, name, keys, source) for name, keys in FRONT_MATTER.items()}
    fields.update(
        body=body,
        section=str(section) if section else None,
        seo_description=_text(meta, "seo_description")
        if "seo_description" in meta
        else _text(meta, "description"),
        status=str(status),
    )
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
