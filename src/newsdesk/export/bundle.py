"""Article bundles: one zip per hand-over, per article a folder with page, Markdown and ninjs.

Layout: ``manifest.json`` at the top, and for each article ``<slug>/index.html`` (the one
renderer), ``<slug>/assets/`` (images and CSS), ``<slug>/article.md`` and ``<slug>/article.json``.
The same articles give a byte-identical zip: fixed timestamps, sorted entries, sorted JSON.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from newsdesk import __version__
from newsdesk.core.articles import ArticleRecord, get_article
from newsdesk.core.assets import export_name
from newsdesk.core.atomic import atomic_write_bytes
from newsdesk.core.pages import AssetUrls, Linker, export_linker, render_article_page
from newsdesk.core.progress import Progress
from newsdesk.core.settings import load_settings
from newsdesk.domain.formats import BUNDLE_FORMAT as FORMAT
from newsdesk.domain.formats import BUNDLE_FORMAT_VERSION as FORMAT_VERSION
from newsdesk.domain.formats import BUNDLE_MANIFEST as MANIFEST
from newsdesk.errors import NotFoundError, UserError
from newsdesk.export.markdown import IMAGES, article_markdown
from newsdesk.export.ninjs import article_ninjs, dumps, ninjs_time
from newsdesk.render.body_html import asset_refs
from newsdesk.render.page import Theme
from newsdesk.storage.models import Asset, Author, Section, Tag

ASSETS = "assets"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class BundleResult:
    path: Path
    articles: list[str]  # UUIDs
    files: int
    size: int
    # Articles left out, each with why (an image its body names is not in the library).
    skipped: list[str] = field(default_factory=list)


def bundle_linker(base_url: str) -> Linker:
    """Links from ``<slug>/index.html``: CSS and images in ``assets/``, other pages on the site."""
    return Linker(root=export_linker(base_url).root, static=f"{ASSETS}/", assets=f"{ASSETS}/")


def _zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever builds it: the bytes must not vary
            info.external_attr = 0o100644 << 16
            zf.writestr(info, files[name], compresslevel=6)
    return buffer.getvalue()


def _article_files(
    session: Session, rec: ArticleRecord, theme: Theme, base_url: str
) -> tuple[dict[str, bytes], dict[str, Asset]]:
    linker = bundle_linker(base_url)
    assets = AssetUrls(session, linker)
    settings = load_settings(session)
    html = render_article_page(session, rec, linker, theme, settings, assets)
    text, images = article_markdown(session, rec)
    # The Markdown shares the page's asset folder: rewrite its image paths to match.
    for name in images:
        text = text.replace(name, f"{ASSETS}/{name.removeprefix(IMAGES + '/')}")
    files = {
        "index.html": html.encode(),
        "article.md": text.encode(),
        "article.json": dumps(article_ninjs(session, rec, page_url=_page_url(base_url, rec))),
    }
    for name in theme.stylesheets:
        files[f"{ASSETS}/{name}"] = (theme.static_dir / name).read_bytes()
    used = dict(assets.used)
    for sha in _image_shas(rec):
        asset = session.get(Asset, sha)
        if asset is not None:
            used[sha] = asset
    for asset in used.values():
        files[f"{ASSETS}/{export_name(asset)}"] = asset.data
    return {f"{rec.slug}/{k}": v for k, v in files.items()}, used


def _padding(body: str) -> list[str]:
    stripped = body.strip()
    if not stripped:
        return [body, ""]
    start = body.index(stripped)
    return [body[:start], body[start + len(stripped) :]]


def _page_url(base_url: str, rec: ArticleRecord) -> str | None:
    return f"{base_url.rstrip('/')}/articles/{rec.slug}/" if base_url else None


def _image_shas(rec: ArticleRecord) -> list[str]:
    shas = set(asset_refs(rec.body_html))
    if rec.image_sha256:
        shas.add(rec.image_sha256)
    return sorted(shas)


def _taxonomy(session: Session, recs: list[ArticleRecord]) -> dict[str, Any]:
    sections = {r.section for r in recs if r.section}
    tags = {t for r in recs for t in r.tags}
    authors = {a for r in recs for a in r.byline}
    return {
        "sections": [
            {"name": s.name, "slug": s.slug, "position": s.position, "description": s.description}
            for s in session.exec(select(Section).where(col(Section.name).in_(sections)))
        ],
        "tags": [
            {
                "name": t.name,
                "slug": t.slug,
                "description": t.description,
                "slug_locked": t.slug_locked,
            }
            for t in session.exec(select(Tag).where(col(Tag.name).in_(tags)))
        ],
        "authors": [
            {"name": a.name, "slug": a.slug, "bio": a.bio}
            for a in session.exec(select(Author).where(col(Author.name).in_(authors)))
        ],
    }


def build_bundle(
    session: Session,
    refs: list[str | int],
    theme: Theme,
    progress: Progress | None = None,
) -> tuple[bytes, list[ArticleRecord], list[str]]:
    """The bundle's zip bytes for the given articles (in the order given, without repeats),
    those articles, and why any were left out (an image the body names is missing)."""
    progress = progress or Progress()
    base_url = load_settings(session).base_url
    recs: dict[str, ArticleRecord] = {}
    for ref in refs:
        rec = get_article(session, ref)
        recs.setdefault(str(rec.uuid), rec)
    progress.start(len(recs), "Bundling articles")
    files: dict[str, bytes] = {}
    assets: dict[str, Asset] = {}
    skipped: list[str] = []
    for key, rec in list(recs.items()):
        try:
            article_files, used = _article_files(session, rec, theme, base_url)
        except NotFoundError as exc:  # one article's missing image does not stop the rest
            skipped.append(f"{rec.id} {rec.headline!r}: {exc}")
            del recs[key]
            progress.advance()
            continue
        files.update(article_files)
        assets.update(used)
        progress.advance()
    if not recs:
        raise UserError("Nothing to export: " + "; ".join(skipped))
    ordered = list(recs.values())
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generator": f"newsdesk {__version__}",
        "articles": [
            {
                "uuid": r.uuid,
                "slug": r.slug,
                "headline": r.headline,
                "status": r.status,
                "updated_at": ninjs_time(r.updated_at),
                # Not for publication before this time (ninjs ``embargoed`` says the same).
                **({"embargoed": ninjs_time(r.embargo_at)} if r.embargo_at else {}),
                "path": f"{r.slug}/",
                # Front matter drops the whitespace around a body; kept here, it comes back.
                "body_padding": _padding(r.body),
            }
            for r in ordered
        ],
        "assets": [
            {
                "sha256": a.sha256,
                "filename": a.filename,
                "media_type": a.media_type,
                "created_at": ninjs_time(a.created_at),
                "name": export_name(a),
            }
            for a in sorted(assets.values(), key=lambda a: a.sha256)
        ],
        **_taxonomy(session, ordered),
        "files": [
            {"path": name, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
            for name, data in sorted(files.items())
        ],
    }
    files[MANIFEST] = dumps(manifest)
    return _zip_bytes(files), ordered, skipped


def is_bundle(path: Path) -> bool:
    """Whether ``path`` is a zip with a bundle manifest at its top."""
    try:
        if not zipfile.is_zipfile(path):
            return False
        with zipfile.ZipFile(path) as zf:
            return MANIFEST in zf.namelist()
    except (OSError, zipfile.BadZipFile):
        return False


def check_bundle_target(out: Path, *, force: bool = False) -> None:
    """Refuse to write a bundle over a folder, or over a file that is not a bundle (unless forced)."""
    if out.is_dir():
        raise UserError(
            f"{out} is a folder; give the bundle a file name such as {out / 'bundle.zip'}"
        )
    if force or not out.exists() or is_bundle(out):
        return
    raise UserError(
        f"{out} exists and is not a newsdesk bundle; not overwriting it "
        "(choose another name, or use --force to replace it)"
    )


def export_bundle(
    session: Session,
    refs: list[str | int],
    out: Path,
    theme: Theme,
    progress: Progress | None = None,
    *,
    force: bool = False,
) -> BundleResult:
    """Write the bundle zip to ``out`` atomically; the same articles give the same bytes.

    An existing ``out`` is replaced only if it is itself a bundle, or with ``force``."""
    check_bundle_target(out, force=force)
    data, recs, skipped = build_bundle(session, refs, theme, progress)
    atomic_write_bytes(out, data)
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        count = len(zf.infolist())
    return BundleResult(out, [str(r.uuid) for r in recs], count, len(data), skipped)
