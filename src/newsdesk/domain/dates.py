"""The one way newsdesk writes a moment as text: ISO 8601 in UTC with a ``Z``
(``2025-03-01T10:00:00Z``), as front matter, JSON output, ninjs, feeds and publishers use it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import overload


@overload
def iso_utc(moment: datetime, *, seconds: bool = False) -> str: ...
@overload
def iso_utc(moment: None, *, seconds: bool = False) -> None: ...
def iso_utc(moment: datetime | None, *, seconds: bool = False) -> str | None:
    """``moment`` in UTC as ISO 8601 ending in ``Z`` (None stays None); a naive moment counts
    as UTC, as the library stores them. ``seconds`` drops the fraction of a second."""
    if moment is None:
        return None
    moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    if seconds:
        moment = moment.replace(microsecond=0)
    return moment.isoformat().replace("+00:00", "Z")
