"""Dates as a news page writes them, in the site's time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def in_zone(moment: datetime, zone: str) -> datetime:
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz)


def long_date(moment: datetime, fmt: str = "{weekday}, {month} {day}, {year}") -> str:
    """``"Sunday, December 3, 2023"`` (the format's fields: weekday, month, day, year)."""
    return fmt.format(
        weekday=WEEKDAYS[moment.weekday()],
        month=MONTHS[moment.month - 1],
        day=moment.day,
        year=moment.year,
    )


def dateline_time(moment: datetime) -> str:
    """``"November 24, 2026 · 07:30 UTC"``: the date and time under a byline."""
    zone = moment.tzname() or ""
    return (
        f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year} · {moment:%H:%M} {zone}".rstrip()
    )


def iso(moment: datetime) -> str:
    return moment.isoformat()
