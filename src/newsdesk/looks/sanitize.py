"""Making a fetched page inert: no script, form, frame, embedded object, tracking pixel, event
handler, or reference to anything outside the snapshot. Works on a BeautifulSoup tree; the
snapshot code rewrites the references it keeps to ``nd-look:`` before the final sweep."""

from __future__ import annotations

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag

LOCAL = "nd-look:"

# Elements removed with everything inside them.
DROP_ELEMENTS = frozenset(
    [
        "script",
        "noscript",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "select",
        "textarea",
        "option",
        "optgroup",
        "datalist",
        "output",
        "base",
        "portal",
        "template",
        "audio",
        "video",
        "track",
        "source",
        "canvas",
        "dialog",
        "foreignobject",
        "param",
    ]
)
# Attributes that load, submit or describe something elsewhere; never kept.
DROP_ATTRIBUTES = frozenset(
    [
        "action",
        "formaction",
        "ping",
        "srcset",
        "imagesrcset",
        "imagesizes",
        "sizes",
        "integrity",
        "crossorigin",
        "nonce",
        "background",
        "poster",
        "codebase",
        "archive",
        "longdesc",
        "usemap",
        "manifest",
        "cite",
        "itemtype",
        "itemid",
        "xmlns",
        "xmlns:xlink",
        "xml:base",
        "profile",
        "data",
        "download",
        "referrerpolicy",
    ]
)
_SCHEMES = ("javascript:", "vbscript:", "data:", "file:", "blob:", "http:", "https:", "ftp:")
KEEP_META = ("charset", "viewport", "color-scheme")


def _external(value: str) -> bool:
    v = value.strip().lower()
    if v.startswith(LOCAL):
        return False
    return "://" in v or v.startswith("//") or v.startswith(_SCHEMES)


def drop_active_content(soup: BeautifulSoup) -> None:
    """Remove scripts, forms, frames, media and comments (before references are collected)."""
    for node in soup.find_all(string=True):
        if isinstance(node, Comment | ProcessingInstruction | Declaration) and not isinstance(
            node, Doctype
        ):
            node.extract()
    for tag in soup.find_all(True):
        if tag.decomposed:
            continue
        name = tag.name.lower()
        if (
            name in DROP_ELEMENTS
            or (name == "svg" and tag.find("script"))
            or (name == "meta" and not any(tag.get(k) or tag.get("name") == k for k in KEEP_META))
            or (name == "link" and "stylesheet" not in (tag.get_attribute_list("rel") or []))
        ):
            tag.decompose()


def sweep_attributes(soup: BeautifulSoup) -> None:
    """The last pass: event handlers, loading attributes, links and any value that still
    names another place are removed, whatever element carries them."""
    for tag in soup.find_all(True):
        if not isinstance(tag, Tag):
            continue
        for attr in list(tag.attrs):
            key = attr.lower()
            value = tag.attrs[attr]
            text = " ".join(value) if isinstance(value, list) else str(value)
            if (
                key.startswith("on")
                or key in DROP_ATTRIBUTES
                or (key in ("href", "xlink:href") and not text.strip().startswith(("#", LOCAL)))
                or _external(text)
            ):
                del tag.attrs[attr]
        if tag.name in ("img", "image") and not str(tag.get("src", "")).startswith(LOCAL):
            tag.decompose()


def is_tracking_pixel(tag: Tag) -> bool:
    """An image of one or two pixels, or one hidden by its style: counts visits, shows nothing."""

    def small(attr: str) -> bool:
        value = str(tag.get(attr, "")).strip().removesuffix("px")
        return value.isdigit() and int(value) <= 2

    style = str(tag.get("style", "")).replace(" ", "").lower()
    return (small("width") and small("height")) or "display:none" in style
