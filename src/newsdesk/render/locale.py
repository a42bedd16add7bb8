"""The published page in the site's language: Babel for dates, numbers, lists and the text
direction; gettext catalogues for the page's fixed labels ("Read more", "Most popular",
"Topics", "By" …).

The catalogues are ``resources/locale/<language>/LC_MESSAGES/newsdesk.po`` (a theme may add
its own ``locale/`` folder, which wins). They are read with Babel and compiled in memory, so a
``.po`` file is the only copy and can never disagree with a stale ``.mo`` (the compiled form is
kept between runs only under the digest of the ``.po`` it was made from).

English keeps the house formats the site settings describe ("Sunday, December 3, 2023",
"December 3, 2023 · 09:30 UTC"); every other language gets the forms CLDR gives for it.
"""

from __future__ import annotations

import gettext
import hashlib
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

import babel
from babel import Locale, UnknownLocaleError

from newsdesk.paths import resources_dir
from newsdesk.render.kept import cache_dir, keep, read_kept

DOMAIN = "newsdesk"
DEFAULT_LOCALE = "en-GB"
# The languages whose catalogues newsdesk ships (others render with English labels).
PAGE_LANGUAGES = ("en", "de", "fr", "es", "ar")


@dataclass(frozen=True)
class PageLocale:
    """One site locale, parsed: what the page's language, direction and formats follow."""

    tag: str  # BCP 47, as written in <html lang>: "en-GB", "de-DE", "ar"
    babel: Locale

    @property
    def language(self) -> str:
        return self.babel.language

    @property
    def direction(self) -> str:
        """``"rtl"`` for Arabic, Hebrew, Persian, Urdu…, else ``"ltr"``. English is written
        left to right wherever it is written: known without loading CLDR's data for it."""
        if self.english:
            return "ltr"
        return "rtl" if self.babel.text_direction == "rtl" else "ltr"

    @property
    def english(self) -> bool:
        return self.babel.language == "en"


@lru_cache(maxsize=64)
def page_locale(locale: str, language: str = "") -> PageLocale:
    """The locale the site's pages follow.

    ``locale`` is the site setting (``de-DE``, ``ar``, ``fr_CA``); an older library that set
    only its ``language`` (with ``locale`` left at the default) gets that language. An unknown
    locale falls back to English rather than failing a render.
    """
    wanted = locale.strip() or DEFAULT_LOCALE
    if wanted == DEFAULT_LOCALE and language and _base(language) != "en":
        wanted = language.strip()
    try:
        parsed = Locale.parse(wanted.replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        wanted, parsed = DEFAULT_LOCALE, Locale.parse(DEFAULT_LOCALE.replace("-", "_"))
    tag = "-".join(part for part in (parsed.language, parsed.script, parsed.territory) if part)
    return PageLocale(tag=tag, babel=parsed)


def _base(tag: str) -> str:
    return tag.replace("_", "-").split("-")[0].lower()


def text_direction(language: str) -> str:
    """``"rtl"`` or ``"ltr"`` for a language tag (``"ar"``, ``"he-IL"``); unknown → ``"ltr"``."""
    try:
        return "rtl" if Locale.parse(language.replace("-", "_")).text_direction == "rtl" else "ltr"
    except (ValueError, TypeError, UnknownLocaleError):
        return "ltr"


# ------------------------------------------------------------------ labels (gettext)


def locale_dirs(theme_folder: Path | None = None) -> list[Path]:
    """Where catalogues are looked for, first match wins: the theme's, then newsdesk's."""
    shared = resources_dir() / "locale"
    return [theme_folder / "locale", shared] if theme_folder is not None else [shared]


@lru_cache(maxsize=64)
def translations(locale: PageLocale, theme_folder: Path | None = None) -> gettext.NullTranslations:
    """The page labels' translations for ``locale`` (``de_AT`` falls back to ``de``)."""
    result: gettext.NullTranslations | None = None
    for name in _catalogue_names(locale.babel):
        for folder in locale_dirs(theme_folder):
            po = folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"
            if not po.is_file():
                continue
            found = compile_po(po, cache_dir())
            if result is None:
                result = found
            else:
                result.add_fallback(found)
    return result or gettext.NullTranslations()


def catalogue_hash(locale: PageLocale, theme_folder: Path | None = None) -> str:
    """A fingerprint of the catalogues ``locale`` reads: a changed translation re-renders."""
    digest = hashlib.sha256()
    for name in _catalogue_names(locale.babel):
        for folder in locale_dirs(theme_folder):
            po = folder / name / "LC_MESSAGES" / f"{DOMAIN}.po"
            if po.is_file():
                digest.update(name.encode() + b"\0" + po.read_bytes())
    return digest.hexdigest()


def _catalogue_names(loc: Locale) -> list[str]:
    names = [str(loc)]
    if loc.territory or loc.script:
        names.append(loc.language)
    return names


def compile_po(po: Path, cache: Path | None = None) -> gettext.GNUTranslations:
    """A ``.po`` file as gettext translations, compiled in memory (fuzzy entries left out).

    With a ``cache`` folder (only this user's), the compiled catalogue is kept there under the
    digest of the ``.po`` text and Babel's version, checked by its own digest when read, and
    read back with gettext alone: Babel's catalogue reader imports the ``email`` package and
    parses every entry, ~20 ms of a one-edit re-export. The result is the standard library's
    translations (what Jinja and the page labels ask of it), so reading a kept catalogue
    imports nothing of Babel's but its version."""
    source = po.read_bytes()
    key = hashlib.sha256(source + f"\0{babel.__version__}\0{DOMAIN}".encode()).hexdigest()
    kept = cache / f"newsdesk-catalogue-{key}.mo" if cache is not None else None
    if kept is not None:
        mo = read_kept(kept)
        if mo is not None:
            return gettext.GNUTranslations(BytesIO(mo))
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(source), domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    mo = buffer.getvalue()
    if kept is not None:
        keep(kept, mo)
    return gettext.GNUTranslations(BytesIO(mo))


# ------------------------------------------------------------------ numbers and lists


# Locales whose whole numbers Babel writes exactly as Python's ``f"{n:,}"`` does (a test
# compares them): a page number there needs no CLDR data loaded (~10 ms of a re-export).
PLAIN_NUMBERS = frozenset({"en", "en-GB", "en-US"})


def format_number(value: int | float, locale: PageLocale | None = None) -> str:
    """``12345`` → ``"12,345"``, ``"12.345"``, ``"12 345"`` as the language writes it."""
    if type(value) is int and (locale is None or locale.tag in PLAIN_NUMBERS):
        return f"{value:,}"
    from babel.numbers import format_decimal  # here: not needed for an English page

    return format_decimal(value, locale=(locale.babel if locale else "en"))


def list_joiners(count: int, locale: PageLocale | None = None) -> list[str]:
    """What goes before each of ``count`` names in a running list: ``["", ", ", " and "]``
    (a byline's links are joined with these, so the names stay markup of their own)."""
    if count <= 1:
        return [""] * count
    if locale is None or locale.english:  # the house style: no serial comma
        return ["", *([", "] * (count - 2)), " and "]
    from babel.lists import format_list  # here: not needed for an English page

    marks = [f"\x00{i}\x00" for i in range(count)]
    text = format_list(marks, locale=locale.babel)
    joiners = [""]
    for i in range(1, count):
        start = text.index(marks[i - 1]) + len(marks[i - 1])
        joiners.append(text[start : text.index(marks[i])])
    return joiners
