"""The article commands' use case (services/authoring.py): one transaction each that records
the revision, stores the image and applies the embargo — what ``newsdesk article`` calls."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from newsdesk.core.revisions import list_revisions
from newsdesk.errors import ConflictError, UserError
from newsdesk.services import authoring
from newsdesk.services.trash import list_trash
from tests.conftest import SAMPLE_DIR


def test_add_records_a_revision_the_image_and_the_site_language(ctx) -> None:
    image = next((SAMPLE_DIR / "articles" / "images").glob("*.jpg"))
    rec = authoring.add_article(ctx, {"headline": "Port reopens", "tags": ["Ports"]}, image=image)
    assert rec.language and rec.image_sha256 and rec.tags == ["Ports"]
    with ctx.session() as session:
        assert [r.kind for r in list_revisions(session, rec.id)] == ["save"]


def test_edit_tags_embargo_and_version(ctx) -> None:
    rec = authoring.add_article(ctx, {"headline": "Budget", "tags": ["Money", "Tax"]})
    when = datetime(2030, 1, 2, 9, 0, tzinfo=UTC)
    rec, revision = authoring.edit_article(
        ctx, rec.id, {}, add_tags=["Vote"], remove_tags=["tax"], embargo=when
    )
    assert revision.kind == "save"
    assert rec.tags == ["Money", "Vote"] and rec.embargo_at == when
    rec, _ = authoring.edit_article(ctx, rec.id, {}, embargo=None)
    assert rec.embargo_at is None
    with pytest.raises(UserError, match="Nothing to change"):
        authoring.edit_article(ctx, rec.id, {})
    with pytest.raises(ConflictError):
        authoring.edit_article(ctx, rec.id, {"headline": "B"}, expected_version=rec.version - 1)
    with ctx.session() as session:
        assert [r.kind for r in list_revisions(session, rec.id)].count("save") >= 3


def test_delete_moves_to_the_trash_unless_permanent(ctx) -> None:
    one = authoring.add_article(ctx, {"headline": "One"})
    two = authoring.add_article(ctx, {"headline": "Two"})
    gone, live = authoring.delete_articles(ctx, [one.id])
    assert [(d.article_id, d.trash) for d in gone] == [(one.id, True)] and live == []
    gone, _ = authoring.delete_articles(ctx, [str(two.id)], permanent=True)
    assert [(d.article_id, d.trash) for d in gone] == [(two.id, False)]
    with ctx.session() as session:
        assert [e.article_id for e in list_trash(session)] == [one.id]
    assert authoring.list_desk_articles(ctx)[0] == []
