"""A headline is required: the CLI refuses an empty one, the desk shows "Untitled" for a draft
whose headline is still empty, never a blank row."""

from __future__ import annotations

from newsdesk.errors import UserError

UNTITLED = "Untitled"


def shown_headline(headline: str | None) -> str:
    """The headline as lists and titles show it: "Untitled" while it is empty or blank."""
    return (headline or "").strip() or UNTITLED


def require_headline(headline: str | None) -> str:
    """The headline without surrounding spaces; an empty or blank one is refused."""
    text = (headline or "").strip()
    if not text:
        raise UserError("A headline is required: give --headline with some words")
    return text
