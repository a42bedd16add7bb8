"""HTML export of one article: ``index.html`` with its CSS and images beside it, or one file."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from newsdesk.core.articles import get_article
from newsdesk.core.assets import export_name
from newsdesk.core.atomic import atomic_directory
from newsdesk.core.pages import AssetUrls, export_linker, render_article_page
from newsdesk.core.settings import load_settings
from newsdesk.render.page import Theme


def export_html(
    session: Session, ref: str | int, out_dir: Path, theme: Theme, *, single_file: bool = False
) -> Path:
    """Write the article's published page into ``out_dir``; byte-identical for the same article."""
    settings = load_settings(session)
    linker = export_linker(settings.base_url, single_file=single_file)
    rec = get_article(session, ref)
    assets = AssetUrls(session, linker)
    html = render_article_page(session, rec, linker, theme, settings, assets)
    with atomic_directory(out_dir, merge=True) as tmp:
        (tmp / "index.html").write_text(html, encoding="utf-8")
        if not single_file:
            for name in theme.stylesheets:
                (tmp / name).write_bytes((theme.static_dir / name).read_bytes())
            for asset in assets.used.values():
                dest = tmp / "assets" / export_name(asset)
                dest.parent.mkdir(exist_ok=True)
                dest.write_bytes(asset.data)
    return out_dir / "index.html"
