"""Migration 0002 (article revisions) goes down and up again cleanly."""

from __future__ import annotations

from alembic import command
from sqlalchemy import func, inspect
from sqlmodel import select

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, delete_article
from newsdesk.storage.migrate import alembic_config
from newsdesk.storage.models import ArticleRevision


def test_revisions_table_downgrades_and_upgrades(ctx) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="A", body="b"))
        revisions.record_revision(s, rec.id, "save")
    engine = ctx.library.engine
    assert "article_revision" in inspect(engine).get_table_names()
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
    assert "article_revision" not in inspect(engine).get_table_names()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert "article_revision" in inspect(engine).get_table_names()
    with ctx.session() as s:
        revisions.record_revision(s, rec.id, "save")
        # Deleting an article takes its revisions with it (ON DELETE CASCADE).
        delete_article(s, rec.id)
        assert s.exec(select(func.count()).select_from(ArticleRevision)).one() == 0
