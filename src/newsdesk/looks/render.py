"""Putting an article into a learned page: headline in the site's title element, body in its
content element (with the platform's block classes), standfirst, byline, date and featured
image where the site shows them. Each filled element is marked ``data-nd-part`` so the
preview can swap changed fields in place."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bs4 import BeautifulSoup, Tag

from newsdesk.looks.parts import MISSING
from newsdesk.looks.sanitize import LOCAL

BODY_CLASS = "article-body"  # where the preview patches the body while typing

# Opening tags of body blocks and the class each platform's editor gives them.
_BLOCK_CLASSES: dict[str, dict[str, str]] = {
    "wordpress": {
        "blockquote": "wp-block-quote", "pre": "wp-block-code", "table": "wp-block-table",
        "hr": "wp-block-separator has-alpha-channel-opacity", "ul": "wp-block-list",
        "ol": "wp-block-list", "h2": "wp-block-heading", "h3": "wp-block-heading",
        "h4": "wp-block-heading", "aside": "wp-block-pullquote",
    },
    "ghost": {"aside": "kg-card kg-callout-card", "hr": "", "pre": ""},
}  # fmt: skip
_OPEN_TAG = re.compile(r"<(blockquote|pre|table|hr|ul|ol|h[2-6]|aside)\b([^>]*)>")
_IMAGE_PARAGRAPH = re.compile(r"<p>(<img\b[^>]*>)</p>")
_CLASS_ATTR = re.compile(r'\sclass="([^"]*)"')


def _family(platform: str) -> str:
    return platform.split("-", 1)[0]


def _add_class(attrs: str, extra: str) -> str:
    if not extra:
        return attrs
    m = _CLASS_ATTR.search(attrs)
    if m is None:
        return f' class="{extra}"' + attrs
    return attrs[: m.start(1)] + f"{m.group(1)} {extra}".strip() + attrs[m.end(1) :]


def platform_classes(html: str, platform: str) -> str:
    """Body HTML with the classes the platform's own editor writes (``wp-block-quote``,
    ``kg-image-card``…), so the site's CSS styles it as its own posts. One element in, one
    element out: the preview maps blocks to DOM nodes by count."""
    family = _family(platform)
    classes = _BLOCK_CLASSES.get(family)
    if classes is None:
        return html

    def on_tag(m: re.Match[str]) -> str:
        return f"<{m.group(1)}{_add_class(m.group(2), classes.get(m.group(1), ''))}>"

    html = _OPEN_TAG.sub(on_tag, html)
    if family == "wordpress":
        return _IMAGE_PARAGRAPH.sub(r'<figure class="wp-block-image size-large">\1</figure>', html)
    return _IMAGE_PARAGRAPH.sub(
        lambda m: (
            '<figure class="kg-card kg-image-card">'
            + m.group(1).replace("<img", '<img class="kg-image"', 1)
            + "</figure>"
        ),
        html,
    )


def _mark(el: Tag, part: str) -> None:
    el["data-nd-part"] = part


def _fill_text(el: Tag, text: str) -> None:
    """Replace what ``el`` says, keeping its first link or time element as the holder (the
    site's CSS often styles ``.author-name a``)."""
    holder = el.find(["a", "time", "span"]) if el.name not in ("a", "time") else None
    if isinstance(holder, Tag) and _only_text_in(el, holder):
        holder.string = text
        return
    el.clear()
    el.append(text)


def _only_text_in(el: Tag, holder: Tag) -> bool:
    own = "".join(str(s) for s in el.find_all(string=True) if holder not in s.parents)
    return not own.strip()


def render_into(
    snapshot_html: str,
    parts: Mapping[str, str],
    platform: str,
    article: Mapping[str, Any],
    file_base: str,
    page_title: str = "",
) -> str:
    """The snapshot page showing ``article`` (``core.pages.article_context``'s
    ``article``: headline, standfirst, byline, date, image, body_html); ``file_base``
    is where the snapshot's files are (``newsdesk://look/``, ``look/``)."""
    soup = BeautifulSoup(snapshot_html.replace(LOCAL, file_base), "html.parser")
    found = {part: soup.select_one(sel) for part, sel in parts.items()}
    title, content = found.get("title"), found.get("content")
    if title is None or content is None:
        from newsdesk.errors import UserError

        raise UserError("The look's headline or body element is gone; pick them again")
    if soup.title is not None:
        soup.title.string = page_title or str(article.get("headline", ""))
    title.clear()
    title.append(str(article.get("headline", "")))
    _mark(title, "title")
    _fill_excerpt(soup, found, platform, str(article.get("standfirst") or ""))
    _fill_author(found.get("author"), [b["name"] for b in article.get("byline") or []])
    _fill_date(found.get("date"), article)
    _fill_image(soup, found, platform, article.get("image"))
    _fill_section(found.get("section"), article.get("section"))
    content.clear()
    body = BeautifulSoup(platform_classes(str(article.get("body_html", "")), platform),
                         "html.parser")  # fmt: skip
    for node in list(body.contents):
        content.append(node.extract())
    content["class"] = " ".join([*(content.get_attribute_list("class") or []), BODY_CLASS])
    _mark(content, "content")
    return str(soup)


def _made(soup: BeautifulSoup, platform: str, part: str, default: tuple[str, str]) -> Tag:
    name, cls = MISSING.get(platform, {}).get(part, default)
    return soup.new_tag(name, attrs={"class": cls})


def _fill_excerpt(soup: BeautifulSoup, found: dict[str, Tag | None], platform: str,
                  text: str) -> None:  # fmt: skip
    el = found.get("excerpt")
    title = found["title"]
    if el is None:
        el = _made(soup, platform, "excerpt", ("p", "standfirst"))
        assert title is not None
        title.insert_after(el)
    el.clear()
    el.append(text)
    if not text:
        el["hidden"] = ""
    _mark(el, "excerpt")


def _fill_author(el: Tag | None, names: list[str]) -> None:
    if el is None:
        return
    if not names:
        el["hidden"] = ""
    else:
        label = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        _fill_text(el, label)
    _mark(el, "author")


def _fill_section(el: Tag | None, section: Mapping[str, Any] | None) -> None:
    """The site's section or category label: the article's section, or hidden."""
    if el is None:
        return
    if section:
        _fill_text(el, str(section.get("name", "")))
    else:
        el["hidden"] = ""
    _mark(el, "section")


def _fill_date(el: Tag | None, article: Mapping[str, Any]) -> None:
    if el is None:
        return
    when = el if el.name == "time" else el.find("time")
    if isinstance(when, Tag):
        when["datetime"] = str(article.get("date_iso", ""))
        when.string = str(article.get("date_label", ""))
    else:
        _fill_text(el, str(article.get("date_label", "")))
    _mark(el, "date")


def _fill_image(soup: BeautifulSoup, found: dict[str, Tag | None], platform: str,
                image: Mapping[str, Any] | None) -> None:  # fmt: skip
    el = found.get("image")
    if el is None:
        if not image:
            return
        el = _made(soup, platform, "image", ("figure", "featured"))
        if platform == "wordpress-block":  # outside the theme's constrained group: keep wide
            el["style"] = ("max-width:var(--wp--style--global--wide-size,1200px);"
                           "margin-left:auto;margin-right:auto")  # fmt: skip
        content = found["content"]
        assert content is not None
        content.insert_before(el)
    if not image:
        el.clear()
        el["hidden"] = ""
        _mark(el, "image")
        return
    img = el if el.name == "img" else el.find("img")
    if not isinstance(img, Tag):
        img = soup.new_tag("img")
        el.insert(0, img)
    img.attrs = {k: v for k, v in img.attrs.items() if k in ("class", "loading", "decoding")}
    img["src"] = str(image.get("url", ""))
    img["alt"] = str(image.get("alt") or "")
    for key in ("width", "height"):
        if image.get(key):
            img[key] = str(image[key])
    caption = " ".join(str(image.get(k) or "") for k in ("caption", "credit")).strip()
    figcaption = el.find("figcaption") if el.name != "img" else None
    if el.name != "img" and el.select_one("[class*=__overlay], .has-background-dim"):
        # An overlay dims the whole figure (Twenty Twenty-Three): the caption goes below it.
        below = soup.new_tag("p", attrs={"class": "wp-element-caption has-small-font-size"})
        below.string = caption
        if not caption:
            below["hidden"] = ""
        _mark(below, "image-caption")
        el.insert_after(below)
        _mark(el, "image")
        return
    if caption and el.name != "img":
        if not isinstance(figcaption, Tag):
            figcaption = soup.new_tag("figcaption")
            el.append(figcaption)
        figcaption.string = caption
    elif isinstance(figcaption, Tag):
        figcaption.decompose()
    _mark(el, "image")
