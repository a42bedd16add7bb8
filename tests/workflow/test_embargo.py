"""The embargo: set and lifted as recorded changes; the public site leaves the story out until
its time; a bundle and ninjs mark it; the preview says so plainly."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.pages import PREVIEW_LINKER, export_linker, render_article_page
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.export.site_data import load_site_data
from newsdesk.render.page import load_theme
from newsdesk.services import newsroom
from newsdesk.storage.types import utcnow
from tests.conftest import run_cli

LATER = "2031-05-01T06:00:00Z"


def _two_stories(db: Path) -> None:
    for headline, extra in (("Open story", []), ("Embargoed report", ["--embargo", LATER])):
        done = run_cli("article", "add", "--headline", headline, "--status", "published",
                       "--section", "World", *extra, db=db)  # fmt: skip
        assert done.returncode == 0, done.stderr


def test_site_export_leaves_an_embargoed_story_out(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    _two_stories(db)
    site = tmp_path / "site"
    assert run_cli("export", "site", "--out", str(site), db=db).returncode == 0
    pages = {p.name for p in (site / "articles").iterdir()}
    assert pages == {"open-story"}
    for feed in ("feed.xml", "feed.json", "index.html", "sitemap.xml"):
        assert "Embargoed report" not in (site / feed).read_text(), feed
        assert "embargoed-report" not in (site / feed).read_text(), feed


def test_after_its_time_the_site_has_it(ctx) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Report", status="published"))
        newsroom.set_embargo(s, rec.id, datetime(2031, 5, 1, 6, tzinfo=UTC))
        before = load_site_data(s, "published", datetime(2031, 5, 1, 5, 59, tzinfo=UTC))
        after = load_site_data(s, "published", datetime(2031, 5, 1, 6, 0, 1, tzinfo=UTC))
    assert rec.id not in before.pages and rec.id in after.pages


def test_bundle_and_ninjs_mark_it(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    _two_stories(db)
    bundle = tmp_path / "b.zip"
    done = run_cli("export", "bundle", "embargoed-report", "--out", str(bundle), db=db)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(bundle) as z:
        manifest = json.loads(z.read("manifest.json"))
        item = json.loads(z.read("embargoed-report/article.json"))
    assert manifest["articles"][0]["embargoed"] == "2031-05-01T06:00:00Z"
    assert item["embargoed"] == "2031-05-01T06:00:00Z" and item["pubstatus"] == "withheld"


def test_setting_moving_and_lifting_are_recorded(desk_ctx) -> None:
    ctx = desk_ctx("Mei Chen")
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Report"))
        first = utcnow() + timedelta(days=1)
        newsroom.set_embargo(s, rec.id, first)
        newsroom.set_embargo(s, rec.id, first + timedelta(hours=2))
        newsroom.set_embargo(s, rec.id, None)
        events = newsroom.list_events(s, rec.id)
    assert [e.message.split(" ")[:2] for e in events] == [
        ["embargoed", "until"],
        ["embargo", "moved"],
        ["embargo", "lifted"],
    ]
    assert {e.desk for e in events} == {"Mei Chen"}


def test_the_preview_shows_the_embargo_and_an_export_does_not(ctx) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Report", status="published"))
        newsroom.set_embargo(s, rec.id, datetime(2031, 5, 1, 6, tzinfo=UTC))
        theme = load_theme(ctx.resources, "default")
        preview = render_article_page(s, rec.id, PREVIEW_LINKER, theme)
        exported = render_article_page(s, rec.id, export_linker(), theme)
    assert "<strong>Embargoed</strong> until May 1, 2031 · 06:00 UTC" in preview
    assert "Embargoed" not in exported


def test_the_preview_says_embargoed_in_the_sites_language(ctx) -> None:
    with ctx.session() as s:
        save_settings(s, load_settings(s).with_changes(locale="de"))
        rec = create_article(s, ArticleRecord(headline="Bericht", status="published"))
        newsroom.set_embargo(s, rec.id, datetime(2031, 5, 1, 6, tzinfo=UTC))
        preview = render_article_page(
            s, rec.id, PREVIEW_LINKER, load_theme(ctx.resources, "default")
        )
    assert "<strong>Sperrfrist</strong> bis " in preview
    assert "Embargoed" not in preview
