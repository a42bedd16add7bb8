"""The newsroom's workflow against the real WordPress (scripts/wordpress/start.sh): a correction
added to a published story reaches the post on republish, and an embargoed story waits in the
outbox, across a restart of the app, until its time (the tests move the clock; nothing sleeps)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx
import pytest

from newsdesk.services import newsroom, publishing
from newsdesk.services.opening import open_context
from newsdesk.services.outbox import drain_outbox
from newsdesk.storage.models import PublishJob
from newsdesk.storage.types import utcnow

pytestmark = pytest.mark.wordpress


def _add_target(ctx: Any, wp: dict[str, Any]) -> None:
    user = wp["users"]["editor"]
    with ctx.session() as s:
        publishing.add_target(
            s, "wp", "wordpress", wp["base_url"], user["username"], user["application_password"]
        )


def _posts(wp: dict[str, Any], uuid: str) -> list[dict[str, Any]]:
    user = wp["users"]["editor"]
    response = httpx.get(
        f"{wp['base_url']}/wp-json/wp/v2/posts",
        params={"context": "edit", "search": uuid, "status": "publish,future,draft,pending"},
        auth=(user["username"], user["application_password"]),
        timeout=30,
    )
    response.raise_for_status()
    return [p for p in response.json() if f"newsdesk:{uuid}" in p["content"]["raw"]]


def test_a_correction_reaches_the_post_on_republish(ctx, article, wp) -> None:
    _add_target(ctx, wp)
    with ctx.session() as s:
        publishing.queue_publish(s, article.id, "wp")
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    when = utcnow()
    with ctx.session() as s:
        newsroom.add_correction(s, article.id, "The vote was 7–2, not 6–3.", now=when)
        publishing.queue_publish(s, article.id, "wp")
    [again] = drain_outbox(ctx)
    assert again.status == "done" and again.message.startswith("updated"), again.message
    [post] = _posts(wp, article.uuid)
    content = post["content"]["raw"]
    assert "<strong>Correction:</strong> The vote was 7–2, not 6–3.</p>" in content
    assert f'<time datetime="{when.isoformat()}">' in content
    assert content.index("More follows.") < content.index("Correction:")  # under the body


def test_an_embargoed_story_waits_in_the_outbox_across_a_restart(ctx, article, wp) -> None:
    _add_target(ctx, wp)
    now = utcnow()
    embargo = now + timedelta(hours=3)
    with ctx.session() as s:
        newsroom.set_embargo(s, article.id, embargo)
        job_id = publishing.queue_publish(s, article.id, "wp").id
    assert drain_outbox(ctx, now) == []
    assert drain_outbox(ctx, now + timedelta(hours=2, minutes=59)) == []
    assert _posts(wp, article.uuid) == []
    db = ctx.paths.db_path
    ctx.close()  # the app quits, and starts again later (offline meanwhile)

    again = open_context(str(db), seed=False)
    try:
        with again.session() as s:
            job = s.get(PublishJob, job_id)
            assert job is not None and job.status == "queued"
        [out] = drain_outbox(again, embargo + timedelta(seconds=1))
        assert out.status == "done", out.message
        [post] = _posts(wp, article.uuid)
        assert post["status"] == "publish"
        with again.session() as s:
            path = [e.message for e in newsroom.list_events(s, article.id)]
        assert path[0].startswith("embargoed until ") and path[-1].startswith("wp: published")
    finally:
        again.close()


def test_lifting_the_embargo_releases_the_job(ctx, article, wp) -> None:
    _add_target(ctx, wp)
    now = utcnow()
    with ctx.session() as s:
        newsroom.set_embargo(s, article.id, now + timedelta(days=1))
        publishing.queue_publish(s, article.id, "wp")
    assert drain_outbox(ctx, now) == []
    with ctx.session() as s:
        newsroom.set_embargo(s, article.id, None)
        messages = [e.message for e in newsroom.list_events(s, article.id)]
    assert messages[-1] == "embargo lifted"
    [out] = drain_outbox(ctx, now + timedelta(seconds=1))
    assert out.status == "done", out.message
