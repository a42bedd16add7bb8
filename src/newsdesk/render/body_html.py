"""Reading a body's stored HTML: the library assets it refers to, and their URLs for one output.

Kept apart from ``render.markdown`` so that what only reads stored renders (a one-edit site
re-export, feeds, page building) imports neither Python-Markdown nor the sanitiser.
"""

from __future__ import annotations

import re

ASSET_URL = re.compile(r'(?P<attr>\b(?:src|href))="asset:(?P<sha>[0-9a-f]{64})"')


def stored_or_rendered(body: str, body_html: str) -> str:
    """An article's HTML: the stored render, or a render now when none is stored yet.

    A bulk import (``importers/bulk.py``) stores the source alone and leaves ``body_html``
    empty, so an archive arrives without rendering every body; whoever reads the article first
    renders it, with the same function that would have rendered it at import.
    """
    if body_html or not body.strip():
        return body_html
    from newsdesk.render.markdown import render_body  # Markdown only when a body needs it

    return render_body(body)


def asset_refs(html: str) -> set[str]:
    """The SHA-256 of every library asset a rendered fragment refers to."""
    if "asset:" not in html:  # most bodies: skip the (much slower) regex scan
        return set()
    return {m.group("sha") for m in ASSET_URL.finditer(html)}


def resolve_assets(html: str, url_for: dict[str, str] | None = None, *, default: str = "") -> str:
    """Rewrite ``asset:SHA`` URLs for one output (preview scheme, export folder, data: URLs)."""
    if "asset:" not in html:
        return html
    mapping = url_for or {}

    def repl(m: re.Match[str]) -> str:
        return f'{m.group("attr")}="{mapping.get(m.group("sha"), default or m.group(0))}"'

    return ASSET_URL.sub(
        lambda m: repl(m) if m.group("sha") in mapping or default else m.group(0), html
    )
