"""Article languages: listed by their own names ("English (UK)", "Deutsch"), and the spelling
dictionary an article gets (a bare "en" on an en-GB site is British English, not US)."""

from __future__ import annotations

# Offered in the language box, each by its own name; any other code can still be typed.
LANGUAGES: tuple[tuple[str, str], ...] = (
    ("en-GB", "English (UK)"),
    ("en-US", "English (US)"),
    ("en", "English"),
    ("de", "Deutsch"),
    ("de-AT", "Deutsch (Österreich)"),
    ("de-CH", "Deutsch (Schweiz)"),
    ("fr", "Français"),
    ("es", "Español"),
    ("it", "Italiano"),
    ("nl", "Nederlands"),
    ("pt", "Português"),
    ("pt-BR", "Português (Brasil)"),
    ("sv", "Svenska"),
    ("da", "Dansk"),
    ("nb", "Norsk bokmål"),
    ("fi", "Suomi"),
    ("pl", "Polski"),
    ("ar", "العربية"),
)
# Named but not offered in the box (dictionaries a system may have installed).
_MORE_NAMES = {
    "de-DE": "Deutsch (Deutschland)", "de-BE": "Deutsch (Belgien)",
    "de-LU": "Deutsch (Luxemburg)", "fr-FR": "Français (France)", "fr-CA": "Français (Canada)",
    "es-ES": "Español (España)", "es-MX": "Español (México)", "en-AU": "English (Australia)",
    "en-CA": "English (Canada)", "en-IE": "English (Ireland)", "en-NZ": "English (New Zealand)",
    "en-ZA": "English (South Africa)", "pt-PT": "Português (Portugal)", "nl-BE": "Nederlands (België)",
}  # fmt: skip
_NAMES = {code.lower(): name for code, name in [*LANGUAGES, *_MORE_NAMES.items()]}
_CODES = {name.casefold(): code for code, name in LANGUAGES}


def normal_code(code: str) -> str:
    """ "en_gb", "EN-gb" → "en-GB" (BCP 47 spelling)."""
    parts = code.strip().replace("_", "-").split("-")
    if not parts[0]:
        return ""
    head, rest = parts[0].lower(), parts[1:]
    return "-".join([head, *(p.upper() if len(p) == 2 else p.title() for p in rest)])


def language_name(code: str) -> str:
    """A language's own name; an unknown code is shown as it is."""
    norm = normal_code(code)
    known = _NAMES.get(norm.lower())
    if known is not None:
        return known
    base, _, region = norm.partition("-")
    return f"{_NAMES[base]} ({region})" if region and base in _NAMES else norm


def language_code(text: str) -> str:
    """What a person typed or chose in the language box ("Deutsch" or "de") as a code."""
    text = text.strip()
    return _CODES.get(text.casefold(), normal_code(text))


def article_language(site_locale: str) -> str:
    """A new article's language: the site's locale ("en-GB"), "en" if it has none."""
    return normal_code(site_locale) or "en"


def spelling_language(article: str, site_locale: str) -> str:
    """The dictionary to check an article with: its own language, made regional by the site's
    locale when that is the same language ("en" on an en-GB site → "en-GB")."""
    code, site = normal_code(article) or "en", normal_code(site_locale)
    if "-" not in code and site.split("-")[0] == code and "-" in site:
        return site
    return code
