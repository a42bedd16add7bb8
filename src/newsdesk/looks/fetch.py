"""Fetching a site's page and the files it styles itself with: httpx, TLS verified, with
limits on sizes and counts (a look is a few hundred KB; a hostile site must not fill the
library)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk.errors import UserError

MAX_PAGE_BYTES = 5 * 2**20
MAX_FILE_BYTES = 8 * 2**20
MAX_TOTAL_BYTES = 40 * 2**20
MAX_FILES = 250
TIMEOUT = httpx.Timeout(20.0, connect=10.0)
USER_AGENT = "newsdesk-look/1 (learns a site's article page for an offline preview)"


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects
    media_type: str
    data: bytes


class Fetcher:
    """GETs over one client, counting what a snapshot has taken so far."""

    def __init__(self, client: httpx.Client | None = None) -> None:
        self.client = client or httpx.Client(
            timeout=TIMEOUT,
            follow_redirects=True,
            headers={"User-Agent": USER_AGENT},
            verify=True,
        )
        self.total = 0
        self.count = 0

    def close(self) -> None:
        self.client.close()

    def get(self, url: str, limit: int = MAX_FILE_BYTES) -> Fetched:
        """The body at ``url``; raises ``UserError`` for anything a person must act on."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise UserError(f"Not a web address: {url}")
        if self.count >= MAX_FILES or self.total >= MAX_TOTAL_BYTES:
            raise UserError(f"The page needs more than {MAX_FILES} files or "
                            f"{MAX_TOTAL_BYTES // 2**20} MB; newsdesk stopped there")  # fmt: skip
        try:
            with self.client.stream("GET", url) as response:
                if response.status_code >= 400:
                    raise UserError(f"{url} answered {response.status_code}")
                chunks: list[bytes] = []
                size = 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raise UserError(f"{url} is larger than {limit // 2**20} MB")
                    chunks.append(chunk)
                media = response.headers.get("content-type", "").split(";")[0].strip().lower()
                final = str(response.url)
        except httpx.HTTPError as exc:
            raise UserError(f"Could not fetch {url}: {exc}") from exc
        self.count += 1
        self.total += size
        return Fetched(final, media, b"".join(chunks))


_FEED_LINK = re.compile(
    r"<link[^>]+type=[\"']application/(?:rss|atom)\+xml[\"'][^>]*>", re.IGNORECASE
)
_HREF = re.compile(r"href=[\"']([^\"']+)[\"']", re.IGNORECASE)
_ITEM_LINK = re.compile(
    r"<(?:item|entry)\b.*?(?:<link>\s*([^<\s]+)\s*</link>|<link[^>]*href=[\"']([^\"']+)[\"'])",
    re.IGNORECASE | re.DOTALL,
)


def newest_post_url(fetcher: Fetcher, site_url: str, kind: str = "") -> str:
    """The address of the site's newest published post: WordPress's REST API when the site is
    WordPress, else the first item of the feed the home page announces (Ghost: ``/rss/``).
    Reads only public pages; nothing is published."""
    site = site_url.rstrip("/") + "/"
    if kind in ("wordpress", ""):
        try:
            got = fetcher.get(urljoin(site, "wp-json/wp/v2/posts?per_page=1&_fields=link"))
            import json

            posts = json.loads(got.data)
            if isinstance(posts, list) and posts and isinstance(posts[0].get("link"), str):
                return str(posts[0]["link"])
            if kind == "wordpress":
                raise UserError(f"{site} has no published post to learn the look from; "
                                "publish one, or give its address with --from")  # fmt: skip
        except (UserError, ValueError):
            if kind == "wordpress":
                raise
    feeds = [urljoin(site, "rss/"), urljoin(site, "feed/")]
    try:
        home = fetcher.get(site, MAX_PAGE_BYTES).data.decode("utf-8", "replace")
        found = [urljoin(site, m.group(1)) for tag in _FEED_LINK.findall(home)
                 if (m := _HREF.search(tag))]  # fmt: skip
        feeds = found + feeds
    except UserError:
        pass
    for feed in feeds:
        try:
            text = fetcher.get(feed, MAX_PAGE_BYTES).data.decode("utf-8", "replace")
        except UserError:
            continue
        m = _ITEM_LINK.search(text)
        if m:
            return (m.group(1) or m.group(2)).strip()
    raise UserError(f"Could not find a published post on {site}; give one with --from URL")
