"""Taking a snapshot of one published post page: the page made inert, with its stylesheets,
fonts and theme images kept as files (content-addressed), ready to be stored in the library.

Which files are taken: stylesheets the page links or embeds (from any host: a site's web
fonts usually come from a font service), the fonts those stylesheets load (any host), and
images from the site itself or the stylesheet's own host. Everything else is dropped.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from newsdesk.errors import UserError
from newsdesk.looks.css import rewrite_css
from newsdesk.looks.fetch import MAX_PAGE_BYTES, Fetcher
from newsdesk.looks.parts import detect_parts, detect_platform
from newsdesk.looks.sanitize import (
    LOCAL,
    drop_active_content,
    is_tracking_pixel,
    sweep_attributes,
)

FONT_TYPES = {
    ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf", ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
}  # fmt: skip
IMAGE_TYPES = {
    ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".avif": "image/avif", ".svg": "image/svg+xml",
    ".ico": "image/x-icon",
}  # fmt: skip
EXTENSIONS = {
    "text/css": ".css", **{v: k for k, v in FONT_TYPES.items()},
    **{v: k for k, v in IMAGE_TYPES.items() if k != ".jpeg"},
}  # fmt: skip
_SVG_ACTIVE = re.compile(rb"<script|\son[a-z]+\s*=|javascript:|<foreignObject", re.IGNORECASE)


@dataclass(frozen=True)
class LookFileData:
    sha256: str
    media_type: str
    data: bytes
    source_url: str

    @property
    def name(self) -> str:
        return self.sha256 + EXTENSIONS.get(self.media_type, "")


@dataclass
class Snapshot:
    source_url: str
    platform: str
    html: str
    parts: dict[str, str]
    files: dict[str, LookFileData] = field(default_factory=dict)


def _ext(url: str) -> str:
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return path[dot:] if dot > path.rfind("/") else ""


def _same_site(url: str, host: str) -> bool:
    other = (urlsplit(url).hostname or "").lower()
    return other == host or other.removeprefix("www.") == host.removeprefix("www.")


class _Collector:
    """Fetches what the page uses and keeps each file once, by hash."""

    def __init__(self, fetcher: Fetcher, page_url: str) -> None:
        self.fetcher = fetcher
        self.host = (urlsplit(page_url).hostname or "").lower()
        self.files: dict[str, LookFileData] = {}
        self._by_url: dict[str, str | None] = {}  # url -> file name (None: refused)
        self._busy: set[str] = set()  # stylesheets being processed (@import cycles)

    def _keep(self, data: bytes, media_type: str, url: str) -> str:
        sha = hashlib.sha256(data).hexdigest()
        item = LookFileData(sha, media_type, data, url)
        self.files.setdefault(sha, item)
        return item.name

    def stylesheet(self, url: str) -> str | None:
        """A stylesheet's file name in the snapshot (its references rewritten), or None."""
        if url in self._by_url:
            return self._by_url[url]
        if url in self._busy or urlsplit(url).scheme not in ("http", "https"):
            return None
        self._busy.add(url)
        try:
            got = self.fetcher.get(url)
        except UserError:
            self._by_url[url] = None
            return None
        finally:
            self._busy.discard(url)
        if got.media_type not in ("text/css", "") and _ext(url) != ".css":
            self._by_url[url] = None
            return None
        text = got.data.decode("utf-8", "replace")
        css = self.css(text, got.url, prefix="")
        name = self._keep(css.encode("utf-8"), "text/css", url)
        self._by_url[url] = name
        return name

    def css(self, text: str, base: str, prefix: str) -> str:
        """CSS with its references fetched and rewritten (``prefix`` + file name)."""
        css_host = (urlsplit(base).hostname or "").lower()

        def resolve(raw: str, what: str) -> str | None:
            if raw.lower().startswith("data:"):
                return None if raw.lower().startswith("data:image/svg") else raw
            url = urljoin(base, raw)
            name = self.stylesheet(url) if what == "import" else self.resource(url, css_host)
            return prefix + name if name else None

        return rewrite_css(text, resolve)

    def resource(self, url: str, css_host: str = "") -> str | None:
        """A font (from any host a stylesheet names) or an image (from the site itself or the
        stylesheet's host)."""
        if url in self._by_url:
            return self._by_url[url]
        ext = _ext(url)
        name: str | None = None
        if ext in FONT_TYPES:
            name = self._fetch(url, FONT_TYPES[ext])
        elif ext in IMAGE_TYPES and (
            _same_site(url, self.host) or (css_host and _same_site(url, css_host))
        ):
            name = self._fetch(url, IMAGE_TYPES[ext])
        self._by_url[url] = name
        return name

    def image(self, url: str) -> str | None:
        """A page image from the site itself (never another host: a pixel that counts)."""
        if not _same_site(url, self.host):
            return None
        ext = _ext(url)
        return self.resource(url) if ext in IMAGE_TYPES else None

    def _fetch(self, url: str, media_type: str) -> str | None:
        try:
            got = self.fetcher.get(url)
        except UserError:
            return None
        if got.media_type.startswith("text/html") or not _plausible(got.data, media_type):
            return None
        return self._keep(got.data, media_type, url)


def _plausible(data: bytes, media_type: str) -> bool:
    if media_type == "image/svg+xml":
        return b"<svg" in data[:4096] and not _SVG_ACTIVE.search(data)
    if media_type.startswith("image/") and media_type not in ("image/avif", "image/x-icon"):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as img:
                img.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            return False
    return bool(data)


def take_snapshot(fetcher: Fetcher, page_url: str) -> Snapshot:
    """Fetch ``page_url`` and everything it is styled with; the result holds no script and no
    reference outside itself. Finds the article's parts (platform conventions first)."""
    page = fetcher.get(page_url, MAX_PAGE_BYTES)
    if page.media_type and "html" not in page.media_type:
        raise UserError(f"{page_url} is not a web page ({page.media_type})")
    soup = BeautifulSoup(page.data, "html.parser")
    platform = detect_platform(soup)
    base = page.url
    base_tag = soup.find("base", href=True)
    if isinstance(base_tag, Tag):
        base = urljoin(base, str(base_tag["href"]))
    drop_active_content(soup)
    collector = _Collector(fetcher, page.url)
    for link in soup.find_all("link"):
        href = str(link.get("href", ""))
        name = collector.stylesheet(urljoin(base, href)) if href else None
        if name is None:
            link.decompose()
            continue
        media = link.get("media")
        link.attrs = {"rel": "stylesheet", "href": LOCAL + name}
        if media:
            link["media"] = media
    for style in soup.find_all("style"):
        style.string = collector.css(style.get_text(), base, prefix=LOCAL)
    for tag in soup.find_all(style=True):
        tag["style"] = collector.css(str(tag["style"]), base, prefix=LOCAL)
    for img in soup.find_all("img"):
        src = str(img.get("src", "")).strip()
        name = collector.image(urljoin(base, src)) if src and not is_tracking_pixel(img) else None
        if name is None:
            img.decompose()
        else:
            img["src"] = LOCAL + name
    sweep_attributes(soup)
    parts = detect_parts(soup, platform)
    if "content" not in parts or "title" not in parts:
        missing = " and ".join(p for p in ("title", "content") if p not in parts)
        raise UserError(
            f"Could not find the article's {missing} in {page.url}; is it a post's page?"
        )
    return Snapshot(page.url, platform, str(soup), parts, collector.files)
