"""A Micropub (W3C) target: endpoint discovery from the site URL, a bearer token, the media
endpoint for images, JSON create/update/delete.

Finding a post after a lost answer uses the common ``q=source`` listing extension and our
``uid`` property (``urn:uuid:…``); servers without it fall back to nothing found.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin

import httpx

from newsdesk.publish.base import DoctorReport, MediaCache, PostPayload, RemoteRef
from newsdesk.publish.http import AuthError, PublishError, RemoteError, send
from newsdesk.publish.targets import TargetConfig

_LINK_HEADER = re.compile(r'<([^>]*)>\s*;[^,]*?rel="?([^";,]*)"?')


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


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z") if moment else None


class MicropubPublisher:
    def __init__(self, target: TargetConfig, secret: str | None, client: httpx.Client) -> None:
        if not secret:
            raise PublishError(
                f"Target {target.name} has no access token in the keyring; "
                f"run 'newsdesk target add {target.name} …' again to store it."
            )
        self.target, self.client = target, client
        self.auth = {"Authorization": f"Bearer {secret}"}
        self._endpoint: str | None = None
        self._media_endpoint: str | None = None
        self._config: dict[str, Any] | None = None

    @property
    def what(self) -> str:
        return f"Micropub {self.target.name}"

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

    def config(self) -> dict[str, Any]:
        if self._config is None:
            response = send(
                self.client, "GET", self.endpoint(), self.what,
                params={"q": "config"}, headers=self.auth,
            )  # fmt: skip
            data = response.json() if response.content else {}
            self._config = data if isinstance(data, dict) else {}
        return self._config

    def media_endpoint(self) -> str | None:
        found = self.config().get("media-endpoint")
        return str(found) if found else None

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            endpoint = self.endpoint()
        except PublishError as exc:
            report.add("discovery", False, str(exc), "Give the site's home page URL.")
            return report
        report.add("discovery", True, f"Micropub endpoint {endpoint}")
        try:
            self.config()
        except AuthError as exc:
            report.add("token", False, str(exc),
                       "Make a new token with the create, update, delete and media scopes.")  # fmt: skip
            return report
        except PublishError as exc:
            report.add("token", False, str(exc))
            return report
        report.add("token", True, "the endpoint accepted the token")
        media = self.media_endpoint()
        report.add(
            "media", True,
            f"media endpoint {media}" if media else
            "no media endpoint: images are sent inside the post instead",
        )  # fmt: skip
        return report

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
            media.put(item.sha256, location, location)

    def _properties(self, post: PostPayload, media: MediaCache) -> dict[str, list[Any]]:
        props: dict[str, list[Any]] = {
            "name": [post.headline],
            "content": [{"html": post.body_with(media.urls())}],
            "category": list(post.tags) + ([post.section] if post.section else []),
            "mp-slug": [post.slug],
            "uid": [f"urn:uuid:{post.uuid}"],
            "post-status": ["draft" if post.status == "draft" else "published"],
        }
        if post.standfirst:
            props["summary"] = [post.standfirst]
        if post.date:
            props["published"] = [_iso(post.date)]
        if post.byline:
            props["author"] = list(post.byline)
        if post.image and (cached := media.get(post.image.sha256)):
            props["photo"] = [{"value": cached["url"], "alt": post.image.alt}]
        return props

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        try:
            response = send(
                self.client, "GET", self.endpoint(), self.what,
                params={"q": "source", "limit": "200"}, headers=self.auth,
            )  # fmt: skip
        except RemoteError as exc:
            if exc.status == 400:  # the server has no listing: nothing to find
                return None
            raise
        items = response.json().get("items", []) if response.content else []
        uid = f"urn:uuid:{post.uuid}"
        for item in items:
            props = item.get("properties", {})
            if uid in props.get("uid", []) and props.get("url"):
                return RemoteRef(remote_id=props["url"][0], url=props["url"][0])
        return None

    def _modified(self, url: str) -> str:
        try:
            response = send(
                self.client, "GET", self.endpoint(), self.what,
                params={"q": "source", "url": url}, headers=self.auth,
            )  # fmt: skip
        except RemoteError:
            return ""
        props = response.json().get("properties", {}) if response.content else {}
        updated = props.get("updated") or [""]
        return str(updated[0])

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        self._upload(post, media)
        body = {"type": ["h-entry"], "properties": self._properties(post, media)}
        response = send(self.client, "POST", self.endpoint(), self.what, json=body,
                        headers=self.auth)  # fmt: skip
        url = response.headers.get("Location", "")
        if not url:
            raise PublishError(f"{self.what}: the server accepted the post but gave no Location")
        return RemoteRef(remote_id=url, url=url, status=post.status, modified=self._modified(url))

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        self._upload(post, media)
        body = {"action": "update", "url": ref.remote_id,
                "replace": self._properties(post, media)}  # fmt: skip
        send(self.client, "POST", self.endpoint(), self.what, json=body, headers=self.auth)
        return RemoteRef(
            remote_id=ref.remote_id, url=ref.url or ref.remote_id, status=post.status,
            modified=self._modified(ref.remote_id),
        )  # fmt: skip

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        body = {"action": "delete", "url": ref.remote_id}
        send(self.client, "POST", self.endpoint(), self.what, json=body, headers=self.auth)
        return RemoteRef(remote_id=ref.remote_id, url=ref.url, status="unpublished")

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        current = self._modified(ref.remote_id)
        return current if current and ref.modified and current != ref.modified else None

    def close(self) -> None:
        self.client.close()
