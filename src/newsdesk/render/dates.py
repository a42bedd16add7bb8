"""Dates as a news page writes them, in the site's time zone and language."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from newsdesk.render.locale import PageLocale


def in_zone(moment: datetime, zone: str) -> datetime:
    try:
        tz = ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        tz = ZoneInfo("UTC")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(tz)


HOUSE_DATE_FORMAT = "{weekday}, {month} {day}, {year}"
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]  # fmt: skip


def long_date(
    moment: datetime, fmt: str = HOUSE_DATE_FORMAT, locale: PageLocale | None = None
) -> str:
    """The masthead's date. ``fmt`` has the fields weekday, month, day and year, filled in the
    page's language; in a language other than English the house default means the
    language's own full date (``"Sonntag, 3. Dezember 2023"``)."""
    try:
        return _long_date(moment, fmt, locale)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError):
        # A format stored before settings were checked: the house format, not a crash.
        return _long_date(moment, HOUSE_DATE_FORMAT, locale)


def _long_date(moment: datetime, fmt: str, locale: PageLocale | None) -> str:
    if locale is None or locale.english:
        return fmt.format(
            weekday=WEEKDAYS[moment.weekday()],
            month=MONTHS[moment.month - 1],
            day=moment.day,
            year=moment.year,
        )
    from babel.dates import format_date  # here: English pages need none of Babel's dates

    if fmt == HOUSE_DATE_FORMAT:
        return format_date(moment, "full", locale=locale.babel)
    return fmt.format(
        weekday=format_date(moment, "EEEE", locale=locale.babel),
        month=format_date(moment, "MMMM", locale=locale.babel),
        day=moment.day,
        year=moment.year,
    )


def short_date(moment: datetime, locale: PageLocale | None = None) -> str:
    """A story card's date: ``"December 3, 2023"``, ``"3 décembre 2023"``."""
    if locale is None or locale.english:
        return f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year}"
    from babel.dates import format_date

    return format_date(moment, "long", locale=locale.babel)


def dateline_time(moment: datetime, locale: PageLocale | None = None) -> str:
    """``"November 24, 2026 · 07:30 UTC"``: the date and time under a byline."""
    zone = moment.tzname() or ""
    if locale is None or locale.english:
        text = f"{MONTHS[moment.month - 1]} {moment.day}, {moment.year} · {moment:%H:%M} {zone}"
    else:
        from babel.dates import format_date, format_time

        day = format_date(moment, "long", locale=locale.babel)
        text = f"{day} · {format_time(moment, 'short', locale=locale.babel)} {zone}"
    return text.rstrip()


def iso(moment: datetime) -> str:
    return moment.isoformat()
