"""Rows go into the library many to a statement (``importers/bulk._insert_many``): an
archive whose batches are not a whole number of statements arrives whole, every article in
the full-text index and with all its tags and authors, ids in order."""

from __future__ import annotations

import sqlite3

from newsdesk.services.importing import import_paths
from tests.wxrgen import expected, write_wxr

POSTS = 537  # a full batch of 500 (five statements of 100) and one of 37 (one short statement)


def test_an_uneven_archive_arrives_whole_and_searchable(ctx, db_path, tmp_path) -> None:
    wxr = write_wxr(tmp_path / "archive.xml", POSTS)
    with ctx.session() as s:
        results = import_paths(s, [wxr])
    ids = [r.record.id for r in results]
    assert ids == list(range(ids[0], ids[0] + POSTS))
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("SELECT count(*) FROM article").fetchone()[0] == POSTS
        for i in (0, 99, 100, 499, 500, POSTS - 1):
            e = expected(i)
            found = conn.execute(
                "SELECT a.slug FROM article_fts JOIN article a ON a.id = article_fts.rowid "
                "WHERE article_fts MATCH ?",
                (f'"Story {i}"',),
            ).fetchall()
            assert found == [(e["slug"],)], i
            tags = conn.execute(
                "SELECT t.name FROM article_tag x JOIN tag t ON t.id = x.tag_id "
                "JOIN article a ON a.id = x.article_id WHERE a.slug = ? ORDER BY x.position",
                (e["slug"],),
            ).fetchall()
            assert [t for (t,) in tags] == e["tags"], i
            authors = conn.execute(
                "SELECT count(*) FROM article_author x JOIN article a ON a.id = x.article_id "
                "WHERE a.slug = ?",
                (e["slug"],),
            ).fetchone()[0]
            assert authors == 1, i
        total_tags = sum(len(expected(i)["tags"]) for i in range(POSTS))
        assert conn.execute("SELECT count(*) FROM article_tag").fetchone()[0] == total_tags
    finally:
        conn.close()
