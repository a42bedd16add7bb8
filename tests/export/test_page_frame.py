"""One page frame: the preview's article page and the exported site's pages get their <head>,
masthead, navigation and footer from ``services.pages.page_frame``, so they cannot disagree (the
site's listings said "© 1970" in the footer when they had no story, the preview this year)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bs4 import BeautifulSoup

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.pages import PREVIEW_LINKER, render_article_page
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.export.site import export_site
from newsdesk.render.themes import load_theme


def _footer(html: str) -> str:
    footer = BeautifulSoup(html, "html.parser").find("footer")
    assert footer is not None
    return " ".join(footer.get_text(" ").split())


def test_preview_and_export_footers_agree(ctx, tmp_path: Path) -> None:
    with ctx.session() as s:
        save_settings(s, load_settings(s).with_changes(footer_text="Ours."))
        draft = create_article(s, ArticleRecord(headline="Harbour talks resume", body="Text."))
    theme = load_theme(ctx.resources)
    with ctx.session() as s:
        preview = render_article_page(s, draft.id or 0, PREVIEW_LINKER, theme)
        export_site(s, tmp_path / "site", theme)  # nothing published: a front page, no story
    # Pages without a date of their own (an undated draft, a front page with no story) carry
    # this year, wherever they are shown.
    assert f"Ours. © {datetime.now().year} " in _footer(preview)
    exported = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert _footer(exported) == _footer(preview)
