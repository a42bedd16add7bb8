"""Slugs: the URL-safe names of articles, sections and tags.

A slug is made in one of two styles, chosen by the site setting ``slug_style``:

- ``ascii``: letters of every script transliterated to ASCII (``"Straße"`` → ``strasse``,
  ``"Встреча в Дохе"`` → ``vstrecha-v-dokhe``), the classic web slug;
- ``unicode``: letters of every script kept as they are, lower-cased (IRI slugs such as
  ``مؤتمر-الدوحة`` or ``встреча-в-дохе``); browsers show them as written and send them
  percent-encoded.

``slugify`` only *makes* slugs; checking that a stored slug is safe as a path is a separate
validator, which accepts both styles.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from typing import Literal

from newsdesk.errors import UserError

SlugStyle = Literal["ascii", "unicode"]
SLUG_STYLES: tuple[SlugStyle, ...] = ("ascii", "unicode")
DEFAULT_SLUG_STYLE: SlugStyle = "ascii"

_NON_WORD = re.compile(r"[^a-z0-9]+")
_HYPHENS = re.compile(r"-{2,}")
# Dropped without a word break: apostrophes inside words ("Qatar’s" → "qatars"), the Arabic
# tatweel (a stretching stroke, not a letter) and format characters such as the zero-width
# non-joiner Persian writes inside words.
_SILENT = {"'", "’", "ʼ", "`", "\u0640"}


def slugify(text: str, max_length: int = 80, style: str = DEFAULT_SLUG_STYLE) -> str:
    """``"Qatar’s new sea wall — explained"`` → ``"qatars-new-sea-wall-explained"``.

    ``style`` is ``"ascii"`` (transliterate) or ``"unicode"`` (keep every script's letters);
    an unknown style counts as ``"ascii"``. Text with no letters or digits gives ``untitled``.
    """
    slug = _unicode_slug(text) if style == "unicode" else _ascii_slug(text)
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length].rstrip("-")
    return slug or "untitled"


def _ascii_slug(text: str) -> str:
    if text.isascii():  # NFKC and transliteration leave ASCII as it is (and cost 40 µs)
        ascii_text = text.lower()
    else:  # imported here: anyascii and its data loader cost ~3 ms of every command's start
        from anyascii import anyascii

        ascii_text = anyascii(unicodedata.normalize("NFKC", text)).lower()
    for mark in _SILENT:
        ascii_text = ascii_text.replace(mark, "")
    return _NON_WORD.sub("-", ascii_text).strip("-")


def _unicode_slug(text: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", text).lower():
        if ch in _SILENT:
            continue
        kind = unicodedata.category(ch)
        if kind[0] in "LM" or kind == "Nd":
            out.append(ch)
        elif kind != "Cf":  # spaces, punctuation, symbols: a word break
            out.append("-")
    return _HYPHENS.sub("-", "".join(out)).strip("-")


def unique_slug(base: str, taken: Callable[[str], bool]) -> str:
    """``base``, or ``base-2``, ``base-3``… whichever is free."""
    if not taken(base):
        return base
    n = 2
    while taken(f"{base}-{n}"):
        n += 1
    return f"{base}-{n}"


# --------------------------------------------------------------------------- the stored-slug rule
# A slug becomes one folder name of the exported site (``sections/<slug>/index.html``), so a
# stored slug must be one safe path segment. Letters and digits of every script are allowed
# (slugify keeps Arabic, Cyrillic, CJK…), with ``-``, ``_``, ``.`` and ``~`` (URL-unreserved);
# ZWNJ/ZWJ are allowed because Persian and Indic words need them. Nothing else: no ``/``,
# ``\``, spaces, controls, ``%``, ``?``, ``#``; no leading dot (``.``, ``..``, hidden files) and
# no ``..`` anywhere.
SLUG_MAX_BYTES = 200  # a folder name; most file systems stop at 255 bytes
_SLUG_PUNCTUATION = frozenset("-_.~\u200c\u200d")
_LETTER_OR_DIGIT = ("L", "M", "N")


def slug_problem(slug: object) -> str | None:
    """Why ``slug`` may not be stored as a slug, or None when it may."""
    if not isinstance(slug, str):
        return f"a slug is text, not {type(slug).__name__}"
    if not slug:
        return "a slug cannot be empty"
    if len(slug.encode("utf-8", "surrogatepass")) > SLUG_MAX_BYTES:
        return f"a slug is at most {SLUG_MAX_BYTES} bytes long"
    if slug.startswith("."):
        return "a slug cannot start with a dot"
    if ".." in slug:
        return "a slug cannot contain '..'"
    for ch in slug:
        if ch in _SLUG_PUNCTUATION:
            continue
        if not unicodedata.category(ch).startswith(_LETTER_OR_DIGIT):
            shown = ch if ch.isprintable() and not ch.isspace() else f"U+{ord(ch):04X}"
            return f"a slug cannot contain {shown!r} (letters, digits, '-', '_', '.', '~' only)"
    return None


def is_slug(slug: object) -> bool:
    return slug_problem(slug) is None


def check_slug(slug: object, what: str = "slug") -> str:
    """``slug`` itself when it is a safe slug; otherwise a ``UserError`` saying why."""
    problem = slug_problem(slug)
    if problem is not None:
        suggestion = slugify(slug) if isinstance(slug, str) else "untitled"
        raise UserError(f"The {what} {slug!r} is not a valid slug: {problem} (try {suggestion!r})")
    return slug  # type: ignore[return-value]
