"""The Trash: a deleted article leaves every list, search, export and the outbox, and comes
back whole (tags, byline, section, images, revisions, where it was published) on restore."""

from __future__ import annotations

import base64

import pytest
from sqlmodel import select

from newsdesk.core import revisions, tags
from newsdesk.core.articles import ArticleRecord, create_article, get_article, list_articles
from newsdesk.core.assets import add_asset
from newsdesk.core.library_view import LibraryFilter, list_page
from newsdesk.core.search import search
from newsdesk.errors import NotFoundError, UserError
from newsdesk.export.site import export_site
from newsdesk.render.page import load_theme
from newsdesk.services import publishing, trash
from newsdesk.storage.models import PublishJob, PublishLog, RemotePost

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _article(ctx, **fields) -> ArticleRecord:
    with ctx.session() as s:
        image = add_asset(s, PNG, "harbour.png").sha256
        body = f"The cranes are back.\n\n![Crane](asset:{image})"
        rec = create_article(
            s,
            ArticleRecord(
                headline="Harbour cranes return", body=body, section="Business",
                tags=["Ports", "Cranes"], byline=["Noor Kassem"], status="published",
                image_sha256=image, image_alt="A crane", **fields,
            ),
        )  # fmt: skip
        revisions.record_revision(s, rec.id, "save")
    return rec


def test_trashed_article_leaves_list_search_export_and_outbox(ctx, tmp_path) -> None:
    rec = _article(ctx)
    keep = _article(ctx)
    site = tmp_path / "folder-target"
    with ctx.session() as s:
        publishing.add_target(s, "hugo", "folder", str(site))
        publishing.queue_publish(s, rec.id, "hugo")
    with ctx.session() as s:
        entries = trash.move_to_trash(s, [rec.id])
    assert [e.article_id for e in entries] == [rec.id]
    with ctx.session() as s:
        assert [a.id for a in list_articles(s)] == [keep.id]
        assert [r.id for r in list_page(s, LibraryFilter(), limit=50)] == [keep.id]
        assert [h.id for h in search(s, "cranes")] == [keep.id]
        assert s.exec(select(PublishJob).where(PublishJob.article_id == rec.id)).all() == []
        with pytest.raises(NotFoundError):
            get_article(s, rec.id)
        with pytest.raises(NotFoundError):
            publishing.queue_publish(s, rec.id, "hugo")
        export_site(s, tmp_path / "site", load_theme(ctx.resources))
        listed = [(e.article_id, e.title) for e in trash.list_trash(s)]
    assert listed == [(rec.id, "Harbour cranes return")]
    pages = {p.name for p in (tmp_path / "site" / "articles").iterdir()}
    assert pages == {keep.slug}


def test_restore_brings_back_tags_images_revisions_and_remote_posts(ctx) -> None:
    rec = _article(ctx)
    with ctx.session() as s:
        target = publishing.add_target(s, "hugo", "folder", "/tmp/nowhere")
        s.add(RemotePost(article_id=rec.id, target_id=target.id, remote_id="42"))
        s.add(PublishLog(article_id=rec.id, target_name="hugo", message="published"))
        before = revisions.list_revisions(s, rec.id)
    with ctx.session() as s:
        trash.move_to_trash(s, [rec.uuid])
    with ctx.session() as s:
        assert s.exec(select(RemotePost)).all() == []
        # meanwhile the tag is deleted from the library and the slug goes to another article
        tags.delete_tag(s, "Cranes")
        other = create_article(s, ArticleRecord(headline="Harbour cranes return"))
    with ctx.session() as s:
        (back,) = trash.restore(s, [rec.id])
    assert back.uuid == rec.uuid  # (its id went to the newer article: SQLite reuses the top id)
    assert back.tags == ["Ports", "Cranes"] and back.byline == ["Noor Kassem"]
    assert back.section == "Business" and back.image_sha256 == rec.image_sha256
    assert back.body == rec.body and back.status == "published"
    assert back.slug != other.slug  # made unique again
    with ctx.session() as s:
        after = revisions.list_revisions(s, back.id)
        assert [r.id for r in after] == [r.id for r in before]
        assert [p.remote_id for p in s.exec(select(RemotePost)).all()] == ["42"]
        logs = s.exec(select(PublishLog).where(PublishLog.message == "published")).all()
        assert [log.article_id for log in logs] == [back.id]
        assert back.id in [h.id for h in search(s, "cranes")] and trash.list_trash(s) == []
        assert back.id in {a.id for a in list_articles(s, LibraryFilter(tag="Cranes"))}


def test_restore_gives_a_new_id_when_the_old_one_was_reused(ctx) -> None:
    rec = _article(ctx)
    with ctx.session() as s:
        trash.move_to_trash(s, [rec.id])
        newer = create_article(s, ArticleRecord(headline="Newer"))
    with ctx.session() as s:
        (back,) = trash.restore(s, [rec.slug])
        assert back.id is not None and back.id != newer.id and back.uuid == rec.uuid
        assert len(revisions.list_revisions(s, back.id)) == 1


def test_restore_refuses_when_the_same_article_came_back_by_import(ctx) -> None:
    rec = _article(ctx)
    with ctx.session() as s:
        trash.move_to_trash(s, [rec.id])
        create_article(s, ArticleRecord(headline="Imported again", uuid=rec.uuid))
    with ctx.session() as s, pytest.raises(UserError, match="in the library again"):
        trash.restore(s, [rec.id])
    with ctx.session() as s:
        assert len(trash.list_trash(s)) == 1


def test_empty_deletes_for_good(ctx) -> None:
    a, b = _article(ctx), _article(ctx)
    with ctx.session() as s:
        entries = trash.move_to_trash(s, [a.id, b.id])
    with ctx.session() as s:
        assert trash.empty_trash(s, [entries[0].id]) == 1
        assert [e.article_id for e in trash.list_trash(s)] == [b.id]
        assert trash.empty_trash(s) == 1
        assert trash.list_trash(s) == []
        with pytest.raises(NotFoundError):
            trash.restore(s, [b.id])


def test_restore_keeps_the_id_when_it_is_free(ctx) -> None:
    rec, _later = _article(ctx), _article(ctx)
    with ctx.session() as s:
        trash.move_to_trash(s, [rec.id])
    with ctx.session() as s:
        (back,) = trash.restore(s, [str(rec.id)])
    assert back.id == rec.id and back.slug == rec.slug and back.version == rec.version


def test_live_copies_name_where_a_trashed_article_stays_published(ctx) -> None:
    rec, other = _article(ctx), _article(ctx)
    with ctx.session() as s:
        target = publishing.add_target(s, "hugo", "folder", "/tmp/nowhere")
        s.add(
            RemotePost(
                article_id=rec.id,
                target_id=target.id,
                remote_id="1",
                remote_url="https://example.org/cranes/",
                last_published_hash="abc",
            )
        )
        s.add(RemotePost(article_id=other.id, target_id=target.id, remote_id="2",
                         last_published_hash=""))  # unpublished since: not live  # fmt: skip
    with ctx.session() as s:
        live = trash.live_copies(s, [rec.id, other.id])
    assert [(c.article_id, c.target, c.url) for c in live] == [
        (rec.id, "hugo", "https://example.org/cranes/")
    ]
