"""An archive-sized WordPress export: 20,000 posts arrive whole, in one transaction, streaming.

Posts come from ``tests/wxrgen.py`` (a generated WXR 1.2 file: categories, tags in several
scripts, authors, GMT dates, drafts, an image by URL in every body, a page and an attachment).
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.core.articles import get_article
from newsdesk.core.progress import Progress
from newsdesk.errors import ImportFailed
from newsdesk.services.importing import import_paths
from tests.wxrgen import expected, write_wxr

pytestmark = pytest.mark.heavy  # subprocesses or worker pools: not in --quick

POSTS = 20_000


def _library_rows(db: Path) -> dict[str, tuple]:  # type: ignore[type-arg]
    conn = sqlite3.connect(db)
    rows = conn.execute(
        """SELECT a.slug, a.headline, s.name, a.status, a.published_at, a.updated_at,
                  a.body, a.tags_text, a.byline_text,
                  (SELECT group_concat(t.name, '|') FROM (SELECT t.name FROM article_tag at
                     JOIN tag t ON t.id = at.tag_id WHERE at.article_id = a.id
                     ORDER BY at.position) t),
                  (SELECT group_concat(au.name, '|') FROM article_author aa
                     JOIN author au ON au.id = aa.author_id WHERE aa.article_id = a.id)
           FROM article a LEFT JOIN section s ON s.id = a.section_id"""
    ).fetchall()
    conn.close()
    return {row[0]: row[1:] for row in rows}


def _moment(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text).replace(tzinfo=UTC) if text else None


def test_a_20000_post_export_arrives_whole(ctx, db_path, tmp_path) -> None:
    wxr = write_wxr(tmp_path / "archive.xml", POSTS)
    reports = []
    progress = Progress(reports.append, min_interval=0)
    with ctx.session() as s:
        results = import_paths(s, [wxr], progress=progress)
    assert len(results) == POSTS and not any(r.updated for r in results)
    assert len({r.record.id for r in results}) == POSTS
    assert reports[-1].done == reports[-1].total == POSTS
    assert any(r.eta is not None for r in reports)  # a person sees how long is left

    rows = _library_rows(db_path)
    assert len(rows) == POSTS
    for i in range(POSTS):
        e = expected(i)
        headline, section, status, published, updated, html, tags_text, byline, tags, authors = (
            rows[e["slug"]]
        )
        assert headline == e["headline"], i
        assert section == e["section"], i
        assert tags.split("|") == e["tags"] and tags_text == ", ".join(e["tags"]), i
        assert authors == byline == e["author"][1], i
        assert status == e["status"], i
        assert _moment(updated) == e["updated_at"], i
        assert _moment(published) == (e["published_at"] if status == "published" else None), i
        assert f'src="{e["image"]}"' in html, i  # media references kept (rendered when read)
    # Bodies are rendered when first read, as the one-article path rendered them.
    with ctx.session() as s:
        last = get_article(s, expected(POSTS - 1)["slug"])
    assert f'src="{expected(POSTS - 1)["image"]}"' in last.body_html
    assert last.body_html.startswith("<p>")
    # The full-text index holds every post.
    conn = sqlite3.connect(db_path)
    hits = conn.execute(
        "SELECT count(*) FROM article_fts WHERE article_fts MATCH ?", ('"Story 19999"',)
    ).fetchone()[0]
    assert hits == 1
    conn.close()


def test_importing_the_archive_again_updates_it(ctx, tmp_path) -> None:
    wxr = write_wxr(tmp_path / "archive.xml", 200)
    with ctx.session() as s:
        first = import_paths(s, [wxr])
    with ctx.session() as s:
        again = import_paths(s, [wxr])
    assert [r.updated for r in again] == [True] * 200
    assert [r.record.id for r in again] == [r.record.id for r in first]


def test_a_broken_archive_imports_nothing(ctx, db_path, tmp_path) -> None:
    wxr = write_wxr(tmp_path / "archive.xml", 900)
    text = wxr.read_text(encoding="utf-8")
    cut = text.index("<item>", len(text) * 3 // 4)
    wxr.write_text(text[:cut] + "<item><title>broken", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not valid XML"), ctx.session() as s:
        import_paths(s, [wxr])
    assert _library_rows(db_path) == {}
