"""Exporting articles as Markdown with front matter, images beside them."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
from sqlmodel import Session

from newsdesk.core.articles import ArticleRecord, get_article
from newsdesk.core.assets import export_name, get_asset
from newsdesk.core.atomic import atomic_directory
from newsdesk.core.safe_paths import inside
from newsdesk.domain.frontmatter import to_front_matter
from newsdesk.domain.slugs import check_slug

IMAGES = "images"
_ASSET_REF = re.compile(r"asset:([0-9a-f]{64})")


def article_markdown(session: Session, rec: ArticleRecord) -> tuple[str, dict[str, bytes]]:
    """The Markdown text of an article and the image files it refers to (relative name → bytes)."""
    files: dict[str, bytes] = {}

    def image_path(sha: str) -> str:
        asset = get_asset(session, sha)
        name = f"{IMAGES}/{export_name(asset)}"
        files[name] = asset.data
        return name

    body = _ASSET_REF.sub(lambda m: image_path(m.group(1)), rec.body)
    meta = to_front_matter(rec, image_path(rec.image_sha256) if rec.image_sha256 else None)
    text = frontmatter.dumps(frontmatter.Post(body, **meta), sort_keys=False, allow_unicode=True)
    return text + ("\n" if not text.endswith("\n") else ""), files


def export_markdown(session: Session, ref: str | int, out_dir: Path) -> Path:
    """Write ``<slug>.md`` and its images into ``out_dir`` (created; written atomically)."""
    rec = get_article(session, ref)
    text, files = article_markdown(session, rec)
    page = f"{check_slug(rec.slug, 'article slug')}.md"
    with atomic_directory(out_dir, merge=True) as tmp:
        (tmp / page).write_text(text, encoding="utf-8")
        for name, data in files.items():
            dest = inside(tmp, name)
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(data)
    return out_dir / page
