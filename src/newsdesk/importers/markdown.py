"""Importing Markdown files with front matter (Hugo, Jekyll, newsdesk) into the library."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session

from newsdesk.core.assets import add_asset_file, checked_digest, read_image_file
from newsdesk.domain.frontmatter import from_front_matter
from newsdesk.errors import ImportFailed, UserError
from newsdesk.importers.front_matter import parse_front_matter, yaml_problem
from newsdesk.importers.limits import read_limited
from newsdesk.importers.upsert import ImportResult, upsert_article
from newsdesk.storage.models import Asset

_MD_IMAGE = re.compile(r'(!\[[^\]]*\]\()\s*<?([^)\s>]+)>?((?:\s+"[^"]*")?\s*\))')
_HTML_IMG = re.compile(r'(<img\b[^>]*\bsrc=")([^"]+)(")', re.IGNORECASE)
MAX_MARKDOWN_BYTES = 20 * 1024 * 1024
# Where the images a file names go: a store that takes an image file, gives its asset hash.
ImageStore = Callable[[Path], str]


def _local_file(base: Path, ref: str, source: str) -> Path | None:
    """A relative image reference inside the file's folder; None for URLs and anchors."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.IGNORECASE) or ref.startswith(("#", "//")):
        return None
    target = (base / ref.split("#")[0].split("?")[0]).resolve()
    if not target.is_relative_to(base.resolve()):
        raise UserError(f"{source}: the image {ref!r} lies outside the article's folder")
    if not target.is_file():
        raise UserError(f"{source}: the image {ref!r} does not exist")
    return target


def session_images(session: Session) -> ImageStore:
    """Images stored in the library at once, in the session's transaction."""
    return lambda path: add_asset_file(session, path).sha256


class PendingImages:
    """Images read while an import prepares its articles, before it takes the library's write
    lock: checked and hashed then (a bad one stops the import before anything is written),
    stored by ``store_all`` in the import's transaction."""

    def __init__(self) -> None:
        self._paths: dict[str, Path] = {}
        self._sha_of: dict[Path, str] = {}  # a picture many posts show is read once

    def __call__(self, path: Path) -> str:
        sha = self._sha_of.get(path)
        if sha is None:
            sha = checked_digest(read_image_file(path), path.name)
            self._sha_of[path] = sha
            self._paths.setdefault(sha, path)
        return sha

    def store_all(self, session: Session) -> None:
        for sha, path in self._paths.items():
            if session.get(Asset, sha) is None and add_asset_file(session, path).sha256 != sha:
                raise UserError(f"{path} changed while it was being imported; import it again")


def store_body_images(store: ImageStore, body: str, base: Path, source: str) -> str:
    """Put the images a body refers to into the library; the body then links ``asset:SHA``."""

    def swap(m: re.Match[str]) -> str:
        path = _local_file(base, m.group(2), source)
        if path is None:
            return m.group(0)
        return f"{m.group(1)}asset:{store(path)}{m.group(3)}"

    return _HTML_IMG.sub(swap, _MD_IMAGE.sub(swap, body))


def read_markdown(path: Path) -> tuple[dict[str, Any], str]:
    try:
        text = read_limited(path, MAX_MARKDOWN_BYTES).decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UserError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again"
        ) from exc
    try:
        post = parse_front_matter(text)
    except yaml.YAMLError as exc:
        raise UserError(f"{path}: the front matter is not valid YAML: {yaml_problem(exc)}") from exc
    return dict(post.metadata), post.content


def markdown_fields(images: ImageStore, path: Path) -> dict[str, Any]:
    """An article's fields from a Markdown file; the images it names go to ``images``."""
    meta, body = read_markdown(path)
    return _fields(images, path, meta, body)


def _fields(images: ImageStore, path: Path, meta: dict[str, Any], body: str) -> dict[str, Any]:
    source = str(path)
    fields, image = from_front_matter(meta, body, source)
    fields["body"] = store_body_images(images, fields["body"], path.parent, source)
    if image and image.get("src"):
        local = _local_file(path.parent, str(image["src"]), source)
        if local is not None:
            fields["image_sha256"] = images(local)
            fields["image_alt"] = str(image.get("alt") or "")
            fields["image_caption"] = str(image.get("caption") or "")
            fields["image_credit"] = str(image.get("credit") or "")
    if not fields["headline"]:
        fields["headline"] = path.stem.replace("-", " ").strip().capitalize()
    return fields


def import_markdown_file(session: Session, path: Path, *, as_copy: bool = False) -> ImportResult:
    fields = markdown_fields(session_images(session), path)
    return upsert_article(session, fields, str(path), as_copy=as_copy)


def import_markdown_files(
    session: Session, paths: list[Path], *, as_copy: bool = False
) -> list[ImportResult]:
    """Import several files in the caller's transaction: all of them, or (on error) none."""
    results = []
    for path in paths:
        try:
            results.append(import_markdown_file(session, path, as_copy=as_copy))
        except UserError as exc:
            raise ImportFailed(f"Import failed, nothing was imported: {exc}") from exc
    return results
