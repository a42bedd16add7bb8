"""A Micropub (W3C) target: endpoint discovery from the site URL, a bearer token, the media
endpoint for images, JSON create/update/delete/undelete.

Micropub servers implement different parts of the spec. The client reads ``q=config`` (media
endpoint, syndication targets, supported queries) and sends a core every server takes (name,
content, summary, category, ``mp-slug``, ``post-status``, ``published``, photo URLs). The
extras (``author``, a photo's alt text as ``{"value", "alt"}``) are sent until a server refuses
them with a 400; the request is then sent once more without them, and what was refused is
remembered on the target (``learned``) so the next post goes out right the first time.

``uid`` is never sent (servers manage it). A post made by an attempt whose answer was lost is
found by our marker ``<!-- newsdesk:<uuid> -->`` in its content (``q=source`` with ``filter``),
else by its slug in the URL and its name. Servers rarely set ``updated``, so an edit made on
the site is noticed by a fingerprint of the post's ``q=source`` properties.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from newsdesk.domain.dates import iso_utc
from newsdesk.domain.report import DoctorReport
from newsdesk.publish.base import MediaCache, PostPayload, RemoteRef
from newsdesk.publish.http import (
    PublishError,
    RemoteError,
    RemoteGone,
    attempt,
    error_text,
    send,
)
from newsdesk.publish.targets import HIDDEN_STATUSES, TargetConfig
from newsdesk.publish.wp_authors import byline_html

_LINK_HEADER = re.compile(r'<([^>]*)>\s*;[^,]*?rel="?([^";,]*)"?')
# Properties a strict server may refuse; dropped (once) after a 400 and remembered.
EXTRAS = ("author", "photo-alt")
OPTION = "micropub"  # target.options key of what was learned about the server
CONFIG_KEPT = timedelta(days=1)


class _LinkFinder(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ("link", "a"):
            return
        values = dict(attrs)
        href = values.get("href")
        for rel in (values.get("rel") or "").split():
            if href is not None:
                self.links.setdefault(rel.lower(), href)


def discover(client: httpx.Client, site: str, what: str) -> dict[str, str]:
    """The rel → absolute URL links of a site (HTTP Link header first, then HTML)."""
    response = send(client, "GET", site, what)
    links: dict[str, str] = {}
    for value in response.headers.get_list("link"):
        for href, rels in _LINK_HEADER.findall(value):
            for rel in rels.split():
                links.setdefault(rel.lower(), urljoin(str(response.url), href))
    if "html" in response.headers.get("content-type", ""):
        finder = _LinkFinder()
        finder.feed(response.text)
        for rel, href in finder.links.items():
            links.setdefault(rel, urljoin(str(response.url), href))
    return links


def fingerprint(properties: dict[str, Any]) -> str:
    """A stamp of a post's properties as the server keeps them (an edit there changes it)."""
    blob = json.dumps(properties, sort_keys=True, ensure_ascii=False, default=str)
    return "sha256:" + hashlib.sha256(blob.encode()).hexdigest()[:24]


def _first(props: dict[str, Any], key: str) -> Any:
    values = props.get(key) or [""]
    return values[0] if isinstance(values, list) else values


class MicropubPublisher:
    # Bumped when what we send for the same article changes: posts sent before are updated.
    payload_format = "micropub-core"
    # Micropub has no standard way to schedule: the outbox holds a future post until its time.
    can_schedule = False

    def __init__(self, target: TargetConfig, secret: str | None, client: httpx.Client) -> None:
        self.target, self.client = target, client
        self.auth = {"Authorization": f"Bearer {target.require_secret(secret)}"}
        self.known: dict[str, Any] = dict(target.options.get(OPTION) or {})
        self.refused: set[str] = set(self.known.get("refused") or [])
        self.learned: dict[str, Any] = {}
        self._endpoint: str | None = target.options.get("endpoint")
        # The server's q=config is read once per target and kept for a day (the doctor reads
        # it afresh).
        config, read = self.known.get("config"), str(self.known.get("config_read") or "")
        fresh = read and datetime.now(UTC) - datetime.fromisoformat(read) < CONFIG_KEPT
        self._config: dict[str, Any] | None = config if isinstance(config, dict) and fresh else None

    @property
    def what(self) -> str:
        return f"Micropub {self.target.name}"

    # ------------------------------------------------------------ discovery

    def endpoint(self) -> str:
        if self._endpoint is None:
            links = discover(self.client, self.target.url, self.what)
            if "micropub" not in links:
                raise PublishError(
                    f"{self.what}: {self.target.url} names no Micropub endpoint "
                    '(no <link rel="micropub">). Check the URL, or enable Micropub on the site.'
                )
            self._endpoint = links["micropub"]
        return self._endpoint

    def _query(self, q: str, **params: str) -> dict[str, Any]:
        response = send(
            self.client, "GET", self.endpoint(), self.what,
            params={"q": q, **params}, headers=self.auth,
        )  # fmt: skip
        try:
            data = response.json() if response.content else {}
        except ValueError:
            raise PublishError(
                f"{self.what}: the answer to q={q} is not JSON ({error_text(response)})"
            ) from None
        return data if isinstance(data, dict) else {}

    def config(self) -> dict[str, Any]:
        """``q=config``: read once per target and remembered in its options."""
        if self._config is None:
            self._config = self._query("config")
            self._learn(config=self._config, config_read=datetime.now(UTC).isoformat())
        return self._config

    def _learn(self, **facts: Any) -> None:
        """Remember facts about the server in the target's options (saved by the outbox)."""
        self.known.update(facts)
        self.learned[OPTION] = dict(self.known)

    def media_endpoint(self) -> str | None:
        found = self.config().get("media-endpoint")
        return str(found) if found else None

    def supports(self, query: str) -> bool:
        """Whether the server lists ``query`` among its ``q`` values (unknown: assume so)."""
        listed = self.config().get("q")
        return query in listed if isinstance(listed, list) else True

    def syndicate_to(self) -> list[dict[str, Any]]:
        found = self.config().get("syndicate-to")
        if found is None and self.supports("syndicate-to"):
            found = self._query("syndicate-to").get("syndicate-to")
        return [t for t in found or [] if isinstance(t, dict)]

    def categories(self) -> list[str]:
        """The site's categories (``q=category``), where the server offers them."""
        if not self.supports("category"):
            return []
        try:
            data = self._query("category")
        except RemoteError:
            return []
        return [str(c) for c in data.get("categories") or [] if isinstance(c, str)]

    def terms(self) -> dict[str, list[str]]:
        """The site's categories where the server offers ``q=category``."""
        return {"categories": sorted(self.categories())} if self.supports("category") else {}

    # --------------------------------------------------------------- doctor

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            endpoint = self.endpoint()
        except PublishError as exc:
            report.add("discovery", False, str(exc), "Give the site's home page URL.")
            return report
        report.add("discovery", True, f"Micropub endpoint {endpoint}")
        self._config = None  # the doctor asks the server afresh
        if not attempt(
            report,
            "token",
            self.config,
            "the endpoint accepted the token",
            "Make a new token with the create, update, delete and media scopes, and store it: "
            f"newsdesk target secret {self.target.name}",
        ):
            return report
        media = self.media_endpoint()
        report.add(
            "media", True,
            f"media endpoint {media}" if media else
            "no media endpoint: images are sent inside the post instead",
        )  # fmt: skip
        try:
            names = [str(t.get("uid", "")) for t in self.syndicate_to()]
        except PublishError:
            names = []
        report.add("syndication", True, "syndication targets (--option syndicate_to=…): "
                   + (", ".join(names) if names else "none offered"))  # fmt: skip
        listing = "can" if self.supports("source") else "cannot"
        report.add("source", True, f"the server {listing} list its posts (q=source)")
        if self.refused:
            report.add("refused", True, "the server refused " + ", ".join(sorted(self.refused))
                       + "; newsdesk no longer sends them")  # fmt: skip
        return report

    # ---------------------------------------------------------------- media

    def _upload(self, post: PostPayload, media: MediaCache) -> None:
        endpoint = self.media_endpoint()
        for item in post.all_media():
            if media.get(item.sha256) or endpoint is None:
                continue
            response = send(
                self.client, "POST", endpoint, f"{self.what}: uploading {item.filename}",
                files={"file": (item.filename, item.data, item.media_type)}, headers=self.auth,
            )  # fmt: skip
            location = response.headers.get("Location", "")
            if not location:
                raise PublishError(f"{self.what}: the media endpoint gave no Location for an image")
            media.put(item.sha256, location, urljoin(endpoint, location))

    # ----------------------------------------------------------- properties

    def _content(self, post: PostPayload, media: MediaCache) -> str:
        byline = ""
        if post.byline and "author" in self.refused:
            byline = byline_html(post.byline) + "\n"
        return f"{byline}{post.body_with(media.urls())}\n<!-- {post.marker} -->"

    def _properties(self, post: PostPayload, media: MediaCache) -> dict[str, list[Any]]:
        status = "draft" if post.status in HIDDEN_STATUSES else "published"
        props: dict[str, list[Any]] = {
            "name": [post.headline],
            "content": [{"html": self._content(post, media)}],
            "category": list(
                dict.fromkeys([*post.tags, *([post.section] if post.section else [])])
            ),
            "mp-slug": [post.slug],
            "post-status": [status],
        }
        if post.standfirst:
            props["summary"] = [post.standfirst]
        if post.date:
            props["published"] = [iso_utc(post.date)]
        if post.byline and "author" not in self.refused:
            props["author"] = list(post.byline)
        if post.image and (cached := media.get(post.image.sha256)):
            if "photo-alt" in self.refused or not post.image.alt:
                props["photo"] = [cached["url"]]
                if post.image.alt:
                    props["mp-photo-alt"] = [post.image.alt]
            else:
                props["photo"] = [{"value": cached["url"], "alt": post.image.alt}]
        syndicate = self.target.options.get("syndicate_to")
        if syndicate:
            props["mp-syndicate-to"] = list(syndicate)
        return props

    def _extras_sent(self) -> list[str]:
        return [extra for extra in EXTRAS if extra not in self.refused]

    def _send_post(self, build: Callable[[], dict[str, Any]], what: str) -> httpx.Response:
        """POST the body ``build()`` makes; after a 400, once more without the extras the
        server may refuse (remembered for next time)."""
        try:
            return send(self.client, "POST", self.endpoint(), f"{self.what}: {what}",
                        json=build(), headers=self.auth)  # fmt: skip
        except RemoteError as exc:
            extras = self._extras_sent()
            if exc.status != 400 or not extras:
                raise
            self.refused.update(extras)
            response = send(self.client, "POST", self.endpoint(), f"{self.what}: {what}",
                            json=build(), headers=self.auth)  # fmt: skip
            self._learn(refused=sorted(self.refused))
            return response

    # ----------------------------------------------------------- read back

    def source(self, url: str) -> dict[str, Any] | None:
        """The post's properties as the server keeps them, or None if it has no such post."""
        try:
            data = self._query("source", url=url)
        except RemoteError as exc:
            if exc.status in (400, 404, 410):
                return None
            raise
        props = data.get("properties")
        return props if isinstance(props, dict) else None

    def _ref(self, url: str, warnings: list[str] | None = None) -> RemoteRef:
        props = self.source(url)
        if props is None:
            raise PublishError(f"{self.what}: the server does not show the post it made at {url}")
        status = "draft" if _first(props, "post-status") == "draft" else "publish"
        return RemoteRef(
            remote_id=url, url=url, status=status, modified=fingerprint(props),
            warnings=warnings or [],
        )  # fmt: skip

    def _listing(self, **params: str) -> list[dict[str, Any]]:
        try:
            data = self._query("source", limit="100", **params)
        except RemoteError as exc:
            if exc.status == 400:  # the server has no listing
                return []
            raise
        return [i for i in data.get("items") or [] if isinstance(i, dict)]

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        if not self.supports("source"):
            return None
        endpoint = self.endpoint()
        for params in ({"filter": post.uuid}, {"filter": post.slug}):
            for item in self._listing(**params):
                props = item.get("properties") or {}
                url = str(_first(props, "url"))
                content = _first(props, "content")
                html = content.get("html", "") if isinstance(content, dict) else str(content)
                ours = post.marker in html
                by_slug = f"/{post.slug}" in urlsplit(url).path and (
                    _first(props, "name") == post.headline
                )
                if url and (ours or by_slug):
                    return self._ref(urljoin(endpoint, url))
        return None

    # ---------------------------------------------------------------- posts

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        self._upload(post, media)
        response = self._send_post(
            lambda: {"type": ["h-entry"], "properties": self._properties(post, media)},
            "creating the post",
        )
        url = response.headers.get("Location", "")
        if not url:
            raise PublishError(f"{self.what}: the server accepted the post but gave no Location")
        return self._ref(urljoin(self.endpoint(), url))

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        warnings: list[str] = []
        if ref.status == "deleted":
            restored = self._undelete(ref)
            if restored is None:  # the server cannot undelete: a new post, relinked
                new = self.publish(post, media)
                new.warnings.append(
                    f"the server could not restore the deleted post {ref.url}; "
                    f"made a new one at {new.url}"
                )
                return new
        elif self.source(ref.remote_id) is None:
            raise RemoteGone(f"{self.what}: the post {ref.url or ref.remote_id} is no longer "
                             "on the site (deleted there?)")  # fmt: skip
        self._upload(post, media)
        self._send_post(
            lambda: {"action": "update", "url": ref.remote_id,
                     "replace": self._replace(post, media)},
            "updating the post",
        )  # fmt: skip
        return self._ref(ref.remote_id, warnings)

    def _replace(self, post: PostPayload, media: MediaCache) -> dict[str, list[Any]]:
        # mp-* are commands for a create, not properties a post keeps.
        props = self._properties(post, media)
        return {k: v for k, v in props.items() if not k.startswith("mp-")}

    def _undelete(self, ref: RemoteRef) -> str | None:
        if "undelete" in self.refused:
            return None
        body = {"action": "undelete", "url": ref.remote_id}
        try:
            send(self.client, "POST", self.endpoint(), f"{self.what}: restoring the post",
                 json=body, headers=self.auth)  # fmt: skip
        except RemoteError as exc:
            if exc.status in (400, 404, 410, 501):
                return None
            raise
        return ref.remote_id

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        if ref.status == "deleted":  # already off the site: nothing to send
            return ref
        body = {"action": "delete", "url": ref.remote_id}
        send(self.client, "POST", self.endpoint(), f"{self.what}: deleting the post",
             json=body, headers=self.auth)  # fmt: skip
        return RemoteRef(remote_id=ref.remote_id, url=ref.url, status="deleted")

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        if ref.status == "deleted" or not ref.modified:
            return None
        props = self.source(ref.remote_id)
        if props is None:
            return None  # gone: update() says so
        current = fingerprint(props)
        if current == ref.modified:
            return None
        updated = _first(props, "updated")
        return str(updated) if updated else "its content differs from what newsdesk sent"

    def close(self) -> None:
        self.client.close()
