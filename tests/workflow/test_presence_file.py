"""Presence and change notices on a library file shared by two processes on one machine: the
other desk is a real ``newsdesk`` subprocess."""

from __future__ import annotations

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.changes import ChangeWatcher
from newsdesk.services import presence
from tests.conftest import run_cli


def test_another_process_sees_presence_and_changes(desk_ctx, tmp_path) -> None:
    ctx = desk_ctx("Aled Morgan")
    with ctx.session() as s:
        article = create_article(s, ArticleRecord(headline="Harbour talks")).id
    me = presence.new_client_id()
    with ctx.session() as s:
        presence.open_article(s, article, me, ctx.desk)
    watcher = ChangeWatcher(ctx.library.engine)
    try:
        db = tmp_path / "library.newsdesk"
        env = {"NEWSDESK_DESK": "Priya Raman"}
        done = run_cli("article", "note", str(article), "--text", "Photo?", db=db, env=env)
        assert done.returncode == 0, done.stderr
        assert watcher.wait(2.0), "the other process's note was not noticed within 2 s"
        with ctx.session() as s:
            other = presence.open_article(s, article, presence.new_client_id(), "Priya Raman")
        assert [e.desk for e in other] == ["Aled Morgan"]
    finally:
        watcher.close()
