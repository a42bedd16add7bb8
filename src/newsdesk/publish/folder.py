"""A static-site folder target: a Hugo content directory with one page bundle per article
(``<section>/<slug>/index.md`` with front matter, images beside it).

The "remote modified" stamp is the SHA-256 of the written ``index.md``, so an edit made in the
folder after our publish is noticed before we overwrite it (and named by file and time).
A missing content folder (an unmounted share) is an error, never silently created: the
person creates it (``publish --create``), and the doctor says the same as a publish would.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from newsdesk.core.atomic import atomic_directory
from newsdesk.core.safe_paths import inside
from newsdesk.domain.dates import iso_utc
from newsdesk.domain.report import DoctorReport
from newsdesk.domain.schema import FRONT_MATTER
from newsdesk.domain.slugs import check_slug, slugify
from newsdesk.publish.base import MediaCache, MediaFile, PostPayload, RemoteRef
from newsdesk.publish.http import PublishError
from newsdesk.publish.targets import HIDDEN_STATUSES, TargetConfig

_ASSET_REF = re.compile(r"asset:([0-9a-f]{64})")
_EXT = {"image/jpeg": ".jpg", "image/png": ".png", "image/gif": ".gif", "image/webp": ".webp"}


def image_name(media: MediaFile) -> str:
    return f"images/{media.sha256[:16]}{_EXT.get(media.media_type, '')}"


def front_matter(post: PostPayload) -> dict[str, Any]:
    """Hugo's keys (title, date, publishDate, draft, categories, tags, authors…) plus ours."""
    meta: dict[str, Any] = {
        "title": post.headline,
        "slug": post.slug,
        "date": iso_utc(post.published_at or post.scheduled_at or post.updated_at),
        "lastmod": iso_utc(post.updated_at),
        "draft": post.status in HIDDEN_STATUSES,
        "description": post.standfirst,
        "categories": [post.section] if post.section else [],
        "tags": list(post.tags),
        "authors": list(post.byline),
        "dateline": post.dateline,
        "language": post.language,
        "uuid": post.uuid,
    }
    for name, value in post.extra.items():  # declared fields without a payload attribute
        if keys := FRONT_MATTER.get(name):
            meta[keys[0]] = iso_utc(value) if isinstance(value, datetime) else value
    if post.status == "future" and post.scheduled_at:
        meta["publishDate"] = iso_utc(post.scheduled_at)
    if post.image:
        meta["images"] = [image_name(post.image)]
        meta["featured_image"] = {
            "src": image_name(post.image),
            "alt": post.image.alt,
            "caption": post.image.caption,
            "credit": post.image.credit,
        }
    return meta


def page_text(post: PostPayload) -> str:
    names = {m.sha256: image_name(m) for m in post.all_media()}
    body = _ASSET_REF.sub(lambda m: names.get(m.group(1), m.group(0)), post.body_markdown)
    meta = yaml.safe_dump(front_matter(post), sort_keys=False, allow_unicode=True)
    return f"---\n{meta}---\n\n{body.rstrip()}\n"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


class FolderPublisher:
    def __init__(self, target: TargetConfig, secret: str | None = None, client: Any = None) -> None:
        url = target.url.removeprefix("file://")
        self.target, self.root = target, Path(url).expanduser()

    def _bundle(self, post: PostPayload) -> Path:
        section = slugify(post.section) if post.section else "posts"
        return inside(self.root, f"{section}/{check_slug(post.slug, 'article slug')}")

    def doctor(self) -> DoctorReport:
        report = DoctorReport()
        if not self.root.is_dir():
            report.add(
                "folder", False, f"{self.root} is not a folder",
                "Create it, or give the content folder of your Hugo site (…/content).",
            )  # fmt: skip
            return report
        probe = self.root / ".newsdesk-write-test"
        try:
            probe.write_text("ok")
            probe.unlink()
        except OSError as exc:
            report.add("folder", False, f"cannot write in {self.root}: {exc.strerror}",
                       "Check the folder's permissions.")  # fmt: skip
            return report
        report.add("folder", True, f"{self.root} is a writable folder")
        return report

    def find_existing(self, post: PostPayload) -> RemoteRef | None:
        if not self.root.is_dir():
            return None
        needle = f"uuid: {post.uuid}"
        for page in self.root.rglob("index.md"):
            try:
                head = page.read_text(encoding="utf-8", errors="replace")[:4000]
            except OSError:
                continue
            if needle in head:
                return self._ref(page.parent, post.status)
        return None

    def _ref(self, bundle: Path, status: str) -> RemoteRef:
        return RemoteRef(
            remote_id=str(bundle.relative_to(self.root)),
            url=bundle.as_uri(),
            status=status,
            modified=_digest(bundle / "index.md"),
        )

    def _require_root(self) -> None:
        if not self.root.is_dir():
            raise PublishError(
                f"The content folder {self.root} is missing (an unmounted share or a moved "
                "site?). Mount or restore it, or publish with --create to make it."
            )

    def _write(self, post: PostPayload) -> RemoteRef:
        self._require_root()
        bundle = self._bundle(post)
        try:
            with atomic_directory(bundle) as tmp:
                (tmp / "index.md").write_text(page_text(post), encoding="utf-8")
                for media in post.all_media():
                    dest = tmp / image_name(media)
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    dest.write_bytes(media.data)
        except OSError as exc:
            raise PublishError(f"Cannot write {bundle}: {exc.strerror or exc}") from exc
        return self._ref(bundle, post.status)

    def publish(self, post: PostPayload, media: MediaCache) -> RemoteRef:
        return self._write(post)

    def update(self, ref: RemoteRef, post: PostPayload, media: MediaCache) -> RemoteRef:
        old = inside(self.root, ref.remote_id)
        new = self._write(post)
        # A changed slug or section moves the bundle: remove the old one.
        if old.resolve() != (self.root / new.remote_id).resolve() and old.is_dir():
            shutil.rmtree(old)
        return new

    def unpublish(self, ref: RemoteRef) -> RemoteRef:
        self._require_root()
        bundle = inside(self.root, ref.remote_id)
        if bundle.is_dir() and (bundle / "index.md").exists():
            shutil.rmtree(bundle)
        return RemoteRef(remote_id=ref.remote_id, url="", status="unpublished")

    def remote_changed_since(self, ref: RemoteRef) -> str | None:
        page = inside(self.root, ref.remote_id) / "index.md"
        current = _digest(page)
        if not (current and ref.modified and current != ref.modified):
            return None
        when = datetime.fromtimestamp(page.stat().st_mtime).astimezone()
        return f"its {page} was changed on {when.strftime('%Y-%m-%d %H:%M:%S %Z')}"

    def close(self) -> None:
        pass
