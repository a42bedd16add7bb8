"""Corrections and updates: dated, append-only, recorded with the desk, and carried by the page,
the site's Atom and JSON Feed, ninjs (valid against the IPTC 2.1 schema) and Markdown."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, get_article
from newsdesk.core.pages import export_linker, render_article_page
from newsdesk.errors import UserError
from newsdesk.export.ninjs import article_ninjs
from newsdesk.render.page import load_theme
from newsdesk.services import newsroom
from tests.conftest import run_cli

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "ninjs-schema_2.1.json"
ATOM = "{http://www.w3.org/2005/Atom}"
T1 = datetime(2026, 12, 1, 9, 15, tzinfo=UTC)
T2 = datetime(2026, 12, 2, 14, 40, tzinfo=UTC)


def _published(ctx):
    with ctx.session() as s:
        return create_article(
            s,
            ArticleRecord(
                headline="Flood barrier approved",
                body="The council approved the barrier at a cost of £4m.",
                section="World",
                status="published",
                published_at=datetime(2026, 11, 30, 8, 0, tzinfo=UTC),
            ),
        )


def test_a_correction_is_dated_recorded_with_the_desk_and_never_replaced(desk_ctx) -> None:
    ctx = desk_ctx("Priya Raman")
    rec = _published(ctx)
    with ctx.session() as s:
        after_first, first = newsroom.add_correction(s, rec.id, "The cost is £4.5m.", now=T1)
        after_second, _ = newsroom.add_correction(
            s, rec.id, "The vote was on Tuesday.", "update", now=T2
        )
    assert first.desk == "Priya Raman" and first.created_at == T1
    assert after_second.version > after_first.version > rec.version
    with ctx.session() as s:
        got = get_article(s, rec.id)
        history = revisions.list_revisions(s, rec.id)
        path = newsroom.list_events(s, rec.id)
    assert [(c.kind, c.text, c.created_at) for c in got.corrections] == [
        ("correction", "The cost is £4.5m.", T1),
        ("update", "The vote was on Tuesday.", T2),
    ]
    assert got.updated_by == "Priya Raman"
    assert history[0].desk == "Priya Raman"
    assert "update added: The vote was on Tuesday." in history[0].summary
    assert "correction added: The cost is £4.5m." in history[1].summary
    assert [(e.kind, e.desk) for e in path] == [
        ("correction", "Priya Raman"),
        ("update", "Priya Raman"),
    ]
    # A restore of the text from before the corrections keeps them: they are never removed.
    with ctx.session() as s:
        oldest = revisions.list_revisions(s, rec.id)[-1]
        restored, _undo = revisions.restore_revision(s, rec.id, oldest.id)
    assert len(restored.corrections) == 2


def test_a_draft_has_no_corrections_and_an_empty_text_is_refused(desk_ctx) -> None:
    ctx = desk_ctx("Priya Raman")
    with ctx.session() as s:
        draft = create_article(s, ArticleRecord(headline="Not out yet"))
        with pytest.raises(UserError, match="has not been published"):
            newsroom.add_correction(s, draft.id, "Something")
    rec = _published(ctx)
    with ctx.session() as s, pytest.raises(UserError, match="Write what"):
        newsroom.add_correction(s, rec.id, "   ")


def test_the_page_shows_each_box_with_its_time_and_updated_beside_the_date(desk_ctx) -> None:
    ctx = desk_ctx("Priya Raman")
    rec = _published(ctx)
    with ctx.session() as s:
        newsroom.add_correction(s, rec.id, "The cost is £4.5m.", now=T1)
        newsroom.add_correction(s, rec.id, "Adds the vote count.", "update", now=T2)
        html = render_article_page(s, rec.id, export_linker(), load_theme(ctx.resources, "default"))
    body_end = html.index('<div class="article-body">')
    first = html.index('class="correction correction--correction"')
    second = html.index('class="correction correction--update"')
    assert body_end < first < second  # under the body, oldest first
    assert '<strong class="correction__label">Correction:</strong> The cost is £4.5m.' in html
    assert '<strong class="correction__label">Update:</strong> Adds the vote count.' in html
    assert "December 1, 2026 · 09:15 UTC" in html
    assert '<span class="updated">Updated December 2, 2026 · 14:40 UTC</span>' in html


def test_site_feeds_carry_the_correction_with_a_new_updated_time(desk_ctx, tmp_path) -> None:
    ctx = desk_ctx("Priya Raman")
    rec = _published(ctx)
    db = tmp_path / "library.newsdesk"
    out = tmp_path / "site"
    before = run_cli("export", "site", "--out", str(out), db=db)
    assert before.returncode == 0, before.stderr
    atom_before = _atom_entry(out)
    with ctx.session() as s:
        newsroom.add_correction(s, rec.id, "The cost is £4.5m.", now=T2)
    again = run_cli("export", "site", "--out", str(out), db=db)
    assert again.returncode == 0, again.stderr
    entry = _atom_entry(out)
    assert entry.findtext(f"{ATOM}updated") == "2026-12-02T14:40:00Z"
    assert entry.findtext(f"{ATOM}updated") != atom_before.findtext(f"{ATOM}updated")
    assert "The cost is £4.5m." in entry.findtext(f"{ATOM}content", "")
    item = json.loads((out / "feed.json").read_text())["items"][0]
    assert item["date_modified"] == "2026-12-02T14:40:00Z"
    assert "Correction:</strong> The cost is £4.5m." in item["content_html"]
    page = (out / "articles" / rec.slug / "index.html").read_text()
    assert "The cost is £4.5m." in page and "Updated December 2, 2026" in page


def _atom_entry(out: Path) -> ET.Element:
    feed = ET.parse(out / "feed.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry is not None
    return entry


def test_ninjs_gets_the_next_version_its_time_and_the_note_schema_valid(desk_ctx) -> None:
    ctx = desk_ctx("Priya Raman")
    rec = _published(ctx)
    with ctx.session() as s:
        before = article_ninjs(s, get_article(s, rec.id))
        newsroom.add_correction(s, rec.id, "The cost is £4.5m.", now=T2)
        item = article_ninjs(s, get_article(s, rec.id))
    Draft202012Validator(json.loads(SCHEMA.read_text())).validate(item)
    assert int(item["version"]) == int(before["version"]) + 1
    assert item["versioncreated"] == "2026-12-02T14:40:00Z"
    assert {
        "role": "correction",
        "contenttype": "text/plain",
        "value": "Correction (2026-12-02T14:40:00Z): The cost is £4.5m.",
    } in item["descriptions"]


def test_cli_correct_and_update_note_then_history_shows_who(tmp_path) -> None:
    db = tmp_path / "lib.newsdesk"
    env = {"NEWSDESK_DESK": "Aled Morgan <aled@example.org>"}
    added = run_cli(
        "article", "add", "--headline", "Harbour reopens", "--status", "published",
        db=db, env=env,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    fixed = run_cli("article", "correct", "1", "--text", "The harbour reopened on Monday.",
                    db=db, env=env)  # fmt: skip
    assert fixed.returncode == 0, fixed.stderr
    assert fixed.stdout.startswith("Correction added to 1 (Aled Morgan, ")
    upd = run_cli("article", "update-note", "1", "--text", "Adds the mayor's comment.", "--json",
                  db=db, env=env)  # fmt: skip
    assert json.loads(upd.stdout)["kind"] == "update"
    shown = json.loads(run_cli("article", "show", "1", "--json", db=db).stdout)
    assert [c["text"] for c in shown["corrections"]] == [
        "The harbour reopened on Monday.",
        "Adds the mayor's comment.",
    ]
    history = run_cli("article", "history", "1", db=db).stdout
    assert "Aled Morgan" in history and "correction added" in history
