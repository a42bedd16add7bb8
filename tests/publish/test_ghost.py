"""The Ghost target against the real Ghost 5 of the shared peers (npm ``ghost``, SQLite),
every post read back through Ghost's own Admin API. A forwarding proxy on 127.0.0.1 stands in
for the network where a test needs the server gone (the shared Ghost is never stopped)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import jwt
import pytest

from conftest import ForwardingProxy, Server, full_article
from newsdesk.core.articles import update_article
from newsdesk.errors import UserError
from newsdesk.publish.ghost import admin_token
from newsdesk.publish.targets import parse_options
from newsdesk.services import publishing
from newsdesk.services.outbox import drain_outbox
from newsdesk.storage.types import utcnow

KEY_ID = "6489c5e2f0a1b2c3d4e5f607"
KEY_SECRET = "a1" * 32


def _call(peer: dict[str, str], method: str, path: str, **kw: Any) -> Any:
    token = admin_token(peer["GHOST_ADMIN_API_KEY"])
    response = httpx.request(
        method, f"{peer['GHOST_URL']}/ghost/api/admin/{path}", timeout=30,
        headers={"Authorization": f"Ghost {token}", "Accept-Version": "v5.0"}, **kw,
    )  # fmt: skip
    response.raise_for_status()
    return response.json() if response.content else None


def _post(peer: dict[str, str], post_id: str) -> dict[str, Any]:
    params = {"formats": "html", "include": "tags,authors"}
    return _call(peer, "GET", f"posts/{post_id}/", params=params)["posts"][0]  # type: ignore[no-any-return]


def _ours(peer: dict[str, str], slug: str) -> list[dict[str, Any]]:
    params = {"filter": f"slug:{slug}", "formats": "html", "include": "tags,authors"}
    return _call(peer, "GET", "posts/", params=params)["posts"]  # type: ignore[no-any-return]


def _owner(peer: dict[str, str]) -> dict[str, Any]:
    users = _call(peer, "GET", "users/", params={"limit": "all"})["users"]
    return next(u for u in users if u["email"] == peer["GHOST_OWNER_EMAIL"])  # type: ignore[no-any-return]


def _target(ctx, peer, name="ghost", url=None):
    with ctx.session() as s:
        return publishing.add_target(s, name, "ghost", url or peer["GHOST_URL"],
                                     secret=peer["GHOST_ADMIN_API_KEY"])  # fmt: skip


def _publish(ctx, article_id, target="ghost", **kw):
    with ctx.session() as s:
        return publishing.queue_publish(s, article_id, target, **kw).id


def _remote_id(ctx, article_id) -> str:
    with ctx.session() as s:
        [state] = [t for t in publishing.article_state(s, article_id) if t.remote_id]
    return state.remote_id


def test_admin_token_claims():
    token = admin_token(f"{KEY_ID}:{KEY_SECRET}", now=1_700_000_000)
    assert jwt.get_unverified_header(token)["kid"] == KEY_ID
    claims = jwt.decode(token, bytes.fromhex(KEY_SECRET), algorithms=["HS256"],
                        audience="/admin/", options={"verify_exp": False})  # fmt: skip
    assert claims == {"iat": 1_700_000_000, "exp": 1_700_000_300, "aud": "/admin/"}


def test_full_article_is_published_and_reads_back(ctx, ghost_peer):
    owner = _owner(ghost_peer)
    article = full_article(ctx, byline=[owner["name"], "Grace Hopper"], pinned=True)
    _target(ctx, ghost_peer)
    with ctx.session() as s:
        report = publishing.check_target(publishing.get_target(s, "ghost"))
    assert report.ok, report.lines()
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    assert out.message.startswith("published as published at ")
    assert "no Ghost staff user for Grace Hopper" in out.warnings[0]
    post = _post(ghost_peer, _remote_id(ctx, article.id))
    assert post["url"] == out.remote_url and post["status"] == "published"
    assert post["title"] == "Port Saltmere freezes freight tariffs"
    assert post["custom_excerpt"] == "The harbour board holds fees for a year."
    assert post["meta_description"] == "Fees frozen for a year at Port Saltmere."
    assert [t["name"] for t in post["tags"]] == ["Business", "Shipping", "Tariffs", article.tags[2]]
    assert [a["id"] for a in post["authors"]] == [owner["id"]]
    assert post["featured"] is True
    assert post["feature_image_alt"] == "Cranes at dawn"
    assert post["feature_image_caption"] == "The container terminal. Photo: Mira Santos"
    published = datetime.fromisoformat(post["published_at"].replace("Z", "+00:00"))
    assert abs(published - article.published_at.astimezone(UTC)) < timedelta(seconds=1)
    html = post["html"]
    assert "Grace Hopper" in html and owner["name"] in html  # the byline stays in the text
    assert "PORT SALTMERE, Westmarch –" in html
    assert html.count("<h2") == 2 and "<blockquote" in html and html.count("<li") == 2
    assert 'href="https://example.org/minutes"' in html
    assert 'alt="Wheat trial plots by the port"' in html and "asset:" not in html
    inline = re.search(r'<img[^>]*src="([^"]+)"', html)
    assert inline is not None
    for url in (inline.group(1), post["feature_image"]):
        assert httpx.get(url, timeout=30).headers["content-type"] == "image/jpeg"


def test_republish_after_an_edit_updates_the_same_post(ctx, ghost_peer):
    article = full_article(ctx)
    _target(ctx, ghost_peer)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    post_id = _remote_id(ctx, article.id)
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Updated on Ghost"})
    _publish(ctx, article.id)
    [again] = drain_outbox(ctx)
    assert again.status == "done" and again.message.startswith("updated (published)")
    assert _remote_id(ctx, article.id) == post_id
    assert _post(ghost_peer, post_id)["title"] == "Updated on Ghost"
    assert len(_ours(ghost_peer, article.slug)) == 1


def test_a_tag_only_edit_on_the_site_needs_force(ctx, ghost_peer):
    article = full_article(ctx)
    _target(ctx, ghost_peer)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    post_id = _remote_id(ctx, article.id)
    post = _post(ghost_peer, post_id)
    edit = {"tags": [*post["tags"], {"name": "Edited-on-site"}], "updated_at": post["updated_at"]}
    _call(ghost_peer, "PUT", f"posts/{post_id}/", json={"posts": [edit]})
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Ours again"})
    _publish(ctx, article.id)
    [refused] = drain_outbox(ctx)
    assert refused.status == "failed"
    assert "edited on the site" in refused.message and "--force" in refused.message
    assert "Edited-on-site" in [t["name"] for t in _post(ghost_peer, post_id)["tags"]]
    _publish(ctx, article.id, force=True)
    [forced] = drain_outbox(ctx)
    assert forced.status == "done", forced.message
    after = _post(ghost_peer, post_id)
    assert after["title"] == "Ours again"
    assert "Edited-on-site" not in [t["name"] for t in after["tags"]]


@pytest.fixture
def proxy(ghost_peer) -> Iterator[Server]:
    server = Server(ForwardingProxy, {"upstream": ghost_peer["GHOST_URL"]})
    yield server
    server.stop()


def test_server_gone_then_back_delivers_exactly_once(ctx, ghost_peer, proxy):
    article = full_article(ctx)
    _target(ctx, ghost_peer, url=proxy.url)
    proxy.stop()
    try:
        _publish(ctx, article.id)
        now = utcnow()
        [out] = drain_outbox(ctx, now)
        assert out.status == "queued" and "connection refused" in out.message
        assert drain_outbox(ctx, now + timedelta(seconds=5)) == []
    finally:
        proxy.restart()
    assert [o.status for o in drain_outbox(ctx, now + timedelta(minutes=2))] == ["done"]
    assert drain_outbox(ctx, now + timedelta(hours=2)) == []
    assert len(_ours(ghost_peer, article.slug)) == 1


def test_lost_answer_is_found_not_duplicated(ctx, ghost_peer, proxy):
    article = full_article(ctx)
    _target(ctx, ghost_peer, url=proxy.url)
    proxy.httpd.state.update(drop_prefix="/ghost/api/admin/posts/", drop_posts=1)
    _publish(ctx, article.id)
    now = utcnow()
    [first] = drain_outbox(ctx, now)
    assert first.status == "queued" and len(_ours(ghost_peer, article.slug)) == 1
    [second] = drain_outbox(ctx, now + timedelta(minutes=1))
    assert second.status == "done" and "found the post made by an earlier attempt" in second.message
    assert len(_ours(ghost_peer, article.slug)) == 1


def test_unpublish_then_publish_again(ctx, ghost_peer):
    article = full_article(ctx)
    _target(ctx, ghost_peer)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    post_id = _remote_id(ctx, article.id)
    with ctx.session() as s:
        publishing.queue_unpublish(s, article.id, "ghost")
    [gone] = drain_outbox(ctx)
    assert gone.status == "done" and _post(ghost_peer, post_id)["status"] == "draft"
    _publish(ctx, article.id)
    [back] = drain_outbox(ctx)
    assert back.status == "done", back.message
    assert _remote_id(ctx, article.id) == post_id
    assert _post(ghost_peer, post_id)["status"] == "published"


def test_post_deleted_on_the_site_is_made_anew_with_recreate(ctx, ghost_peer):
    article = full_article(ctx)
    _target(ctx, ghost_peer)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    post_id = _remote_id(ctx, article.id)
    _call(ghost_peer, "DELETE", f"posts/{post_id}/")
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Back again"})
    _publish(ctx, article.id)
    [refused] = drain_outbox(ctx)
    assert refused.status == "failed"
    assert "no longer on the site" in refused.message and "--recreate" in refused.message
    _publish(ctx, article.id, recreate=True)
    [made] = drain_outbox(ctx)
    assert made.status == "done", made.message
    assert _remote_id(ctx, article.id) != post_id
    assert [p["title"] for p in _ours(ghost_peer, article.slug)] == ["Back again"]


def test_status_is_what_ghost_did(ctx, ghost_peer):
    later = (utcnow() + timedelta(days=7)).replace(microsecond=0)
    now_article = full_article(ctx, published_at=later)
    future = full_article(ctx, status="scheduled", published_at=None, scheduled_at=later)
    _target(ctx, ghost_peer)
    _publish(ctx, now_article.id, status="publish")
    _publish(ctx, future.id)
    live, scheduled = drain_outbox(ctx)
    assert live.status == "done" and live.message.startswith("published as published")
    post = _post(ghost_peer, _remote_id(ctx, now_article.id))
    assert post["status"] == "published"
    published = datetime.fromisoformat(post["published_at"].replace("Z", "+00:00"))
    assert published < datetime.now(UTC) + timedelta(minutes=1)  # not dated next week
    assert scheduled.status == "done" and scheduled.message.startswith("published as scheduled")
    assert _post(ghost_peer, _remote_id(ctx, future.id))["status"] == "scheduled"


def test_admin_urls_people_copy_are_normalised(ctx, ghost_peer):
    base = ghost_peer["GHOST_URL"]
    for i, url in enumerate((f"{base}/ghost/", f"{base}/ghost/#/posts", f"{base}/")):
        config = _target(ctx, ghost_peer, name=f"g{i}", url=url)
        assert config.url == base
        with ctx.session() as s:
            assert publishing.check_target(publishing.get_target(s, config.name)).ok


def test_wrong_key_is_refused(ctx, ghost_peer):
    with ctx.session() as s:
        publishing.add_target(s, "ghost", "ghost", ghost_peer["GHOST_URL"],
                              secret=f"{KEY_ID}:{KEY_SECRET}")  # fmt: skip
        report = publishing.check_target(publishing.get_target(s, "ghost"))
    assert not report.ok and report.checks[-1].name == "key"


def test_visibility_set_on_the_target_is_sent(ctx, ghost_peer, db_path):
    from tests.conftest import run_cli

    article = full_article(ctx)
    _target(ctx, ghost_peer)
    out = run_cli("target", "set", "ghost", "--option", "visibility=members", db=db_path)
    assert out.returncode == 0, out.stderr
    assert "visibility=members" in out.stdout
    with pytest.raises(UserError, match="Unknown option 'colour=red'"):
        parse_options("ghost", ["colour=red"])
    _publish(ctx, article.id)
    assert drain_outbox(ctx)[0].status == "done"
    assert _post(ghost_peer, _remote_id(ctx, article.id))["visibility"] == "members"


def test_the_doctor_passes_the_key_and_tells_a_wrong_one(ctx, ghost_peer):
    good = _target(ctx, ghost_peer)
    report = publishing.check_target(good)
    assert report.ok, report.lines()
    assert [c.detail for c in report.checks if c.name == "key"] == ["the Admin API key works"]
    with ctx.session() as s:
        bad = publishing.add_target(s, "wrong", "ghost", ghost_peer["GHOST_URL"],
                                    secret=f"{KEY_ID}:{KEY_SECRET}")  # fmt: skip
    report = publishing.check_target(bad)
    [key] = [c for c in report.checks if c.name == "key"]
    assert not key.ok and "newsdesk target secret wrong" in key.advice
