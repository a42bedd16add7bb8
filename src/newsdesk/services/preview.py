"""The live preview's use cases: the open article's page (in the site's theme, or in a learned
site look), its header rendered again as fields are typed, an image by its export name, and a
theme's compiled templates forgotten when its files are edited. The body's blocks while typing
are ``services.preview_render``'s. Everything here runs on a worker, never the GUI thread."""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from newsdesk.core.pages import PREVIEW_LINKER
from newsdesk.render.page import forget_templates

if TYPE_CHECKING:
    from sqlmodel import Session

    from newsdesk.core.context import AppContext
    from newsdesk.core.pages import AssetUrls
    from newsdesk.core.settings import SiteSettings
    from newsdesk.domain.record import ArticleRecord
    from newsdesk.render.page import Theme

# PREVIEW_LINKER: where the preview's pages and images live; forget_templates: a theme folder being edited changed on disk (the preview watches it).
__all__ = [
    "PREVIEW_LINKER", "PreviewPage", "forget_templates", "load_asset", "load_page", "render_header",
    "single_file_page",
]  # fmt: skip

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PreviewPage:
    record: ArticleRecord
    settings: SiteSettings
    static_dir: Path  # the theme's static folder (the preview watches a theme being edited)
    html: str
    asset_urls: dict[str, str]  # SHA -> the preview's URL of each image the page shows
    platform: str = ""  # a learned site look's platform (its block classes); "" = the theme


def load_page(ctx: AppContext, article_id: int, look: str | None) -> PreviewPage:
    """The article's page as the published site shows it, in ``look`` if one is named."""
    from newsdesk.core.articles import get_article
    from newsdesk.core.pages import PREVIEW_LINKER, AssetUrls
    from newsdesk.core.settings import load_settings
    from newsdesk.render.page import load_theme
    from newsdesk.services.editing import storage_errors

    with storage_errors(), ctx.session() as session:
        record = get_article(session, article_id)
        settings = load_settings(session)
        theme = load_theme(ctx.resources, settings.theme)
        assets = AssetUrls(session, PREVIEW_LINKER)
        html, platform = _page(session, record, look, theme, settings, assets)
        urls = {sha: assets.url(sha) or "" for sha in assets.used}
    return PreviewPage(record, settings, theme.static_dir, html, urls, platform)


def render_header(
    ctx: AppContext, record: ArticleRecord, markdown: str, look: str | None
) -> tuple[str, ArticleRecord]:
    """The page of ``record`` with the body typed so far (the header is swapped in from it),
    and the record with that body."""
    from newsdesk.core.settings import load_settings
    from newsdesk.render.markdown import render_body
    from newsdesk.render.page import load_theme
    from newsdesk.services.editing import storage_errors

    rec = dataclasses.replace(record, body=markdown, body_html=render_body(markdown))
    with storage_errors(), ctx.session() as session:
        settings = load_settings(session)
        theme = load_theme(ctx.resources, settings.theme)
        return _page(session, rec, look, theme, settings)[0], rec


def single_file_page(ctx: AppContext, article_id: int) -> str:
    """The article's page in the site's theme with its stylesheet and images inside, for a
    bare web view (the packaged app's self-test shows one)."""
    from newsdesk.core.pages import export_linker, render_article_page
    from newsdesk.core.settings import load_settings
    from newsdesk.render.page import load_theme

    with ctx.session() as session:
        settings = load_settings(session)
        theme = load_theme(ctx.resources, settings.theme)
        return render_article_page(
            session, article_id, export_linker(single_file=True), theme, settings
        )


def load_asset(session: Session, name: str) -> tuple[str, bytes] | None:
    """An image by its export name (``<sha16>.jpg``) or full SHA-256: (media type, bytes)."""
    from sqlmodel import col, select

    from newsdesk.storage.models import Asset

    stem = name.split(".", 1)[0].lower()
    if not stem or any(c not in "0123456789abcdef" for c in stem):
        return None
    row = session.exec(
        select(Asset.media_type, Asset.data).where(col(Asset.sha256).startswith(stem)).limit(1)
    ).first()
    return (row[0], row[1]) if row else None


def _page(
    session: Session,
    record: ArticleRecord,
    look: str | None,
    theme: Theme,
    settings: SiteSettings,
    assets: AssetUrls | None = None,
) -> tuple[str, str]:
    """The article's page and, in a learned site look, the look's platform (else "")."""
    from newsdesk.core.pages import PREVIEW_LINKER, render_article_page

    if look is None:
        return render_article_page(session, record, PREVIEW_LINKER, theme, settings, assets), ""
    from newsdesk.errors import NotFoundError
    from newsdesk.services.looks import PREVIEW_FILES, look_page, render_article_in_look

    try:
        page = look_page(session, look)
    except NotFoundError:  # forgotten meanwhile (`newsdesk look remove`): the theme, then
        log.info("preview: no look %r any more; showing the theme", look)
        return render_article_page(session, record, PREVIEW_LINKER, theme, settings, assets), ""
    html = render_article_in_look(session, record, page, PREVIEW_LINKER, PREVIEW_FILES,
                                  settings, assets)  # fmt: skip
    return html, page.platform
