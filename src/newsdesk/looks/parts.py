"""Where an article's parts are in a site's page: the platform's own conventions first
(WordPress block and classic themes, Ghost's Casper and Source), then a structural guess;
``candidates`` lists other elements a person may pick instead, with a preview of each."""

from __future__ import annotations

import re
from dataclasses import dataclass

import soupsieve
from bs4 import BeautifulSoup, Tag

PARTS = ("title", "excerpt", "author", "date", "image", "content", "section")
PART_LABELS = {
    "title": "Headline", "excerpt": "Standfirst", "author": "Byline", "date": "Date",
    "image": "Featured image", "content": "Body", "section": "Section label",
}  # fmt: skip

# Selectors by platform, most specific first; the first that matches wins.
CONVENTIONS: dict[str, dict[str, list[str]]] = {
    "wordpress-block": {
        "title": ["main h1.wp-block-post-title", "h1.wp-block-post-title", ".wp-block-post-title"],
        "excerpt": [".wp-block-post-excerpt"],
        "author": [".wp-block-post-author-name", ".wp-block-post-author"],
        "date": [".wp-block-post-date time", ".wp-block-post-date"],
        "image": [".wp-block-post-featured-image"],
        "content": [".wp-block-post-content", ".entry-content"],
        "section": [".wp-block-post-terms.taxonomy-category"],
    },
    "wordpress-classic": {
        "title": ["h1.entry-title", ".entry-header .entry-title", "h1.post-title"],
        "excerpt": [".entry-header .entry-summary", ".entry-subtitle", ".post-excerpt"],
        "author": [".byline .author", ".author.vcard", ".byline", ".posted-by"],
        "date": ["time.entry-date", ".posted-on time", ".posted-on"],
        "image": [".post-thumbnail", ".featured-media", ".wp-post-image"],
        "content": [".entry-content", ".post-content"],
        "section": [".cat-links"],
    },
    "ghost-casper": {
        "title": ["h1.article-title"],
        "excerpt": ["p.article-excerpt"],
        "author": [".article-byline-meta .author-name", ".author-name"],
        "date": ["time.byline-meta-date"],
        "image": ["figure.article-image"],
        "content": ["section.gh-content", ".gh-content"],
        "section": [".article-tag .post-card-primary-tag", ".article-tag"],
    },
    "ghost-source": {
        "title": ["h1.gh-article-title"],
        "excerpt": ["p.gh-article-excerpt"],
        "author": [".gh-article-author-name"],
        "date": ["time.gh-article-meta-date"],
        "image": ["figure.gh-article-image"],
        "content": ["section.gh-content", ".gh-content"],
        "section": [".gh-article-tag"],
    },
}
# Where a part the page lacks is made, per platform: (tag, class). The excerpt of a post
# without one, the featured image of a post without one.
MISSING = {
    "wordpress-block": {"excerpt": ("p", "wp-block-post-excerpt__excerpt"),
                        "image": ("figure", "wp-block-post-featured-image alignwide")},
    "wordpress-classic": {"excerpt": ("p", "entry-summary"), "image": ("figure", "post-thumbnail")},
    "ghost-casper": {"excerpt": ("p", "article-excerpt"), "image": ("figure", "article-image")},
    "ghost-source": {"excerpt": ("p", "gh-article-excerpt is-body"),
                     "image": ("figure", "gh-article-image")},
}  # fmt: skip


def detect_platform(soup: BeautifulSoup) -> str:
    """``wordpress-block``, ``wordpress-classic``, ``ghost-casper``, ``ghost-source`` or
    ``generic``, from the generator tag and the theme's markup (read before sanitising)."""
    generator = ""
    meta = soup.find("meta", attrs={"name": re.compile("^generator$", re.I)})
    if isinstance(meta, Tag):
        generator = str(meta.get("content", "")).lower()
    text = str(soup)[:400_000]
    if generator.startswith("wordpress") or "/wp-content/" in text or "wp-block-" in text:
        return "wordpress-block" if soup.select_one(".wp-site-blocks") else "wordpress-classic"
    if generator.startswith("ghost") or soup.select_one(".gh-content, .gh-article, .gh-viewport"):
        return "ghost-casper" if soup.select_one("h1.article-title") else "ghost-source"
    return "generic"


def detect_parts(soup: BeautifulSoup, platform: str) -> dict[str, str]:
    """part -> CSS selector for every part found."""
    found: dict[str, str] = {}
    for part, selectors in CONVENTIONS.get(platform, {}).items():
        for sel in selectors:
            if soup.select_one(sel) is not None:
                found[part] = sel
                break
    for part, el in _guess(soup).items():
        if part not in found and el is not None:
            found[part] = selector_for(el, soup)
    return found


def _text(el: Tag) -> str:
    return " ".join(el.get_text(" ", strip=True).split())


def _classes(el: Tag) -> str:
    return " ".join(el.get_attribute_list("class") or []).lower()


def _content_candidates(soup: Tag) -> list[Tag]:
    """Elements holding paragraphs of their own, by how much paragraph text they hold."""
    scored: list[tuple[int, Tag]] = []
    for el in soup.find_all(True):
        paras = [p for p in el.find_all("p", recursive=False) if len(_text(p)) > 0]
        if paras and el.name not in ("p", "header", "footer", "nav"):
            scored.append((sum(len(_text(p)) for p in paras) + 40 * len(paras), el))
    scored.sort(key=lambda pair: -pair[0])
    return [el for _, el in scored]


_EXCERPT_WORDS = re.compile(r"excerpt|standfirst|dek|subtitle|summary|lede|lead")
_AUTHOR_WORDS = re.compile(r"author|byline")
_DATE_WORDS = re.compile(r"date|posted-on|published|time")


def _guess(soup: BeautifulSoup) -> dict[str, Tag | None]:
    scope = soup.find("article") or soup.find("main") or soup.body or soup
    assert isinstance(scope, Tag)
    h1 = scope.find("h1") or soup.find("h1")
    content = next(iter(_content_candidates(scope if scope.find("p") else soup)), None)
    excerpt = next((p for p in scope.find_all(["p", "div"])
                    if _EXCERPT_WORDS.search(_classes(p))), None)  # fmt: skip
    author = scope.find(True, attrs={"rel": "author"}) or next(
        (el for el in scope.find_all(True) if _AUTHOR_WORDS.search(_classes(el))), None
    )
    date = scope.find("time") or next(
        (el for el in scope.find_all(True) if _DATE_WORDS.search(_classes(el))), None
    )
    image = None
    for fig in scope.find_all(["figure", "img"]):
        if content is not None and (fig is content or content in fig.parents
                                    or fig in content.parents or fig in content.descendants):  # fmt: skip
            continue
        image = fig
        break
    found = {"title": h1, "excerpt": excerpt, "author": author, "date": date, "image": image,
             "content": content}  # fmt: skip
    return {k: v if isinstance(v, Tag) else None for k, v in found.items()}


def selector_for(el: Tag, soup: BeautifulSoup) -> str:
    """A CSS selector that finds ``el`` first in ``soup``: by id, by classes, else by path."""
    own = _simple(el)
    if soup.select_one(own) is el:
        return own
    parent = el.parent
    if isinstance(parent, Tag) and parent.name not in ("[document]", None):
        position = 1 + sum(1 for s in el.find_previous_siblings(el.name))
        step = f"{own}:nth-of-type({position})" if "#" not in own else own
        return f"{selector_for(parent, soup)} > {step}"
    return own


def _simple(el: Tag) -> str:
    if el.get("id"):
        return f"{el.name}#{soupsieve.escape(str(el['id']))}"
    classes = [c for c in el.get_attribute_list("class") or [] if c and not c[0].isdigit()]
    return el.name + "".join("." + soupsieve.escape(c) for c in classes[:3])


@dataclass(frozen=True)
class Candidate:
    selector: str
    preview: str  # what the element shows: its text, or the image's size and alt text
    chosen: bool = False


def preview_of(el: Tag) -> str:
    if el.name == "img" or (el.name in ("figure", "div", "a") and el.find("img")):
        img = el if el.name == "img" else el.find("img")
        assert isinstance(img, Tag)
        alt = str(img.get("alt", "")).strip()
        return f"[image{': ' + alt if alt else ''}]"
    text = _text(el)
    return text if len(text) <= 90 else text[:89] + "…"


_CANDIDATE_QUERIES = {
    "title": "h1, h2, [class*=title], [class*=headline]",
    "excerpt": "p, [class*=excerpt], [class*=summary], [class*=subtitle], [class*=dek]",
    "author": "[rel=author], [class*=author], [class*=byline]",
    "date": "time, [class*=date], [class*=posted]",
    "section": "[rel~=tag], [class*=tag], [class*=categor], [class*=section], [class*=kicker]",
    "image": "figure, img",
    "content": "",
}


def candidates(
    soup: BeautifulSoup, part: str, current: str | None, limit: int = 12
) -> list[Candidate]:
    """Elements that could be ``part``, the current choice first, each with a preview."""
    if part not in PARTS:
        from newsdesk.errors import UserError

        raise UserError(f"Unknown part {part!r}; parts are: {', '.join(PARTS)}")
    if part == "content":
        elements = _content_candidates(soup)
    else:
        body = soup.body or soup
        elements = [el for el in body.select(_CANDIDATE_QUERIES[part])
                    if _text(el) or el.name in ("img", "figure")]  # fmt: skip
    seen: set[str] = set()
    out: list[Candidate] = []
    if current and (el := soup.select_one(current)) is not None:
        out.append(Candidate(current, preview_of(el), chosen=True))
        seen.add(current)
    for el in elements:
        sel = selector_for(el, soup)
        if sel in seen:
            continue
        seen.add(sel)
        out.append(Candidate(sel, preview_of(el)))
        if len(out) >= limit:
            break
    return out
