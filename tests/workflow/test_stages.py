"""Editorial stages: the site's transitions, who may make them, the pre-flight requirement, and
the path recorded with each desk; the CLI's ``article stage`` and the library filter."""

from __future__ import annotations

import json

import pytest

from newsdesk.core import revisions
from newsdesk.core.articles import (
    ArticleRecord,
    create_article,
    get_article,
    list_articles,
    update_article,
)
from newsdesk.domain.listing import LibraryFilter
from newsdesk.errors import UserError
from newsdesk.services import newsroom
from tests.conftest import run_cli


def _story(ctx, **kw):
    with ctx.session() as s:
        return create_article(
            s, ArticleRecord(headline="Budget talks stall", body="Talks stalled.", **kw)
        )


def _roles(ctx):
    with ctx.session() as s:
        newsroom.set_roles(s, "Dafydd Jones", ["editor"])
        newsroom.set_roles(s, "Mei Chen", ["sub-editor"])


def test_a_story_moves_reporter_to_editor_to_sub_to_published(desk_ctx) -> None:
    reporter = desk_ctx("Priya Raman")
    rec = _story(reporter, section="World")
    _roles(reporter)
    with reporter.session() as s:
        assert newsroom.move_stage(s, rec.id, "ready for edit").stage == "ready_for_edit"
    with reporter.session() as s, pytest.raises(UserError, match="needs the role editor"):
        newsroom.move_stage(s, rec.id, "edited")
    editor = desk_ctx("Dafydd Jones")
    with editor.session() as s:
        newsroom.move_stage(s, rec.id, "Edited")
    sub = desk_ctx("Mei Chen")
    with sub.session() as s:
        newsroom.move_stage(s, rec.id, "ready_to_publish")
    with sub.session() as s, pytest.raises(UserError, match="needs the role editor"):
        newsroom.move_stage(s, rec.id, "published")
    with editor.session() as s:
        done = newsroom.move_stage(s, rec.id, "published")
    assert done.stage == "published" and done.status == "published"
    with editor.session() as s:
        path = newsroom.list_events(s, rec.id)
        history = revisions.list_revisions(s, rec.id)
    assert [(e.desk, e.message) for e in path] == [
        ("Priya Raman", "Draft → Ready for edit"),
        ("Dafydd Jones", "Ready for edit → Edited"),
        ("Mei Chen", "Edited → Ready to publish"),
        ("Dafydd Jones", "Ready to publish → Published"),
    ]
    assert history[0].desk == "Dafydd Jones"
    assert history[0].summary.startswith("stage: Ready to publish → Published")


def test_publishing_needs_the_preflight_checklist_to_pass(desk_ctx) -> None:
    ctx = desk_ctx("Dafydd Jones")
    rec = _story(ctx)  # no section: the pre-flight checklist fails
    for stage in ("ready for edit", "edited", "ready to publish"):
        with ctx.session() as s:
            newsroom.move_stage(s, rec.id, stage)
    with ctx.session() as s, pytest.raises(UserError, match=r"pre-flight.*no section"):
        newsroom.move_stage(s, rec.id, "published")
    with ctx.session() as s:
        assert get_article(s, rec.id).stage == "ready_to_publish"
        update_article(s, rec.id, {"section": "World"})
        assert newsroom.move_stage(s, rec.id, "published").stage == "published"


def test_a_move_the_workflow_lacks_is_refused_with_the_moves_it_has(desk_ctx) -> None:
    ctx = desk_ctx("Priya Raman")
    rec = _story(ctx)
    with ctx.session() as s, pytest.raises(UserError, match="may go to: Ready for edit"):
        newsroom.move_stage(s, rec.id, "published")
    with ctx.session() as s, pytest.raises(UserError, match="Unknown stage"):
        newsroom.move_stage(s, rec.id, "printed")
    with ctx.session() as s, pytest.raises(UserError, match="article stage"):
        update_article(s, rec.id, {"stage": "published"})  # only through the workflow


def test_cli_stage_and_the_library_filter(tmp_path) -> None:
    db = tmp_path / "lib.newsdesk"
    env = {"NEWSDESK_DESK": "Priya Raman"}
    assert run_cli("article", "add", "--headline", "One", db=db, env=env).returncode == 0
    assert run_cli("article", "add", "--headline", "Two", db=db, env=env).returncode == 0
    moved = run_cli("article", "stage", "2", "ready for edit", db=db, env=env)
    assert moved.returncode == 0, moved.stderr
    assert moved.stdout.splitlines()[0] == "2 is now Ready for edit"
    shown = json.loads(run_cli("article", "stage", "2", "--json", db=db).stdout)
    assert shown["label"] == "Ready for edit" and "Edited" in shown["next"]
    listed = json.loads(
        run_cli("article", "list", "--stage", "ready for edit", "--json", db=db).stdout
    )
    assert [a["headline"] for a in listed] == ["Two"]
    table = run_cli("article", "list", db=db).stdout
    assert "Ready for edit" in table and "Priya Raman" in table
    bad = run_cli("article", "stage", "1", "published", db=db, env=env)
    assert bad.returncode == 1 and "may go to: Ready for edit" in bad.stderr
    path = run_cli("article", "path", "2", db=db).stdout
    assert "Priya Raman" in path and "Draft → Ready for edit" in path


def test_my_stories_is_the_assignee_filter(desk_ctx) -> None:
    ctx = desk_ctx("Aled Morgan")
    a, b = _story(ctx), _story(ctx)
    with ctx.session() as s:
        newsroom.assign(s, a.id, assignee="Aled Morgan", word_budget=600)
        newsroom.assign(s, b.id, assignee="Priya Raman")
        mine = list_articles(s, LibraryFilter(assignee="Aled Morgan"))
    assert [r.id for r in mine] == [a.id]
    assert mine[0].word_budget == 600 and mine[0].stage == "draft"
