"""Site settings: one typed record with defaults, stored in the library (only non-defaults)."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from newsdesk.domain.slugs import DEFAULT_SLUG_STYLE, SLUG_STYLES, slugify
from newsdesk.errors import UserError

if TYPE_CHECKING:  # the database is imported on use: the window reads SiteSettings at once
    from sqlmodel import Session


@dataclass(frozen=True)
class SiteSettings:
    site_name: str = "The Newsdesk Chronicle"
    tagline: str = "Independent news, carefully edited"
    locale: str = "en-GB"
    language: str = "en"
    timezone: str = "UTC"
    date_format: str = "{weekday}, {month} {day}, {year}"
    masthead_left: str = ""
    masthead_right: str = ""
    headline_budget: int = 90
    standfirst_budget: int = 220
    dateline_style: str = "caps-dash"
    base_url: str = ""
    footer_text: str = "All articles are fictional sample content."
    theme: str = "default"
    # "ascii" transliterates headlines in any script; "unicode" keeps their letters (IRI slugs)
    slug_style: str = DEFAULT_SLUG_STYLE

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
        default = getattr(SiteSettings(), key)
        if isinstance(default, int) and not isinstance(value, int):
            try:
                value = int(value)
            except ValueError as exc:
                raise UserError(f"Setting {key} needs a whole number, not {value!r}") from exc
        if check and key == "locale" and value:
            _check_locale(str(value))
        if check and key == "slug_style" and value not in SLUG_STYLES:
            raise UserError(f"slug_style is one of {', '.join(SLUG_STYLES)}, not {value!r}")
        out[key] = value
    return out


def _check_locale(tag: str) -> None:
    from babel import Locale, UnknownLocaleError  # imported on use: start-up reads settings

    try:
        Locale.parse(tag.replace("-", "_"))
    except (ValueError, UnknownLocaleError) as exc:
        raise UserError(
            f"Unknown locale {tag!r}; use a tag such as en-GB, de-DE, fr, es or ar"
        ) from exc


def load_settings(session: Session) -> SiteSettings:
    from sqlmodel import select

    from newsdesk.storage.models import SiteSetting

    stored = {row.key: json.loads(row.value) for row in session.exec(select(SiteSetting))}
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
