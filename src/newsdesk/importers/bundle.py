"""Importing an article bundle zip: verified against its manifest, then restored exactly.

Nothing is written to the library before the whole archive checks out (paths, sizes,
checksums, text encodings, YAML and JSON); the import then runs in the caller's transaction.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session, select

from newsdesk.core import taxonomy
from newsdesk.core.assets import add_asset, add_asset_file
from newsdesk.core.progress import Progress
from newsdesk.core.settings import site_slugify
from newsdesk.domain.formats import BUNDLE_FORMAT as FORMAT
from newsdesk.domain.formats import BUNDLE_FORMAT_VERSION as FORMAT_VERSION
from newsdesk.domain.formats import BUNDLE_MANIFEST as MANIFEST
from newsdesk.domain.frontmatter import from_front_matter, parse_datetime
from newsdesk.domain.slugs import check_slug
from newsdesk.errors import ImportFailed, UserError
from newsdesk.importers.front_matter import parse_front_matter, yaml_problem
from newsdesk.importers.markdown import read_markdown, session_images, store_body_images
from newsdesk.importers.safezip import Limits, SafeZip
from newsdesk.importers.upsert import ImportResult, upsert_article
from newsdesk.storage.models import Asset, Author, Section, Tag
from newsdesk.storage.types import utcnow


def _fail(archive: Path, name: str, problem: str) -> ImportFailed:
    return ImportFailed(f"{archive}: {name}: {problem}; nothing was imported")


def _text(archive: Path, name: str, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _fail(archive, name, f"not UTF-8 text (byte {exc.start})") from exc


def _json(archive: Path, name: str, data: bytes) -> Any:
    try:
        return json.loads(_text(archive, name, data))
    except json.JSONDecodeError as exc:
        raise _fail(archive, name, f"not valid JSON ({exc})") from exc
    except RecursionError:
        raise _fail(archive, name, "JSON nested too deeply") from None


def read_manifest(archive: Path, zf: SafeZip) -> dict[str, Any]:
    """The manifest, checked: right format, every file listed and matching its checksum."""
    if MANIFEST not in zf.entries:
        raise _fail(archive, MANIFEST, "missing; this is not a newsdesk bundle")
    manifest = _json(archive, MANIFEST, zf.read(MANIFEST))
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _fail(archive, MANIFEST, f"not a {FORMAT} manifest")
    version = manifest.get("format_version")
    if version != FORMAT_VERSION:
        raise _fail(
            archive, MANIFEST, f"format version {version!r}; this newsdesk reads {FORMAT_VERSION}"
        )
    for key in ("articles", "files", "assets"):
        if not isinstance(manifest.get(key), list):
            raise _fail(archive, MANIFEST, f"has no list of {key}")
    listed: dict[str, dict[str, Any]] = {}
    for entry in manifest["files"]:
        if not isinstance(entry, dict) or not {"path", "sha256", "size"} <= set(entry):
            raise _fail(archive, MANIFEST, "a file entry lacks path, sha256 or size")
        listed[str(entry["path"])] = entry
    for name in zf.names():
        if name != MANIFEST and name not in listed:
            raise _fail(archive, name, "is not listed in the manifest")
    for name, entry in sorted(listed.items()):
        if name not in zf.entries:
            raise _fail(archive, name, "is listed in the manifest but missing from the archive")
        data = zf.read(name)
        if len(data) != entry["size"] or hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise _fail(archive, name, "checksum mismatch: the file was changed or damaged")
    return manifest


def _check_article(archive: Path, zf: SafeZip, entry: Any) -> str:
    """The article's folder; its Markdown and ninjs must decode and parse."""
    if not isinstance(entry, dict) or not entry.get("path"):
        raise _fail(archive, MANIFEST, "an article entry has no path")
    folder = str(entry["path"]).rstrip("/")
    md_name = f"{folder}/article.md"
    text = _text(archive, md_name, zf.read(md_name))
    try:
        parse_front_matter(text)
    except yaml.YAMLError as exc:
        problem = f"the front matter is not valid YAML: {yaml_problem(exc)}"
        raise _fail(archive, md_name, problem) from exc
    json_name = f"{folder}/article.json"
    if json_name in zf.entries:
        _json(archive, json_name, zf.read(json_name))
    return folder


def _restore_taxonomy(session: Session, manifest: dict[str, Any]) -> None:
    """Sections, tags and authors the bundle names, with their slugs and descriptions."""
    for s in manifest.get("sections") or []:
        if taxonomy.find_section(session, s["name"]) is None:
            section = taxonomy.add_section(session, s["name"], s.get("slug"))
            section.description = s.get("description", "")
            if not session.exec(
                select(Section).where(Section.position == s.get("position"))
            ).first():
                section.position = int(s.get("position", section.position))
            session.add(section)
    for t in manifest.get("tags") or []:
        if session.exec(select(Tag).where(Tag.name == t["name"])).first() is not None:
            continue
        slug = (
            check_slug(t["slug"], "tag slug") if t.get("slug") else site_slugify(session, t["name"])
        )
        if session.exec(select(Tag).where(Tag.slug == slug)).first() is not None:
            taxonomy.ensure_tag(session, t["name"])
            continue
        tag = Tag(name=t["name"], slug=slug, description=t.get("description", ""))
        tag.slug_locked = bool(t.get("slug_locked", False))
        session.add(tag)
    for a in manifest.get("authors") or []:
        if session.exec(select(Author).where(Author.name == a["name"])).first() is None:
            author = taxonomy.ensure_author(session, a["name"])
            author.bio = a.get("bio", "")
            session.add(author)
    session.flush()


def _restore_assets(
    session: Session, archive: Path, zf: SafeZip, manifest: dict[str, Any], folders: list[str]
) -> None:
    """Assets keep their original file names and dates (the zip holds them under hash names)."""
    by_name: dict[str, str] = {}
    for folder in folders:
        for name in zf.names():
            if name.startswith(f"{folder}/assets/"):
                by_name.setdefault(name.rsplit("/", 1)[1], name)
    for entry in manifest["assets"]:
        path = by_name.get(str(entry.get("name")))
        if path is None:
            raise _fail(archive, MANIFEST, f"asset {entry.get('name')!r} is not in the bundle")
        data = zf.read(path)
        if hashlib.sha256(data).hexdigest() != entry.get("sha256"):
            raise _fail(archive, path, "does not match the asset's checksum in the manifest")
        if session.get(Asset, entry["sha256"]) is None:
            asset = add_asset(session, data, str(entry.get("filename") or path))
            created = parse_datetime(entry.get("created_at"), "created_at", f"{archive}: {path}")
            asset.created_at = created or utcnow()
            session.add(asset)
    session.flush()


def _article_fields(
    session: Session, folder: Path, entry: dict[str, Any], source: str
) -> dict[str, Any]:
    """The article's fields from its Markdown, images stored, body exactly as it was."""
    meta, body = read_markdown(folder / "article.md")
    padding = entry.get("body_padding")
    if isinstance(padding, list) and len(padding) == 2:
        body = f"{padding[0]}{body}{padding[1]}"
    fields, image = from_front_matter(meta, body, source)
    fields["body"] = store_body_images(session_images(session), fields["body"], folder, source)
    if image and image.get("src"):
        path = (folder / str(image["src"])).resolve()
        if not path.is_relative_to(folder.resolve()) or not path.is_file():
            raise UserError(f"{source}: the featured image {image['src']!r} does not exist")
        fields["image_sha256"] = add_asset_file(session, path).sha256
        for key in ("alt", "caption", "credit"):
            fields[f"image_{key}"] = str(image.get(key) or "")
    if not fields["headline"]:
        fields["headline"] = str(entry.get("headline") or "Untitled")
    return fields


def import_bundle(
    session: Session,
    archive: Path,
    *,
    as_copy: bool = False,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> list[ImportResult]:
    """Import every article of a bundle into the caller's transaction (all or nothing)."""
    progress = progress or Progress()
    with SafeZip(archive, limits) as zf:
        manifest = read_manifest(archive, zf)
        folders = [_check_article(archive, zf, entry) for entry in manifest["articles"]]
        with tempfile.TemporaryDirectory(prefix="newsdesk-bundle-") as tmp:
            root = Path(tmp)
            for name in zf.names():
                dest = root / name
                dest.parent.mkdir(parents=True, exist_ok=True)
                dest.write_bytes(zf.read(name))
            try:
                _restore_taxonomy(session, manifest)
                _restore_assets(session, archive, zf, manifest, folders)
                progress.start(len(folders), f"Importing {archive.name}")
                results = []
                for folder, entry in zip(folders, manifest["articles"], strict=True):
                    source = f"{archive}:{folder}/"
                    fields = _article_fields(session, root / folder, entry, source)
                    results.append(upsert_article(session, fields, source, as_copy=as_copy))
                    progress.advance()
            except ImportFailed:
                raise
            except UserError as exc:
                message = str(exc).replace(str(root) + "/", f"{archive}: ")
                raise ImportFailed(f"{message}; nothing was imported") from exc
    return results
