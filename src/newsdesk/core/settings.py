"""Site settings: one typed record with defaults, stored in the library (only non-defaults)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdesk.domain.slugs import DEFAULT_SLUG_STYLE, SLUG_STYLES, slugify
from newsdesk.domain.text import clean_text
from newsdesk.errors import UserError

if TYPE_CHECKING:  # the database is imported on use: the window reads SiteSettings at once
    from sqlmodel import Session


# ---------------------------------------------------------------- what each setting allows

_TEXT_LIMIT = 1000
_BUDGET_LIMIT = 100_000
_DATE_FIELDS = ("weekday", "month", "day", "year")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*")
_THEME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def _check_base_url(key: str, value: str) -> None:
    from urllib.parse import urlsplit

    if not value:
        return
    allowed = "an http:// or https:// address such as https://news.example.org (or empty)"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError as exc:
        raise UserError(f"base_url must be {allowed}, not {value!r}") from exc
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or any(c.isspace() for c in value)
    ):
        raise UserError(f"base_url must be {allowed}, not {value!r}")
    if "@" in parts.netloc:
        raise UserError("base_url must not hold a user name or password")
    if parts.query or parts.fragment:
        raise UserError(f"base_url must be {allowed}, without ?query or #fragment")


def _check_date_format(key: str, value: str) -> None:
    import string

    allowed = "{weekday}, {month}, {day} and {year} (e.g. '{weekday}, {month} {day}, {year}')"
    try:
        fields_used = [
            (f, sp, c) for _t, f, sp, c in string.Formatter().parse(value) if f is not None
        ]
        if any(f not in _DATE_FIELDS or sp or c for f, sp, c in fields_used):
            raise ValueError  # only the plain fields: no attributes, conversions or widths
        value.format(weekday="Monday", month="January", day=1, year=2024)
    except (ValueError, KeyError, IndexError, AttributeError, TypeError) as exc:
        raise UserError(f"date_format may use the fields {allowed}; not {value!r}") from exc


def _check_dateline_style(key: str, value: str) -> None:
    from newsdesk.render.dateline import DATELINE_STYLES

    if value not in DATELINE_STYLES:
        raise UserError(f"dateline_style is one of {', '.join(DATELINE_STYLES)}; not {value!r}")


def _check_timezone(key: str, value: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UserError(
            f"timezone is an IANA time zone such as UTC, Europe/Berlin or Asia/Qatar; not {value!r}"
        ) from exc


def _check_language(key: str, value: str) -> None:
    if not _LANGUAGE.fullmatch(value):
        raise UserError(f"language is a language tag such as en, de or pt-BR; not {value!r}")


def _check_theme(key: str, value: str) -> None:
    """A built-in theme's name, or the absolute path of a theme folder (``theme use``)."""
    if _THEME.fullmatch(value):
        return
    folder = Path(value)
    if folder.is_absolute() and any((folder / f).is_file() for f in ("theme.toml", "theme.json")):
        return
    raise UserError(
        f"theme is a theme's name such as default, or the full path of a theme folder "
        f"(with theme.toml); not {value!r}"
    )


def _check_locale(key: str, value: str) -> None:
    if not value:
        raise UserError("locale is a tag such as en-GB, de-DE, fr, es or ar")
    from babel import Locale, UnknownLocaleError  # imported on use: start-up reads settings

    try:
        Locale.parse(value.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise UserError(
            f"Unknown locale {value!r}; use a tag such as en-GB, de-DE, fr, es or ar"
        ) from exc


def _check_slug_style(key: str, value: str) -> None:
    if value not in SLUG_STYLES:
        raise UserError(f"slug_style is one of {', '.join(SLUG_STYLES)}, not {value!r}")


def _check_budget(key: str, value: int) -> None:
    if not 0 <= value <= _BUDGET_LIMIT:
        raise UserError(f"{key} is a number of characters from 0 to {_BUDGET_LIMIT}")


def _rule(check: Callable[[str, Any], None]) -> dict[str, Any]:
    """A setting's field metadata: the rule ``check(key, value)`` a new value must pass when
    it is set (it raises a ``UserError`` saying what is allowed)."""
    return {"check": check}


@dataclass(frozen=True)
class SiteSettings:
    """Every site setting with its default and, where it has one, the rule a new value must
    pass (``check_setting``); adding a setting is one line here."""

    site_name: str = "The Newsdesk Chronicle"
    tagline: str = "Independent news, carefully edited"
    locale: str = field(default="en-GB", metadata=_rule(_check_locale))
    language: str = field(default="en", metadata=_rule(_check_language))
    timezone: str = field(default="UTC", metadata=_rule(_check_timezone))
    date_format: str = field(
        default="{weekday}, {month} {day}, {year}", metadata=_rule(_check_date_format)
    )
    masthead_left: str = ""
    masthead_right: str = ""
    headline_budget: int = field(default=90, metadata=_rule(_check_budget))
    standfirst_budget: int = field(default=220, metadata=_rule(_check_budget))
    dateline_style: str = field(default="caps-dash", metadata=_rule(_check_dateline_style))
    base_url: str = field(default="", metadata=_rule(_check_base_url))
    footer_text: str = "All articles are fictional sample content."
    theme: str = field(default="default", metadata=_rule(_check_theme))
    # "ascii" transliterates headlines in any script; "unicode" keeps their letters (IRI slugs)
    slug_style: str = field(default=DEFAULT_SLUG_STYLE, metadata=_rule(_check_slug_style))

    def with_changes(self, **changes: Any) -> SiteSettings:
        """A copy with ``changes``; a new ``locale`` brings its language along unless the
        language is given too (``locale=de-AT`` → ``language=de``)."""
        changes = coerce(changes)
        new_locale = changes.get("locale")
        if new_locale and new_locale != self.locale and "language" not in changes:
            changes["language"] = str(new_locale).replace("_", "-").split("-")[0].lower()
        return replace(self, **changes)


_FIELDS = {f.name: f for f in fields(SiteSettings)}


def site_name_from(target: str) -> str:
    """A new library's site name from its file ("harbour-times.newsdesk" → "Harbour Times")
    or its database name; the person renames it in Preferences."""
    from urllib.parse import urlsplit

    text = str(target)
    if "://" in text:
        stem = urlsplit(text).path.rsplit("/", 1)[-1]
    else:
        stem = text.replace("\\", "/").rsplit("/", 1)[-1]
        stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    words = stem.replace("-", " ").replace("_", " ").split()
    if not words:
        return "My Site"
    return " ".join(w[:1].upper() + w[1:] if w.islower() else w for w in words)


def neutral_site(name: str) -> SiteSettings:
    """A new library's site: its own name, no sample tagline, footer or masthead."""
    return SiteSettings().with_changes(site_name=name, tagline="", footer_text="")


def coerce(changes: dict[str, Any], *, check: bool = True) -> dict[str, Any]:
    """Check names and convert values (e.g. CLI strings) to each setting's type."""
    out: dict[str, Any] = {}
    for key, value in changes.items():
        if key not in _FIELDS:
            raise UserError(f"Unknown site setting {key!r}; known: {', '.join(sorted(_FIELDS))}")
        if isinstance(_FIELDS[key].default, int) and not isinstance(value, int):
            try:
                value = int(value)
            except ValueError as exc:
                raise UserError(f"Setting {key} needs a whole number, not {value!r}") from exc
        if check:
            value = check_setting(key, value)
        out[key] = value
    return out


def check_setting(key: str, value: Any) -> Any:
    """``value`` for ``key`` as it will be stored, or a ``UserError`` naming what is allowed.
    Called when a setting is set (CLI, Preferences); a stored value is read as it is."""
    if isinstance(value, str):
        value = clean_text(value).strip()
    if isinstance(_FIELDS[key].default, str):
        if not isinstance(value, str):
            raise UserError(f"Setting {key} is text, not {type(value).__name__}")
        if len(value) > _TEXT_LIMIT:
            raise UserError(f"Setting {key} is at most {_TEXT_LIMIT} characters long")
    check = _FIELDS[key].metadata.get("check")
    if check is not None:
        check(key, value)
    return value


def load_settings(session: Session) -> SiteSettings:
    from sqlmodel import select

    from newsdesk.storage.models import SiteSetting

    return settings_from_rows((row.key, row.value) for row in session.exec(select(SiteSetting)))


def settings_from_rows(rows: Iterable[tuple[str, str]]) -> SiteSettings:
    """The settings from the ``site_setting`` table's (key, JSON value) rows."""
    stored = {key: json.loads(value) for key, value in rows}
    known = {k: v for k, v in stored.items() if k in _FIELDS}
    return SiteSettings(**coerce(known, check=False))  # a stored value is never refused


def save_settings(session: Session, settings: SiteSettings) -> None:
    from sqlmodel import col, delete

    from newsdesk.storage.models import SiteSetting

    defaults = asdict(SiteSettings())
    values = asdict(settings)
    session.exec(delete(SiteSetting).where(col(SiteSetting.key).in_(list(values))))  # type: ignore[call-overload]
    for key, value in values.items():
        if value != defaults[key]:
            session.add(SiteSetting(key=key, value=json.dumps(value)))


def slug_style(session: Session) -> str:
    """The site's ``slug_style`` alone (one key: asked for each article an import creates)."""
    from newsdesk.storage.models import SiteSetting

    row = session.get(SiteSetting, "slug_style")
    style = json.loads(row.value) if row is not None else DEFAULT_SLUG_STYLE
    return style if style in SLUG_STYLES else DEFAULT_SLUG_STYLE


def site_slugify(session: Session, text: str) -> str:
    """``slugify`` in the site's slug style."""
    return slugify(text, style=slug_style(session))
