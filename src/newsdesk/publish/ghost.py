"""A Ghost target over the Admin API: a short-lived JWT made from the Admin API key
(``id:secret``), HTML sent with ``?source=html``, and every update carrying the post's
``updated_at`` (Ghost refuses an update made against an older version).

Our marker ``<!-- newsdesk:<uuid> -->`` lives in the post's ``codeinjection_foot`` so a post
made by an attempt whose answer was lost is found by slug and recognised as ours.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt

from newsdesk.publish.base import DoctorReport, MediaCache, PostPayload, RemoteRef
from newsdesk.publish.http import AuthError, PublishError, send
from newsdesk.publish.targets import TargetConfig

STATUS = {"draft": "draft", "publish": "published", "future": "scheduled"}
TOKEN_LIFETIME = 300  # seconds; Ghost accepts at most five minutes


def admin_token(key: str, now: float | None = None) -> str:
    """The JWT Ghost's Admin API wants: HS256 with the hex secret, kid = key id, aud /admin/."""
    key_id, sep, secret = key.partition(":")
    if not sep or not key_id or not secret:
        raise PublishError("The Ghost Admin API key must look like <id>:<secret>")
    try:
        raw = bytes.fromhex(secret)
    except ValueError:
        raise PublishError(
            "The secret part of the Ghost Admin API key is not hexadecimal"
        ) from None
    iat = int(now if now is not None else time.time())
    payload = {"iat": iat, "exp": iat + TOKEN_LIFETIME, "aud": "/admin/"}
    return jwt.encode(payload, raw, algorithm="HS256", headers={"kid": key_id})


def _iso(moment: datetime | None) -> str | None:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z") if moment else None


class GhostPublisher:
    def __init__(self, target: TargetConfig, secret: str | None, client: httpx.Client) -> None:
        if not secret:
            raise PublishError(f"Target {target.name} has no Admin API key in the keyring")
        self.target, self.client, self.key = target, client, secret
        self.api = target.url.rstrip("/") + "/ghost/api/admin/"
        self.what = f"Ghost {target.name}"

    def _call(self, method: str, path: str, what: str, **kw: Any) -> Any:
        headers = {"Authorization": f"Ghost {admin_token(self.key)}", "Accept-Version": "v5.0",
                   **kw.pop("headers", {})}  # fmt: skip
        response = send(self.client, method, self.api + path, f"{self.what}: {what}",
                        headers=headers, **kw)  # fmt: skip
        return response.json() if response.content else None

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            site = send(self.client, "GET", self.api + "site/", self.what,
                        headers={"Accept-Version": "v5.0"}).json()  # fmt: skip
        except PublishError as exc:
            report.add("address", False, str(exc), "Give the Ghost site's address (https://…).")
            return report
        report.add("address", True, f"Ghost {site.get('site', {}).get('version', '')} found")
        try:
            self._call("GET", "posts/", "checking the key", params={"limit": 1})
        except AuthError as exc:
            report.add("key", False, str(exc), "Copy the Admin API key of a custom integration "
                       "(Settings → Integrations) and add the target again.")  # fmt: skip
            return report
        except PublishError as exc:
            report.add("key", False, str(exc))
            return report
        report.add("key", True, "the Admin API key works")
        return report

    def _upload(self, post: PostPayload, media: MediaCache) -> None:
        for item in post.all_media():
            if media.get(item.sha256):
                continue
            data = self._call("POST", "images/upload/", f"uploading {item.filename}",
                              files={"file": (item.filename, item.data, item.media_type)},
                              data={"ref": item.sha256})  # fmt: skip
            url = data["images"][0]["url"]
            media.put(item.sha256, url, url)

    def _fields(self, post: PostPayload, media: MediaCache) -> dict[str, Any]:
        self._upload(post, media)
        tags = ([post.section] if post.section else []) + list(post.tags)  # primary tag = section
        fields: dict[str, Any] = {
            "title": post.headline,
            "html": post.body_with(media.urls()),
            "custom_excerpt": post.standfirst,
            "slug": post.slug,
            "status": STATUS[post.status],
            "tags": [{"name": t} for t in tags],
            "codeinjection_foot": f"<!-- {post.marker} -->",
        }
        if post.date:
            fields["published_at"] = _iso(post.date)
        if post.image and (cached := media.get(post.image.sha256)):
            fields.update(feature_image=cached["url"], feature_image_alt=post.image.alt,
                          feature_image_caption=post.image.caption)  # fmt: skip
        return fields

    @staticmethod
    def _ref(data: dict[str, Any]) -> RemoteRef:
        post = data["posts"][0]
        return RemoteRef(str(post["id"]), post.get("url", ""), post.get("status", ""),
                         post.get("updated_at", ""))  # fmt: skip

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        data = self._call("GET", "posts/", "looking for an earlier post",
                          params={"filter": f"slug:{post.slug}", "limit": 5})  # fmt: skip
        for item in (data or {}).get("posts", []):
            if post.marker in (item.get("codeinjection_foot") or ""):
                return self._ref({"posts": [item]})
        return None

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        body = {"posts": [self._fields(post, media)]}
        return self._ref(self._call("POST", "posts/", "creating the post",
                                    params={"source": "html"}, json=body))  # fmt: skip

    def _current(self, ref: RemoteRef) -> dict[str, Any]:
        data = self._call("GET", f"posts/{ref.remote_id}/", "reading the post")
        return dict(data["posts"][0])

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        fields = self._fields(post, media)
        fields["updated_at"] = self._current(ref)["updated_at"]
        return self._ref(self._call("PUT", f"posts/{ref.remote_id}/", "updating the post",
                                    params={"source": "html"}, json={"posts": [fields]}))  # fmt: skip

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        fields = {"status": "draft", "updated_at": self._current(ref)["updated_at"]}
        return self._ref(self._call("PUT", f"posts/{ref.remote_id}/", "unpublishing",
                                    json={"posts": [fields]}))  # fmt: skip

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        current = str(self._current(ref).get("updated_at", ""))
        return current if current and ref.modified and current != ref.modified else None

    def close(self) -> None:
        self.client.close()
