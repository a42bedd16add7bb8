"""A conflict resolved by one choice: the version that leaves stays in the history, and only
"keep both" makes a copy, never a second identical one."""

from __future__ import annotations

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, get_article, list_articles
from newsdesk.services.conflicts import Choice, resolve


def _setup(ctx):
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Ferry", body="Theirs."))
    return rec.id


def _history(ctx, article_id):
    with ctx.session() as s:
        return [
            revisions.get_revision(s, article_id, r.id).body
            for r in revisions.list_revisions(s, article_id)
        ]


def test_keep_mine_keeps_theirs_in_the_history(ctx):
    article_id = _setup(ctx)
    with ctx.session() as s:
        result = resolve(s, article_id, {"body": "Mine."}, Choice.KEEP_MINE)
    assert result.copy is None and result.record.body == "Mine."
    assert "Theirs." in _history(ctx, article_id)


def test_take_theirs_keeps_mine_in_the_history(ctx):
    article_id = _setup(ctx)
    with ctx.session() as s:
        result = resolve(
            s, article_id, {"body": "Mine.", "headline": "My ferry"}, Choice.TAKE_THEIRS
        )
    assert result.record.body == "Theirs." and result.record.headline == "Ferry"
    with ctx.session() as s:
        assert get_article(s, article_id).body == "Theirs."
    assert "Mine." in _history(ctx, article_id)


def test_keep_both_twice_makes_one_copy(ctx):
    article_id = _setup(ctx)
    for mine in ("Mine.", "Mine again."):
        with ctx.session() as s:
            from newsdesk.core.articles import update_article

            update_article(s, article_id, {"body": "Theirs."})
            result = resolve(s, article_id, {"body": mine}, Choice.KEEP_BOTH)
        assert result.copy is not None and result.copy.body == "Theirs."
    with ctx.session() as s:
        copies = [r for r in list_articles(s) if r.headline == "Ferry (other version)"]
    assert len(copies) == 1
