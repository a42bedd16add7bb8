"""The dateline that opens an article's first paragraph ("DOHA, Qatar –")."""

from __future__ import annotations

import re
from html import escape

DATELINE_STYLES = {
    "caps-dash": ("upper", " –"),
    "caps-emdash": ("upper", " —"),
    "caps-colon": ("upper", ":"),
    "plain-dash": ("asis", " –"),
    "none": ("hidden", ""),
}
DEFAULT_STYLE = "caps-dash"

_FIRST_P = re.compile(r"<p(\s[^>]*)?>")


def format_dateline(place: str, style: str = DEFAULT_STYLE) -> str:
    """``"Doha, Qatar"`` → ``"DOHA, Qatar –"``: the city in capitals, the rest as written."""
    place = place.strip()
    case, tail = DATELINE_STYLES.get(style, DATELINE_STYLES[DEFAULT_STYLE])
    if not place or case == "hidden":
        return ""
    if case == "upper":
        city, sep, rest = place.partition(",")
        place = city.upper() + sep + rest
    return place + tail


def insert_dateline(body_html: str, place: str, style: str = DEFAULT_STYLE) -> str:
    """Open the first paragraph of the body with the dateline (or a paragraph of its own)."""
    text = format_dateline(place, style)
    if not text:
        return body_html
    span = f'<span class="dateline">{escape(text)}</span> '
    m = _FIRST_P.search(body_html)
    if m is None:
        return f"<p>{span.rstrip()}</p>\n{body_html}"
    return body_html[: m.end()] + span + body_html[m.end() :]
