"""A Ghost target over the Admin API: a short-lived JWT made from the Admin API key
(``id:secret``), HTML sent with ``?source=html``, and every update carrying the post's
``updated_at`` (Ghost refuses an update made against an older version).

Our marker ``<!-- newsdesk:<uuid> -->`` lives in the post's ``codeinjection_foot`` so a post
made by an attempt whose answer was lost is found by slug and recognised as ours.

The byline's names become the post's authors where a staff user has that name, email or slug;
names without a user are reported, and the byline then heads the text (as on WordPress).
Ghost does not change ``updated_at`` for every edit (a tag-only edit keeps it), so an edit on
the site is noticed by a fingerprint of the fields newsdesk sends, read back after each save.
"""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt

from newsdesk.domain.report import DoctorReport
from newsdesk.publish.base import (
    MediaCache,
    PostPayload,
    RemoteRef,
    caption_with_credit,
)
from newsdesk.publish.http import PublishError, RemoteError, RemoteGone, attempt, send
from newsdesk.publish.targets import TargetConfig, normalise_ghost_url
from newsdesk.publish.wp_authors import byline_html

# Ghost has no "pending review" or "private" post: those stay drafts (and say so).
STATUS = {"draft": "draft", "publish": "published", "future": "scheduled", "pending": "draft",
          "private": "draft"}  # fmt: skip
# Ghost's words for what it did, in newsdesk's (publish/draft/future).
OURS = {"published": "publish", "draft": "draft", "scheduled": "future", "sent": "publish"}
TOKEN_LIFETIME = 300  # seconds; Ghost accepts at most five minutes
IMAGE_FIELDS = ("feature_image", "feature_image_alt", "feature_image_caption")
READ = {"formats": "html", "include": "tags,authors"}


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


def fingerprint(post: dict[str, Any]) -> str:
    """A stamp of the fields newsdesk sends, as Ghost keeps them."""
    fields = {
        "title": post.get("title"),
        "html": post.get("html"),
        "excerpt": post.get("custom_excerpt"),
        "tags": [t.get("name") for t in post.get("tags") or []],
        "authors": [a.get("id") for a in post.get("authors") or []],
        "image": [post.get(k) for k in IMAGE_FIELDS],
        "status": post.get("status"),
    }
    blob = json.dumps(fields, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


class GhostPublisher:
    # Bumped when what we send for the same article changes: posts sent before are updated.
    payload_format = "ghost-authors"

    def __init__(self, target: TargetConfig, secret: str | None, client: httpx.Client) -> None:
        self.target, self.client, self.key = target, client, target.require_secret(secret)
        self.site = normalise_ghost_url(target.url)
        self.api = self.site + "/ghost/api/admin/"
        self.what = f"Ghost {target.name}"
        self._users: list[dict[str, Any]] | None = None

    def _call(self, method: str, path: str, what: str, **kw: Any) -> Any:
        headers = {"Authorization": f"Ghost {admin_token(self.key)}", "Accept-Version": "v5.0",
                   **kw.pop("headers", {})}  # fmt: skip
        response = send(self.client, method, self.api + path, f"{self.what}: {what}",
                        headers=headers, **kw)  # fmt: skip
        return response.json() if response.content else None

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            response = send(self.client, "GET", self.api + "site/", self.what,
                            headers={"Accept-Version": "v5.0"})  # fmt: skip
            site = response.json()
        except PublishError as exc:
            report.add("address", False, str(exc), "Give the Ghost site's address (https://…).")
            return report
        except ValueError:
            report.add("address", False, f"{self.site} answers, but not as a Ghost site",
                       "Give the Ghost site's address (https://…), not a page of it.")  # fmt: skip
            return report
        report.add("address", True, f"Ghost {site.get('site', {}).get('version', '')} found")
        if not attempt(
            report,
            "key",
            lambda: self._call("GET", "posts/", "checking the key", params={"limit": 1}),
            "the Admin API key works",
            "Copy the Admin API key of a custom integration (Settings → Integrations) and "
            f"store it: newsdesk target secret {self.target.name}",
        ):
            return report
        try:
            staff = len(self.users())
        except PublishError as exc:
            report.add("authors", True, f"cannot list staff users ({exc}): posts go out under "
                       "the integration's owner, the byline in the text")  # fmt: skip
        else:
            report.add("authors", True, f"{staff} staff user(s) to credit bylines to")
        return report

    # ------------------------------------------------------------- authors

    def users(self) -> list[dict[str, Any]]:
        if self._users is None:
            data = self._call("GET", "users/", "listing staff users",
                              params={"limit": "all", "fields": "id,name,slug,email"})  # fmt: skip
            self._users = list((data or {}).get("users") or [])
        return self._users

    def _author(self, name: str) -> dict[str, Any] | None:
        wanted = name.strip().casefold()
        for user in self.users():
            if wanted in (str(user.get(k) or "").casefold() for k in ("name", "email", "slug")):
                return user
        return None

    def _authors(self, post: PostPayload) -> tuple[list[dict[str, str]], list[str]]:
        """The staff users the byline names (ids), and the names no user has."""
        found: list[dict[str, str]] = []
        unknown: list[str] = []
        for name in post.byline:
            user = self._author(name)
            if user is None:
                unknown.append(name)
            elif {"id": str(user["id"])} not in found:
                found.append({"id": str(user["id"])})
        return found, unknown

    def terms(self) -> dict[str, list[str]]:
        """The site's tags (Ghost has no categories: the section is the primary tag)."""
        data = self._call("GET", "tags/", "listing tags",
                          params={"limit": "all", "fields": "name"})  # fmt: skip
        return {"tags": sorted(str(t.get("name", "")) for t in (data or {}).get("tags", []))}

    # -------------------------------------------------------------- fields

    def _upload(self, post: PostPayload, media: MediaCache) -> None:
        for item in post.all_media():
            if media.get(item.sha256):
                continue
            data = self._call("POST", "images/upload/", f"uploading {item.filename}",
                              files={"file": (item.filename, item.data, item.media_type)},
                              data={"ref": item.sha256})  # fmt: skip
            url = data["images"][0]["url"]
            media.put(item.sha256, url, url)

    def _fields(self, post: PostPayload, media: MediaCache) -> tuple[dict[str, Any], list[str]]:
        self._upload(post, media)
        authors, unknown = self._authors(post)
        byline = f"{byline_html(post.byline)}\n" if post.byline and unknown else ""
        tags = ([post.section] if post.section else []) + list(post.tags)  # primary tag = section
        fields: dict[str, Any] = {
            "title": post.headline,
            "html": byline + post.body_with(media.urls()),
            "custom_excerpt": post.standfirst or None,
            "meta_description": post.seo_description or None,
            "slug": post.slug,
            "status": STATUS[post.status],
            "tags": [{"name": t} for t in tags],
            "featured": post.pinned,
            "codeinjection_foot": f"<!-- {post.marker} -->",
        }
        if authors:
            fields["authors"] = authors
        if post.canonical_url:
            fields["canonical_url"] = post.canonical_url
        for option in ("visibility",):  # left to the site unless the target sets it
            if self.target.options.get(option):
                fields[option] = self.target.options[option]
        when = post.date
        # "Publish now" of an article dated later must not put next week's date on a live post.
        if when and not (post.status == "publish" and when > datetime.now(UTC)):
            fields["published_at"] = _iso(when)
        if post.image and (cached := media.get(post.image.sha256)):
            fields.update(
                feature_image=cached["url"],
                feature_image_alt=post.image.alt or None,
                feature_image_caption=caption_with_credit(post.image.caption, post.image.credit)
                or None,
            )
        else:
            fields["feature_image"] = None
        warnings = []
        if unknown:
            warnings.append(
                "no Ghost staff user for " + ", ".join(unknown)
                + " (by name, email or slug): the byline stays in the text"
                + ("" if authors else "; the post is credited to the integration's owner")
            )  # fmt: skip
        return fields, warnings

    def _ref(self, post: dict[str, Any], warnings: list[str] | None = None) -> RemoteRef:
        status = str(post.get("status", ""))
        return RemoteRef(
            str(post["id"]), post.get("url", ""), OURS.get(status, status),
            f"{post.get('updated_at', '')} {fingerprint(post)}", warnings or [],
        )  # fmt: skip

    def _read(self, remote_id: str) -> dict[str, Any]:
        try:
            data = self._call("GET", f"posts/{remote_id}/", "reading the post", params=READ)
        except RemoteError as exc:
            if exc.status == 404:
                raise RemoteGone(f"{self.what}: the post {remote_id} is no longer on the site "
                                 "(deleted there?)") from None  # fmt: skip
            raise
        return dict(data["posts"][0])

    def _save(self, method: str, path: str, what: str, fields: dict[str, Any]) -> dict[str, Any]:
        params = {"source": "html", **READ}
        newsletter = self.target.options.get("newsletter")
        if newsletter and fields.get("status") == "published":
            params["newsletter"] = str(newsletter)
        data = self._call(method, path, what, params=params, json={"posts": [fields]})
        return dict(data["posts"][0])

    # --------------------------------------------------------------- posts

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        data = self._call("GET", "posts/", "looking for an earlier post",
                          params={"filter": f"slug:{post.slug}", "limit": 5, **READ})  # fmt: skip
        for item in (data or {}).get("posts", []):
            if post.marker in (item.get("codeinjection_foot") or ""):
                return self._ref(item)
        return None

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        fields, warnings = self._fields(post, media)
        return self._ref(self._save("POST", "posts/", "creating the post", fields), warnings)

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        fields, warnings = self._fields(post, media)
        fields["updated_at"] = self._read(ref.remote_id)["updated_at"]
        saved = self._save("PUT", f"posts/{ref.remote_id}/", "updating the post", fields)
        return self._ref(saved, warnings)

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        fields = {"status": "draft", "updated_at": self._read(ref.remote_id)["updated_at"]}
        saved = self._call("PUT", f"posts/{ref.remote_id}/", "unpublishing",
                           params=READ, json={"posts": [fields]})  # fmt: skip
        return self._ref(saved["posts"][0])

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        if not ref.modified:
            return None
        current = self._ref(self._read(ref.remote_id)).modified
        if current == ref.modified:
            return None
        stamp, _fp = current.partition(" ")[::2]
        if stamp == ref.modified.partition(" ")[0]:
            return "its title, text, tags, authors or image differ from what newsdesk sent"
        return stamp

    def close(self) -> None:
        self.client.close()
