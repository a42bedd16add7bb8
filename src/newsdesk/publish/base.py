"""What every publisher receives and answers: the post payload, remote references, doctor
reports, and the ``Publisher`` protocol the outbox drives.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any, Protocol

from newsdesk.domain.report import DoctorReport
from newsdesk.render.markdown import resolve_assets

MARKER_PREFIX = "newsdesk:"


@dataclass(frozen=True)
class MediaFile:
    """An image from the library, to be uploaded with its alt text and caption."""

    sha256: str
    filename: str
    media_type: str
    data: bytes = field(repr=False)
    alt: str = ""
    caption: str = ""
    credit: str = ""


def caption_with_credit(caption: str, credit: str) -> str:
    """One line for sites with a single caption field: "The terminal. Photo: Mira Santos"."""
    caption, credit = caption.strip(), credit.strip()
    if not credit:
        return caption
    if caption and caption[-1] not in ".!?…":
        caption += "."
    return f"{caption} Photo: {credit}".strip()


@dataclass(frozen=True)
class PostPayload:
    """An article as publishers see it. ``body_html`` comes from the one renderer (dateline
    inserted) and still refers to images as ``asset:SHA``; a publisher uploads ``images``
    and calls ``body_with(urls)``."""

    uuid: str
    slug: str
    headline: str
    standfirst: str
    body_html: str
    body_markdown: str
    section: str | None
    tags: list[str]
    byline: list[str]
    status: str  # draft | publish | future
    published_at: datetime | None
    scheduled_at: datetime | None
    updated_at: datetime | None
    language: str
    dateline: str = ""
    image: MediaFile | None = None
    images: list[MediaFile] = field(default_factory=list)
    version: int = 0
    canonical_url: str = ""
    seo_description: str = ""
    pinned: bool = False
    # Declared article fields for publishers that have no attribute here (``domain.schema``):
    # the folder and webhook publishers write them by their front matter / ninjs names.
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def marker(self) -> str:
        """Our identity inside the remote post, so it can be found after a lost answer."""
        return f"{MARKER_PREFIX}{self.uuid}"

    @property
    def date(self) -> datetime | None:
        """The date the post carries: the schedule for a future post, else the publish date."""
        if self.status == "future" and self.scheduled_at is not None:
            return self.scheduled_at
        return self.published_at or self.scheduled_at

    def body_with(self, urls: dict[str, str]) -> str:
        return resolve_assets(self.body_html, urls)

    def all_media(self) -> list[MediaFile]:
        seen: dict[str, MediaFile] = {}
        for media in ([self.image] if self.image else []) + self.images:
            seen.setdefault(media.sha256, media)
        return list(seen.values())

    def content_hash(self, extra: str = "") -> str:
        """A fingerprint of everything sent, to tell whether a republish changes anything."""
        data = asdict(self)
        for key in ("image", "images"):
            data.pop(key)
        if not data["extra"]:  # fingerprints from before ``extra`` existed stay the same
            data.pop("extra")
        media = [(m.sha256, m.alt, m.caption, m.credit) for m in self.all_media()]
        blob = json.dumps([data, media, extra], default=str, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()


@dataclass
class RemoteRef:
    """A post on a target: its id, public URL, status and last-modified stamp as the site says."""

    remote_id: str
    url: str = ""
    status: str = ""
    modified: str = ""
    # What the person should know about a post that was made anyway (e.g. the byline could
    # not be credited to a site user); not stored.
    warnings: list[str] = field(default_factory=list)


@dataclass
class MediaCache:
    """Images already uploaded to a target (SHA-256 → {"id", "url"}), so they go up once."""

    items: dict[str, dict[str, str]] = field(default_factory=dict)

    def get(self, sha: str) -> dict[str, str] | None:
        return self.items.get(sha)

    def put(self, sha: str, remote_id: str, url: str) -> None:
        self.items[sha] = {"id": remote_id, "url": url}

    def urls(self) -> dict[str, str]:
        return {sha: item["url"] for sha, item in self.items.items()}


class Publisher(Protocol):
    """A target's client. Every method raises ``PublishError`` subclasses on failure."""

    def doctor(self) -> DoctorReport:
        """Check the connection step by step, telling apart what can go wrong."""
        ...

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        """The post we made earlier for this article (by our marker/UUID, then by slug)."""
        ...

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        """Create the post (uploading its images first)."""
        ...

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        """Overwrite an existing post with the article's current content."""
        ...

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        """Take the post off the site (kept as a draft where the site allows it)."""
        ...

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        """The remote modified stamp if it differs from ``ref.modified`` (edited on the site),
        else None. Sites that cannot tell answer None."""
        ...

    def close(self) -> None: ...
