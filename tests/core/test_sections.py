"""Section order drives the page navigation; deleting a section moves its articles first."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from newsdesk.core import sections, taxonomy
from newsdesk.core.articles import get_article, list_articles
from newsdesk.core.pages import PREVIEW_LINKER, render_article_page
from newsdesk.core.settings import load_settings
from newsdesk.domain.listing import LibraryFilter
from newsdesk.errors import UserError
from newsdesk.render.page import load_theme

SEAWALL = "porto-calhau-approves-seawall-after-flooding"


def _nav(session, ctx) -> list[str]:
    theme = load_theme(ctx.resources, load_settings(session).theme)
    html = render_article_page(session, SEAWALL, PREVIEW_LINKER, theme)
    return [
        a.get_text(strip=True) for a in BeautifulSoup(html, "html.parser").select("nav.sections a")
    ]


def test_reorder_changes_the_page_navigation(sample_ctx) -> None:
    with sample_ctx.session() as s:
        assert _nav(s, sample_ctx) == ["World", "Business", "Science", "Sport", "Culture"]
        sections.reorder_sections(s, ["Culture", "Sport"])
    with sample_ctx.session() as s:
        assert _nav(s, sample_ctx) == ["Culture", "Sport", "World", "Business", "Science"]
        sections.move_section(s, "World", -1)
        assert _nav(s, sample_ctx) == ["Culture", "World", "Sport", "Business", "Science"]
        assert [x.position for x in sections.list_section_infos(s)] == [1, 2, 3, 4, 5]


def test_delete_moves_articles_first(sample_ctx) -> None:
    with sample_ctx.session() as s:
        sport = [a.id for a in list_articles(s, LibraryFilter(section="Sport"))]
        with pytest.raises(UserError, match="--move-to"):
            sections.delete_section(s, "Sport")
        gone = sections.delete_section(s, "Sport", move_to="Culture")
    assert gone.articles == len(sport) > 0 and gone.moved_to == "Culture"
    with sample_ctx.session() as s:
        assert taxonomy.find_section(s, "Sport") is None
        assert all(get_article(s, i).section == "Culture" for i in sport)
        assert "Sport" not in _nav(s, sample_ctx)
        assert [x.position for x in sections.list_section_infos(s)] == [1, 2, 3, 4]


def test_delete_an_empty_section_needs_no_target(ctx) -> None:
    with ctx.session() as s:
        taxonomy.add_section(s, "Opinion")
        assert sections.delete_section(s, "Opinion").articles == 0
