"""A picture that many Markdown posts show is read once while the import reads; if it
changes before the import writes, the import stops and nothing is imported (a real folder,
a real library; the picture is changed from the progress report at the end of reading)."""

from __future__ import annotations

import sqlite3

import pytest

from newsdesk.core.progress import Progress, ProgressState
from newsdesk.errors import ImportFailed
from newsdesk.services.importing import import_files
from tests.filesgen import write_jekyll
from tests.newsroom import image_bytes


def _articles(db) -> int:  # type: ignore[no-untyped-def]
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM article").fetchone()[0])


def test_a_shared_picture_is_stored_once(ctx, db_path, tmp_path) -> None:
    site = write_jekyll(tmp_path / "site", 40, image=image_bytes((200, 30, 30), "PNG"))
    results = import_files(ctx, [site], Progress())
    assert len(results) == 40
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM asset").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM article_asset").fetchone()[0] == 4


def test_a_picture_changed_before_the_write_stops_the_import(ctx, db_path, tmp_path) -> None:
    site = write_jekyll(tmp_path / "site", 40, image=image_bytes((200, 30, 30), "PNG"))
    photo = site / "_posts" / "photo.png"

    def report(state: ProgressState) -> None:
        if state.label.startswith("Reading") and state.total and state.done == state.total:
            photo.write_bytes(image_bytes((30, 200, 30), "PNG"))

    with pytest.raises(ImportFailed, match="changed while it was being imported"):
        import_files(ctx, [site], Progress(report, min_interval=0))
    assert _articles(db_path) == 0
