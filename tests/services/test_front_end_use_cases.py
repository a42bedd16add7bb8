"""The use cases the CLI and the desktop app share (issue 14): search (the quick path and the
full one give the same answer), site settings, revisions by number, sections and tags."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from newsdesk.errors import NotFoundError, UserError
from newsdesk.services import authoring, history, searching, site, taxonomy


def _add(ctx, headline: str, body: str = "", **fields):
    return authoring.add_article(ctx, {"headline": headline, "body": body, **fields})


@pytest.mark.parametrize("ranked", [True, False], ids=["apsw-ranked", "plain-sqlite"])
def test_quick_search_answers_as_the_open_library_does(
    ctx, db_path: Path, monkeypatch: pytest.MonkeyPatch, ranked: bool
) -> None:
    from newsdesk.storage import quick

    if ranked and not quick.ranked_available():
        pytest.skip("APSW is not installed")
    monkeypatch.setattr(quick, "ranked_available", lambda: ranked)
    _add(ctx, "Harbour reopens", "The harbour reopened after the storm.")
    _add(ctx, "Storm damage", "The storm hit the coast; the harbour was closed.")
    _add(ctx, "Budget", "Nothing about ships.")

    full = searching.search_library(ctx, "harbour")
    quick_hits = searching.quick_search(db_path, "harbour")
    assert quick_hits is not None
    assert [h.headline for h in quick_hits] == [h.headline for h in full]
    assert {h.headline for h in full} == {"Harbour reopens", "Storm damage"}
    first = searching.quick_search(db_path, "harbour", limit=1)
    assert first is not None and [h.id for h in first] == [full[0].id]


def test_quick_search_leaves_what_it_cannot_read_to_the_full_way(ctx, db_path: Path) -> None:
    assert searching.quick_search(db_path.with_name("missing.newsdesk"), "x") is None
    with sqlite3.connect(db_path) as conn:  # a library from an older newsdesk: migrate first
        conn.execute("UPDATE alembic_version SET version_num = '0001'")
    assert searching.quick_search(db_path, "harbour") is None


def test_site_settings_are_checked_and_converted_as_preferences_and_cli_set_them(ctx) -> None:
    changed = site.change_site_settings(ctx, {"headline_budget": "70", "locale": "de-AT"})
    assert (changed.headline_budget, changed.language) == (70, "de")
    assert site.read_site_settings(ctx) == changed
    with pytest.raises(UserError, match="Unknown site setting 'colour'"):
        site.change_site_settings(ctx, {"colour": "red"})
    with pytest.raises(UserError, match="whole number"):
        site.change_site_settings(ctx, {"headline_budget": "many"})
    assert site.read_site_settings(ctx) == changed  # a refused change stores nothing


def test_revisions_by_number_compare_and_restore(ctx) -> None:
    rec = _add(ctx, "Harbour", "First text.")
    authoring.edit_article(ctx, rec.id, {"body": "Second text."})
    numbers = [r.number for r in history.article_history(ctx, rec.id)]
    assert numbers == sorted(numbers, reverse=True) and len(numbers) >= 2
    first = numbers[-1]
    diff = history.compare_revisions(ctx, rec.slug, first)  # by slug, to the article as it is
    assert "Second" in diff.inline_text() and "First" in diff.inline_text()
    restored, undo = history.restore_numbered(ctx, rec.id, first)
    assert restored.body == "First text."
    assert undo.number > max(numbers)
    with pytest.raises(NotFoundError, match="has no revision 99"):
        history.restore_numbered(ctx, rec.id, 99)


def test_sections_and_tags_as_both_front_ends_change_them(ctx) -> None:
    with ctx.session() as s:
        world = taxonomy.add_section(s, "World")
        taxonomy.add_section(s, "Sport")
    rec = _add(ctx, "Harbour talks in Doha", "Doha hosts the harbour talks.", section="World")
    other = _add(ctx, "Match report")
    with ctx.session() as s:
        assert (world.name, world.slug, world.position, world.articles) == ("World", "world", 1, 0)
        renamed = taxonomy.rename_section(s, "World", "International")
        assert (renamed.slug, renamed.articles) == ("international", 1)
        assert taxonomy.section_names(s) == ["International", "Sport"]
        taxonomy.add_tag(s, "Doha")
        assert [t.name for t in taxonomy.suggest_tags_for(s, rec.slug)] == ["Doha"]
        changed = taxonomy.apply_tags(s, [rec.slug, str(other.id)], add=["Doha"], remove=[])
        assert sorted(changed) == sorted([rec.id, other.id])
        info, articles = taxonomy.show_tag(s, "doha")  # by slug too
        assert info.articles == 2 and {a.id for a in articles} == {rec.id, other.id}
        assert taxonomy.tag_names(s) == ["Doha"]
        assert info.to_json() == {
            "id": info.id, "name": "Doha", "slug": "doha", "description": "",
            "slug_locked": False, "articles": 2,
        }  # fmt: skip
