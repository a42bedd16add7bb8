"""Importing an IPTC ninjs news item (2.x, and the 1.x names ``body_html``/``byline``) as an article."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import STATUSES
from newsdesk.domain.formats import NINJS_STATUS_ROLE as STATUS_ROLE
from newsdesk.domain.frontmatter import parse_datetime
from newsdesk.domain.record import Correction
from newsdesk.domain.schema import NINJS_DESCRIPTIONS, NINJS_PROPERTIES
from newsdesk.errors import ImportFailed
from newsdesk.importers.limits import read_limited
from newsdesk.importers.upsert import ImportResult, upsert_article
from newsdesk.storage.types import utcnow

MAX_NINJS_BYTES = 20 * 1024 * 1024


def load_ninjs(path: Path) -> dict[str, Any]:
    """The item from a JSON file, with an error naming the file for each way it can be wrong."""
    try:
        text = read_limited(path, MAX_NINJS_BYTES, ImportFailed).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailed(f"{path}: not UTF-8 text (byte {exc.start})") from exc
    try:
        item = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailed(f"{path}: not valid JSON ({exc})") from exc
    except RecursionError:
        raise ImportFailed(f"{path}: JSON nested too deeply to be a news item") from None
    if not isinstance(item, dict) or not isinstance(item.get("uri"), str):
        raise ImportFailed(f"{path}: not a ninjs news item (no 'uri')")
    return item


def _first(items: Any, role: str | None = None) -> str:
    if not isinstance(items, list):
        return ""
    for item in items:
        if isinstance(item, dict) and (role is None or item.get("role") == role):
            return str(item.get("value", ""))
    return ""


# ninjs 2.1 fields that are arrays of objects: anything else is refused with its name.
_ARRAYS = ("subjects", "people", "headlines", "bodies", "descriptions", "altids", "keywords")
_TEXTS = ("headline", "body_html", "description_text", "located", "slugline", "ednote", "by",
          "byline", "language", "pubstatus")  # fmt: skip


def check_types(item: dict[str, Any], source: str) -> None:
    """Refuse a field of the wrong JSON type (``"subjects": 5``) in one line naming it."""
    for key in _ARRAYS:
        value = item.get(key)
        if value is not None and not isinstance(value, list):
            raise ImportFailed(
                f"{source}: '{key}' must be a list, not {_json_type(value)}; nothing was imported"
            )
    for key in _TEXTS:
        value = item.get(key)
        if value is not None and not isinstance(value, str):
            raise ImportFailed(
                f"{source}: '{key}' must be text, not {_json_type(value)}; nothing was imported"
            )
    for key in ("subjects", "people"):
        for entry in item.get(key) or []:
            name = entry.get("name") if isinstance(entry, dict) else None
            if name is not None and not isinstance(name, str):
                raise ImportFailed(
                    f"{source}: a name in '{key}' must be text, not {_json_type(name)}; "
                    "nothing was imported"
                )


def _json_type(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names.update({list: "a list", dict: "an object"})
    return names.get(type(value), "null")


_CORRECTION = re.compile(r"^(?:Correction|Update) \(([^)]+)\): (.*)$", re.S)


def _corrections(descriptions: Any, source: str) -> list[Correction]:
    """Descriptions with the role correction/update (``export.ninjs.correction_value``); one
    without a time is dated now."""
    out = []
    for d in descriptions if isinstance(descriptions, list) else []:
        if not isinstance(d, dict) or d.get("role") not in ("correction", "update"):
            continue
        value = str(d.get("value", "")).strip()
        found = _CORRECTION.match(value)
        when = parse_datetime(found[1], "correction time", source) if found else None
        text = found[2] if found else value
        if text:
            out.append(Correction(str(d["role"]), text, when or utcnow()))
    return out


def _status(item: dict[str, Any]) -> str:
    ours = _first(item.get("altids"), STATUS_ROLE)
    if ours in STATUSES:
        return ours
    return "published" if item.get("pubstatus", "usable") == "usable" else "draft"


def ninjs_fields(item: dict[str, Any], source: str) -> dict[str, Any]:
    """Article fields from a ninjs item; images stay links (the item's renditions are URLs)."""
    check_types(item, source)
    uri = item["uri"]
    uuid = uri.removeprefix("urn:uuid:") if uri.startswith("urn:uuid:") else None
    subjects = [s for s in item.get("subjects") or [] if isinstance(s, dict)]
    section = next((s.get("name") for s in subjects if s.get("rel") == "section"), None)
    people = [
        p["name"]
        for p in item.get("people") or []
        if isinstance(p, dict) and p.get("rel") == "author" and p.get("name")
    ]
    byline = people or [
        b.strip() for b in str(item.get("by") or item.get("byline") or "").split(",") if b.strip()
    ]
    body = (
        _first(item.get("bodies"), "main")
        or _first(item.get("bodies"))
        or str(item.get("body_html", ""))
    )
    declared = {name: str(item.get(prop, "")) for name, prop in NINJS_PROPERTIES.items()}
    declared |= {
        name: _first(item.get("descriptions"), role) for name, role in NINJS_DESCRIPTIONS.items()
    }
    return declared | {
        "uuid": uuid,
        "headline": _first(item.get("headlines"), "main")
        or _first(item.get("headlines"))
        or str(item.get("headline", "")),
        "standfirst": _first(item.get("descriptions"), "summary")
        or str(item.get("description_text", "")),
        "corrections": _corrections(item.get("descriptions"), source),
        "embargo_at": parse_datetime(item.get("embargoed"), "embargoed", source)
        if _status(item) != "scheduled"
        else None,
        "body": body,
        "byline": byline,
        "section": section,
        "tags": [str(s["name"]) for s in subjects if s.get("rel") != "section" and s.get("name")],
        "status": _status(item),
        "slug": str(item.get("slugline", "")),
        "language": str(item.get("language") or "en"),
        "created_at": parse_datetime(item.get("firstcreated"), "firstcreated", source),
        "updated_at": parse_datetime(item.get("versioncreated"), "versioncreated", source),
        "published_at": parse_datetime(item.get("contentcreated"), "contentcreated", source),
        "scheduled_at": parse_datetime(item.get("embargoed"), "embargoed", source)
        if _status(item) == "scheduled"
        else None,
    }


def import_ninjs_file(session: Session, path: Path, *, as_copy: bool = False) -> ImportResult:
    item = load_ninjs(path)
    return upsert_article(session, ninjs_fields(item, str(path)), str(path), as_copy=as_copy)
