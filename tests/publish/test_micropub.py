"""The Micropub target against the real django-indieweb server of the shared peers (PyPI
``django-indieweb`` under gunicorn; a strict server that refuses ``uid``/``author`` and photo
objects). Every post is read back through the server's own Micropub API (``q=source``).
A forwarding proxy on 127.0.0.1 stands in for the network where a test needs the server gone
or an answer lost (the shared server itself is never stopped)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest

from conftest import ForwardingProxy, Server, full_article
from newsdesk.core.articles import update_article
from newsdesk.publish.http import RemoteError, check
from newsdesk.services import publishing
from newsdesk.services.outbox import drain_outbox
from newsdesk.storage.models import PublishTarget, RemotePost
from newsdesk.storage.types import utcnow


def _api(peer: dict[str, str], **params: Any) -> Any:
    response = httpx.get(peer["MICROPUB_ENDPOINT"], params=params, timeout=30,
                         headers={"Authorization": f"Bearer {peer['MICROPUB_TOKEN']}"})  # fmt: skip
    response.raise_for_status()
    return response.json()


def _action(peer: dict[str, str], body: dict[str, Any]) -> httpx.Response:
    return httpx.post(peer["MICROPUB_ENDPOINT"], json=body, timeout=30,
                      headers={"Authorization": f"Bearer {peer['MICROPUB_TOKEN']}"})  # fmt: skip


def _source(peer: dict[str, str], url: str) -> dict[str, Any]:
    return _api(peer, q="source", url=url)["properties"]  # type: ignore[no-any-return]


def _ours(peer: dict[str, str], uuid: str) -> list[dict[str, Any]]:
    items = _api(peer, q="source", filter=uuid, limit=100)["items"]
    return [i for i in items if f"newsdesk:{uuid}" in i["properties"]["content"][0]["html"]]


def _target(ctx, peer, name="blog", url=None, **options):
    with ctx.session() as s:
        publishing.add_target(s, name, "micropub", url or peer["MICROPUB_BASE_URL"] + "/",
                              secret=peer["MICROPUB_TOKEN"], options=options)  # fmt: skip


def _publish(ctx, article_id, target="blog", **kw):
    with ctx.session() as s:
        return publishing.queue_publish(s, article_id, target, **kw).id


def _remote(ctx, article_id) -> RemotePost:
    with ctx.session() as s:
        from sqlmodel import select

        return s.exec(select(RemotePost).where(RemotePost.article_id == article_id)).one()


def test_full_article_is_published_and_reads_back(ctx, micropub_peer):
    article = full_article(ctx)
    _target(ctx, micropub_peer)
    with ctx.session() as s:
        assert publishing.check_target(publishing.get_target(s, "blog")).ok
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    assert out.message.startswith("published as published at ")
    props = _source(micropub_peer, out.remote_url)
    assert props["name"] == ["Port Saltmere freezes freight tariffs"]
    assert props["summary"] == ["The harbour board holds fees for a year."]
    assert sorted(props["category"]) == sorted(["Shipping", "Tariffs", article.tags[2], "Business"])
    assert props["post-status"] == ["published"]
    assert props["published"][0].startswith(article.published_at.strftime("%Y-%m-%dT%H:%M"))
    assert "uid" not in props and "author" not in props  # server-managed on this server
    html = props["content"][0]["html"]
    assert 'class="dateline">PORT SALTMERE, Westmarch –' in html
    assert "By <span" in html and "Ada Lovelace" in html and "Grace Hopper" in html
    assert html.count("<h2") == 2 and "<blockquote>" in html and html.count("<li>") == 2
    assert '<a href="https://example.org/minutes"' in html
    assert "asset:" not in html
    inline = re.search(r'<img[^>]*src="([^"]+)"', html)
    assert inline and 'alt="Wheat trial plots by the port"' in html
    [photo] = props["photo"]
    assert isinstance(photo, str)  # the server refuses {"value", "alt"}: sent as a URL
    for url in (inline.group(1), photo):  # both images are on the site, as uploaded
        assert httpx.get(url, timeout=30).headers["content-type"] == "image/jpeg"
    with ctx.session() as s:
        learned = s.get(PublishTarget, 1).options["micropub"]  # type: ignore[union-attr]
    assert learned["refused"] == ["author", "photo-alt"]  # sent right the first time from now
    assert learned["config"]["media-endpoint"] == micropub_peer["MICROPUB_MEDIA_ENDPOINT"]
    assert len(_ours(micropub_peer, article.uuid)) == 1


def test_republish_after_an_edit_updates_the_same_post(ctx, micropub_peer):
    article = full_article(ctx)
    _target(ctx, micropub_peer)
    _publish(ctx, article.id)
    [first] = drain_outbox(ctx)
    media = _remote(ctx, article.id).media
    with ctx.session() as s:
        update_article(s, article.id, {"standfirst": "Fees held for twelve months.",
                                       "tags": ["Shipping", "Ports", "Tariffs"]})  # fmt: skip
    _publish(ctx, article.id)
    [again] = drain_outbox(ctx)
    assert again.status == "done" and again.message.startswith("updated (published)")
    assert again.remote_url == first.remote_url
    props = _source(micropub_peer, first.remote_url)
    assert props["summary"] == ["Fees held for twelve months."]
    assert sorted(props["category"]) == ["Business", "Ports", "Shipping", "Tariffs"]
    assert _remote(ctx, article.id).media == media  # images went up once
    assert len(_ours(micropub_peer, article.uuid)) == 1


def test_an_edit_on_the_site_even_of_tags_only_needs_force(ctx, micropub_peer):
    article = full_article(ctx)
    _target(ctx, micropub_peer)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    edit = {"action": "update", "url": out.remote_url, "add": {"category": ["Edited-on-site"]}}
    assert _action(micropub_peer, edit).status_code in (200, 201, 204)
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Ours again"})
    _publish(ctx, article.id)
    [refused] = drain_outbox(ctx)
    assert refused.status == "failed"
    assert "edited on the site" in refused.message and "--force" in refused.message
    assert "Edited-on-site" in _source(micropub_peer, out.remote_url)["category"]
    _publish(ctx, article.id, force=True)
    [forced] = drain_outbox(ctx)
    assert forced.status == "done", forced.message
    props = _source(micropub_peer, out.remote_url)
    assert props["name"] == ["Ours again"] and "Edited-on-site" not in props["category"]


@pytest.fixture
def proxy(micropub_peer) -> Iterator[Server]:
    state = {"upstream": micropub_peer["MICROPUB_BASE_URL"], "keep_host": True}
    server = Server(ForwardingProxy, state)
    yield server
    server.stop()


def test_server_gone_then_back_delivers_exactly_once(ctx, micropub_peer, proxy):
    article = full_article(ctx)
    _target(ctx, micropub_peer, url=proxy.url + "/")
    proxy.stop()
    try:
        _publish(ctx, article.id)
        now = utcnow()
        [out] = drain_outbox(ctx, now)
        assert out.status == "queued" and "connection refused" in out.message
        assert drain_outbox(ctx, now + timedelta(seconds=5)) == []  # waiting for its backoff
    finally:
        proxy.restart()
    assert [o.status for o in drain_outbox(ctx, now + timedelta(minutes=2))] == ["done"]
    assert drain_outbox(ctx, now + timedelta(hours=2)) == []
    assert len(_ours(micropub_peer, article.uuid)) == 1


def test_lost_answer_is_found_by_our_marker_not_duplicated(ctx, micropub_peer, proxy):
    article = full_article(ctx)
    _target(
        ctx, micropub_peer, url=proxy.url + "/", micropub={"refused": ["author", "photo-alt"]}
    )  # as learned by an earlier post
    proxy.httpd.state.update(drop_prefix="/indieweb/micropub/", drop_posts=1)
    _publish(ctx, article.id)
    now = utcnow()
    [first] = drain_outbox(ctx, now)
    assert first.status == "queued"
    assert len(_ours(micropub_peer, article.uuid)) == 1  # made, answer lost
    [second] = drain_outbox(ctx, now + timedelta(minutes=1))
    assert second.status == "done", second.message
    assert "found the post made by an earlier attempt" in second.message
    assert len(_ours(micropub_peer, article.uuid)) == 1


def test_unpublish_then_publish_again_restores_the_post(ctx, micropub_peer):
    article = full_article(ctx)
    _target(ctx, micropub_peer)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    with ctx.session() as s:
        publishing.queue_unpublish(s, article.id, "blog")
    [gone] = drain_outbox(ctx)
    assert gone.status == "done"
    assert _ours(micropub_peer, article.uuid) == []
    _publish(ctx, article.id)
    [back] = drain_outbox(ctx)
    assert back.status == "done", back.message
    assert back.remote_url == out.remote_url  # undeleted, not a second post
    assert _source(micropub_peer, out.remote_url)["name"] == [article.headline]
    assert len(_ours(micropub_peer, article.uuid)) == 1


def test_post_deleted_on_the_site_is_made_anew_with_recreate(ctx, micropub_peer):
    article = full_article(ctx)
    _target(ctx, micropub_peer)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert _action(micropub_peer, {"action": "delete", "url": out.remote_url}).status_code == 204
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Back again"})
    _publish(ctx, article.id)
    [refused] = drain_outbox(ctx)
    assert refused.status == "failed"
    assert "no longer on the site" in refused.message and "--recreate" in refused.message
    _publish(ctx, article.id, recreate=True)
    [made] = drain_outbox(ctx)
    assert made.status == "done" and made.remote_url != out.remote_url
    assert _source(micropub_peer, made.remote_url)["name"] == ["Back again"]
    with ctx.session() as s:
        log = [e.message for e in publishing.publish_log(s, article.id)]
        jobs = publishing.list_jobs(s, statuses=["failed"])
    assert any(out.remote_url in line and "dropped" in line for line in log)  # history kept
    assert jobs == []  # the failed job is superseded by the success


def test_a_future_post_waits_in_the_outbox_until_its_time(ctx, micropub_peer):
    when = (utcnow() + timedelta(days=2)).replace(microsecond=0)
    article = full_article(ctx, status="scheduled", published_at=None, scheduled_at=when)
    _target(ctx, micropub_peer)
    _publish(ctx, article.id)
    [held] = drain_outbox(ctx)
    assert held.status == "held" and "cannot schedule" in held.message
    assert _ours(micropub_peer, article.uuid) == []
    assert drain_outbox(ctx, when - timedelta(minutes=1)) == []
    [sent] = drain_outbox(ctx, when + timedelta(seconds=1))
    assert sent.status == "done", sent.message
    props = _source(micropub_peer, sent.remote_url)
    assert props["post-status"] == ["published"]
    assert props["published"] == [when.strftime("%Y-%m-%dT%H:%M:%SZ")]


def test_the_servers_error_text_is_shown_whatever_its_type(micropub_peer):
    response = _action(micropub_peer, {"action": "update", "url": "http://elsewhere.example/x"})
    assert response.status_code == 400 and "json" not in response.headers["content-type"]
    with pytest.raises(RemoteError) as caught:
        check(response, "Micropub blog")
    assert "(HTTP 400) (invalid_request)" in str(caught.value)


def test_doctor_tells_wrong_token_and_missing_endpoint(ctx, micropub_peer, webhook_server):
    _target(ctx, micropub_peer, "wrong")
    with ctx.session() as s:
        publishing.set_secret(s, "wrong", "not-the-token")
        report = publishing.check_target(publishing.get_target(s, "wrong"))
        publishing.add_target(s, "nosite", "micropub", webhook_server.url, secret="x")
    assert not report.ok
    assert [c.name for c in report.checks] == ["discovery", "token"]
    assert "HTTP 401" in report.checks[1].detail
    with ctx.session() as s:
        report2 = publishing.check_target(publishing.get_target(s, "nosite"))
    assert not report2.ok and report2.checks[0].name == "discovery"
