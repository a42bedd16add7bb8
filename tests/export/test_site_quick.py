"""A re-export after one edit makes again only the sitemap shards whose pages have a new
date: a large site has one shard per ~2,000 pages, and the pages showing an edited article
sit in several of them, though only the article's own page has a new date (each shard read
and made again cost ~2 ms at 100,000 articles). The site it leaves is a fresh export's."""

from __future__ import annotations

from pathlib import Path

from newsdesk.core.articles import update_article
from newsdesk.export import site_builder, site_index
from newsdesk.export.site import export_site
from newsdesk.render.page import load_theme
from tests.newsroom import populate

BASE = "https://news.example.org"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_only_the_shard_of_the_page_with_a_new_date_is_made_again(
    ctx, tmp_path, monkeypatch
) -> None:
    monkeypatch.setattr(site_builder, "SHARD_FROM", 4)  # shards for a small site
    with ctx.session() as s:
        recs = populate(s, 14)  # recs[2]: not among the newest (Most popular is on every page)
    theme = load_theme(ctx.resources)
    site = tmp_path / "site"
    with ctx.session() as s:
        export_site(s, site, theme, base_url=BASE)
    shards = len(list((site / "sitemaps").iterdir()))
    assert shards > 4

    with ctx.session() as s:
        update_article(s, recs[2].id, {"headline": "Edited in place"})
    read: list[int] = []
    shard_pages = site_index.shard_pages
    monkeypatch.setattr(
        site_index, "shard_pages", lambda db, key, k: read.append(k) or shard_pages(db, key, k)
    )
    with ctx.session() as s:
        result = export_site(s, site, theme, base_url=BASE)

    own = site_builder.shard_of(f"articles/{recs[2].slug}/index.html", shards)
    assert read == [own]
    assert f"sitemaps/{own}.xml" in result.written
    assert 1 < len(result.written) < result.total // 2, result.written
    with ctx.session() as s:
        export_site(s, tmp_path / "fresh", theme, base_url=BASE)
    assert _files(site) == _files(tmp_path / "fresh")
