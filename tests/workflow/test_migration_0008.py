"""Migration 0008 on a copy of a library made by main before it (tests/storage/data: written
by main's ``newsdesk article add`` on 3 Dec 2026, revision 0005): every status gets its stage,
the one free-text correction becomes the first dated entry, and the backup holds the old file."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from newsdesk.core.articles import get_article, list_articles
from newsdesk.services.opening import open_context

OLD_LIBRARY = Path(__file__).parents[1] / "storage" / "data" / "library_0005_main.newsdesk"


def test_status_becomes_stage_and_the_correction_note_a_dated_entry(tmp_path: Path) -> None:
    copy = tmp_path / "library.newsdesk"
    shutil.copyfile(OLD_LIBRARY, copy)
    with sqlite3.connect(copy) as conn:
        old = dict(conn.execute("SELECT headline, status FROM article").fetchall())
        old_note, old_updated = conn.execute(
            "SELECT correction_note, updated_at FROM article WHERE id = 1"
        ).fetchone()
    ctx = open_context(str(copy), seed=False)
    try:
        assert ctx.library.backup is not None and ctx.library.backup.is_file()
        with ctx.session() as s:
            rows = {r.headline: r for r in list_articles(s)}
            flood = get_article(s, 1)
    finally:
        ctx.close()
    assert {h: (r.status, r.stage) for h, r in rows.items()} == {
        "Flood barrier approved": ("published", "published"),
        "Budget talks stall": ("in_review", "ready_for_edit"),
        "Market opens": ("ready", "ready_to_publish"),
        "Harbour plan": ("scheduled", "ready_to_publish"),
        "Old story": ("archived", "published"),
        "A draft": ("draft", "draft"),
    }
    assert {h: r.status for h, r in rows.items()} == old  # nothing lost
    assert old_note == "An earlier version gave the wrong cost."
    [entry] = flood.corrections
    assert (entry.kind, entry.text) == ("correction", old_note)
    assert entry.created_at.strftime("%Y-%m-%d %H:%M:%S") == old_updated[:19]
    with sqlite3.connect(copy) as conn:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(article)")}
        triggers = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")
        }
        hits = conn.execute(
            "SELECT rowid FROM article_fts WHERE article_fts MATCH 'barrier'"
        ).fetchall()
    assert "correction_note" not in columns and {"stage", "embargo_at"} <= columns
    assert {"article_ai", "article_ad", "article_au"} <= triggers  # full-text search intact
    assert hits == [(1,)]
