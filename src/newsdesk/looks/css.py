"""Stylesheet text of a learned look: every ``url()`` and ``@import`` either points at a file
kept with the snapshot or is gone; nothing in it can run or call out."""

from __future__ import annotations

import re
from collections.abc import Callable

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?([\"']?)([^\"')\s;]+)\1\s*\)?([^;]*);", re.IGNORECASE)
_URL = re.compile(r"url\(\s*([\"']?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
# Old IE and Gecko ways to run code from CSS, and anything that names a script scheme.
_DANGEROUS = re.compile(
    r"expression\s*\(|-moz-binding|behavior\s*:|javascript:|vbscript:", re.IGNORECASE
)

# Given a URL as written and what it is for ("import", "url"), the reference to write
# instead, or None to drop it.
Resolver = Callable[[str, str], str | None]


def rewrite_css(text: str, resolve: Resolver) -> str:
    """``text`` with comments removed and every reference passed through ``resolve``."""
    text = _COMMENT.sub("", text)

    def on_import(m: re.Match[str]) -> str:
        ref = resolve(m.group(2), "import")
        return f'@import url("{ref}"){m.group(3)};' if ref else ""

    def on_url(m: re.Match[str]) -> str:
        raw = m.group(2).strip()
        if raw.startswith("#"):  # an SVG filter or marker in this document
            return m.group(0)
        ref = resolve(raw, "url")
        return f'url("{ref}")' if ref else "none"

    text = _IMPORT.sub(on_import, text)
    text = _URL.sub(on_url, text)
    return _DANGEROUS.sub("invalid:", text)
