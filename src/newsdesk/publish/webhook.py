"""A webhook target: the article POSTed as ninjs 2.1 JSON, signed with HMAC-SHA256.

Every request carries ``X-Newsdesk-Timestamp`` (Unix seconds) and
``X-Newsdesk-Signature: sha256=<hex>``, the HMAC-SHA256 with the shared secret of
``<timestamp>.<exact body bytes>``. The receiver recomputes it and refuses a timestamp more
than ``TOLERANCE`` seconds away from its clock, so a captured request cannot be replayed
later (the README has a receiver). It identifies the article by the ninjs ``uri``
(``urn:uuid:…``): sending the same article again is an update of it, never a second article.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from typing import Any

import httpx

from newsdesk.domain.dates import iso_utc
from newsdesk.domain.report import DoctorReport
from newsdesk.domain.schema import NINJS_DESCRIPTIONS, NINJS_PROPERTIES
from newsdesk.publish.base import MediaCache, PostPayload, RemoteRef
from newsdesk.publish.http import AuthError, PublishError, send
from newsdesk.publish.targets import HIDDEN_STATUSES, TargetConfig

SIGNATURE_HEADER = "X-Newsdesk-Signature"
TIMESTAMP_HEADER = "X-Newsdesk-Timestamp"
TOLERANCE = 300  # seconds a receiver should accept between the timestamp and its clock
EVENT_HEADER = "X-Newsdesk-Event"
SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"


def sign(secret: str, body: bytes, timestamp: str) -> str:
    """The signature of a request: HMAC-SHA256 of ``<timestamp>.<body>``."""
    signed = timestamp.encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def _data_url(media_type: str, data: bytes) -> str:
    return f"data:{media_type};base64,{base64.b64encode(data).decode()}"


def to_ninjs(post: PostPayload, *, pubstatus: str = "usable") -> dict[str, Any]:
    """The article as a ninjs 2.1 news item; images travel inside it as data: URLs."""
    urls = {m.sha256: _data_url(m.media_type, m.data) for m in post.all_media()}
    item: dict[str, Any] = {
        "standard": {"name": "ninjs", "version": "2.1", "schema": SCHEMA},
        "uri": f"urn:uuid:{post.uuid}",
        "type": "text",
        "version": str(post.version),
        "versioncreated": iso_utc(post.updated_at) or iso_utc(datetime.now(UTC)),
        "pubstatus": pubstatus,
        "language": post.language,
        "slugline": post.slug,
        "headlines": [{"role": "main", "value": post.headline}],
        "descriptions": [{"role": "summary", "value": post.standfirst}] if post.standfirst else [],
        "bodies": [{"role": "main", "contenttype": "text/html", "value": post.body_with(urls)}],
        "subjects": [{"name": t, "rel": "tag"} for t in post.tags]
        + ([{"name": post.section, "rel": "section"}] if post.section else []),
        "by": ", ".join(post.byline),
    }
    if post.dateline:
        item["located"] = post.dateline
    for name, value in post.extra.items():  # declared fields without a payload attribute
        if value and (role := NINJS_DESCRIPTIONS.get(name)):
            item["descriptions"].append({"role": role, "value": str(value)})
        elif value and (prop := NINJS_PROPERTIES.get(name)):
            item[prop] = value
    if post.date:
        item["firstcreated"] = iso_utc(post.date)
    if post.status == "future" and post.scheduled_at:
        item["embargoed"] = iso_utc(post.scheduled_at)
    if post.status in HIDDEN_STATUSES:
        item["pubstatus"] = "withheld" if pubstatus == "usable" else pubstatus
    if post.image:
        img = post.image
        item["associations"] = [
            {
                "name": "featureimage",
                "uri": f"urn:sha256:{img.sha256}",
                "type": "picture",
                "headlines": [{"value": img.caption}] if img.caption else [],
                "descriptions": [{"role": "alt", "value": img.alt}] if img.alt else [],
                "copyrightnotice": img.credit,
                "renditions": [
                    {"name": "original", "href": urls[img.sha256], "contenttype": img.media_type}
                ],
            }
        ]
    return item


class WebhookPublisher:
    def __init__(self, target: TargetConfig, secret: str | None, client: httpx.Client) -> None:
        self.target, self.client = target, client
        self.secret = target.require_secret(secret)

    def _post(self, event: str, item: dict[str, Any]) -> httpx.Response:
        body = json.dumps(item, ensure_ascii=False, sort_keys=True).encode()
        stamp = str(int(time.time()))
        headers = {
            "Content-Type": "application/json",
            EVENT_HEADER: event,
            TIMESTAMP_HEADER: stamp,
            SIGNATURE_HEADER: sign(self.secret, body, stamp),
        }
        return send(
            self.client, "POST", self.target.url, f"Webhook {self.target.name}",
            content=body, headers=headers,
        )  # fmt: skip

    def _ref(self, post_uri: str, response: httpx.Response, status: str) -> RemoteRef:
        url = response.headers.get("Location", "")
        try:
            data = response.json()
            url = str(data.get("url") or url) if isinstance(data, dict) else url
        except ValueError:
            pass
        return RemoteRef(remote_id=post_uri, url=url, status=status)

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        try:
            self._post("ping", {"uri": "urn:newsdesk:ping", "type": "text"})
        except AuthError as exc:
            report.add(
                "signature", False, str(exc),
                "The receiver rejected the signature: store the same secret here and there.",
            )  # fmt: skip
        except PublishError as exc:
            report.add("connection", False, str(exc), "Check the webhook URL.")
        else:
            report.add("connection", True, f"{self.target.url} accepted a signed ping")
        return report

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        # The receiver keys on the ninjs uri, so re-sending is an update: nothing to look up.
        return None

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        item = to_ninjs(post)
        return self._ref(item["uri"], self._post("publish", item), post.status)

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        item = to_ninjs(post)
        return self._ref(item["uri"], self._post("update", item), post.status)

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        item = {"uri": ref.remote_id, "type": "text", "pubstatus": "canceled"}
        self._post("unpublish", item)
        return RemoteRef(remote_id=ref.remote_id, url=ref.url, status="unpublished")

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        return None

    def close(self) -> None:
        self.client.close()
