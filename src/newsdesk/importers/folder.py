"""Importing a folder of Markdown files: Hugo (``content/``, page bundles) and Jekyll (``_posts/``).

Jekyll's ``YYYY-MM-DD-slug.md`` and Hugo's ``<slug>/index.md`` give the date and slug when the
front matter has none; images beside a file are imported with it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import update_article
from newsdesk.errors import UserError
from newsdesk.importers.detect import MARKDOWN_SUFFIXES
from newsdesk.importers.markdown import ImageStore, import_markdown_file, read_markdown
from newsdesk.importers.upsert import ImportResult

_JEKYLL_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")
# Site scaffolding that is never an article.
_SKIP_DIRS = {"_site", "public", "resources", "themes", "layouts", "archetypes", "node_modules",
              "_layouts", "_includes", "_sass", "_data", "static", "assets"}  # fmt: skip
_SKIP_FILES = {"_index.md", "readme.md", "license.md", "changelog.md"}


def markdown_files(folder: Path) -> list[Path]:
    """The article files of a site folder, in a stable order."""
    roots = [folder / "content"] if (folder / "content").is_dir() else []
    roots += [folder / d for d in ("_posts", "_drafts") if (folder / d).is_dir()]
    files: list[Path] = []
    inside = folder.resolve()
    for root in roots or [folder]:
        root_inside = root.resolve().is_relative_to(inside)
        for path in sorted(root.rglob("*")):
            rel = path.relative_to(root).parts
            if any(p.startswith(".") or p in _SKIP_DIRS for p in rel[:-1]):
                continue
            if path.suffix.lower() not in MARKDOWN_SUFFIXES or path.name.lower() in _SKIP_FILES:
                continue
            # rglob never descends through a linked folder, so only the file itself can be a
            # link: the others lie where their root does (one lstat, not a resolve each).
            if path.is_symlink():
                if not path.resolve().is_relative_to(inside):
                    continue  # a link out of the folder being imported is not followed
            elif not root_inside:
                continue
            if path.is_file():
                files.append(path)
    return files


def defaults_from_path(path: Path) -> dict[str, Any]:
    """Slug and date a site generator would take from the file's name or folder."""
    stem = path.stem
    if stem == "index" and path.parent.name:
        stem = path.parent.name
    found = _JEKYLL_NAME.match(stem)
    out: dict[str, Any] = {"slug": found.group(4) if found else stem}
    if found:
        year, month, day = (int(g) for g in found.groups()[:3])
        out["published_at"] = datetime(year, month, day, tzinfo=UTC)
    if "_drafts" in path.parts:
        out["status"] = "draft"
    return out


def site_file_fields(images: ImageStore, path: Path) -> dict[str, Any]:
    """An article's fields from one file of a site folder, with the slug, date and draft status
    its name and folder give when the front matter has none (as ``import_site_file`` sets
    them): a slug another article has gives way to the headline's (``FALLBACK_SLUG``)."""
    from newsdesk.importers.bulk import FALLBACK_SLUG
    from newsdesk.importers.markdown import _fields

    meta, body = read_markdown(path)
    fields = _fields(images, path, meta, body)
    for key, value in _path_changes(path, meta).items():
        if key == "slug":
            fields[FALLBACK_SLUG] = fields.get("slug") or fields["headline"]
        fields[key] = value
    return fields


def _path_changes(path: Path, meta: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in defaults_from_path(path).items()
        if not meta.get({"published_at": "date"}.get(key, key))
        and not (key == "status" and meta.get("draft") is not None)
    }


def import_site_file(session: Session, path: Path, *, as_copy: bool = False) -> ImportResult:
    meta, _body = read_markdown(path)
    result = import_markdown_file(session, path, as_copy=as_copy)
    changes = _path_changes(path, meta)
    if changes and result.record.id is not None:
        if "slug" in changes and changes["slug"] == result.record.slug:
            del changes["slug"]
        if changes:
            try:
                rec = update_article(session, result.record.id, changes, touch=False)
            except UserError:
                changes.pop("slug", None)  # taken by another article: keep the headline's
                rec = update_article(session, result.record.id, changes, touch=False)
            return ImportResult(rec, result.source, result.updated)
    return result
