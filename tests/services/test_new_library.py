"""A new library starts with a neutral site named after its file; the sample site's name,
tagline and "fictional sample content" footer stay in the sample library."""

from __future__ import annotations

from pathlib import Path

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.pages import render_article_page, site_linker
from newsdesk.core.settings import load_settings, site_name_from
from newsdesk.render.page import load_theme
from newsdesk.services.opening import open_context

SAMPLE_FOOTER = "All articles are fictional sample content."


def _page(ctx, headline: str) -> str:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline=headline, body="Words.", status="published"))
        return render_article_page(s, rec.id, site_linker(1), load_theme(ctx.resources))


def test_a_new_library_has_a_neutral_site_named_after_its_file(tmp_path: Path) -> None:
    ctx = open_context(str(tmp_path / "harbour-times.newsdesk"), seed=False)
    try:
        with ctx.session() as s:
            settings = load_settings(s)
        assert settings.site_name == "Harbour Times"
        assert settings.tagline == "" and settings.footer_text == ""
        assert settings.masthead_left == "" and settings.locale == "en-GB"
        page = _page(ctx, "Quay reopens")
        assert "fictional" not in page and "Newsdesk Chronicle" not in page
        assert "Independent news, carefully edited" not in page
        assert "Harbour Times" in page
    finally:
        ctx.close()


def test_the_sample_library_keeps_its_sample_site(tmp_path: Path) -> None:
    ctx = open_context(str(tmp_path / "sample.newsdesk"), seed=True)
    try:
        with ctx.session() as s:
            settings = load_settings(s)
        assert settings.site_name == "The Newsdesk Chronicle"
        assert settings.footer_text == SAMPLE_FOOTER
    finally:
        ctx.close()


def test_reopening_a_library_keeps_the_persons_site(tmp_path: Path) -> None:
    path = str(tmp_path / "mine.newsdesk")
    open_context(path, seed=False).close()
    again = open_context(path, seed=False)
    try:
        with again.session() as s:
            assert load_settings(s).site_name == "Mine"
    finally:
        again.close()


def test_site_names_from_files_and_urls() -> None:
    assert site_name_from("/home/a/new-library.newsdesk") == "New Library"
    assert site_name_from("/x/Gulf_Times.newsdesk") == "Gulf Times"
    assert site_name_from("postgresql+psycopg://h/newsroom") == "Newsroom"
    assert site_name_from("/x/.newsdesk") == "My Site"
