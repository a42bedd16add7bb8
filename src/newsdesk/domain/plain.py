"""A dataclass as plain JSON values — the one ``to_json`` the records, events, notes and list
entries share: datetimes as ISO 8601 UTC, tuples as lists, nested dataclasses likewise."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from newsdesk.domain.dates import iso_utc


def plain(
    obj: Any,
    *,
    rename: Mapping[str, str] | None = None,
    leave_out: tuple[str, ...] = (),
    **extra: Any,
) -> dict[str, Any]:
    """``obj``'s fields (some keys ``rename``d, some left out) as JSON values, then ``extra``."""
    rename = rename or {}
    out = {
        rename.get(f.name, f.name): json_value(getattr(obj, f.name))
        for f in dataclasses.fields(obj)
        if f.name not in leave_out
    }
    out.update({key: json_value(value) for key, value in extra.items()})
    return out


def json_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return iso_utc(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.to_json() if hasattr(value, "to_json") else plain(value)
    if isinstance(value, list | tuple):
        return [json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    return value
