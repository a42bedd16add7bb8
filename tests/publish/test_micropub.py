"""The Micropub target against a real Micropub site on 127.0.0.1 (endpoint discovery from the
home page, bearer token, media endpoint); the client is the real one."""

from __future__ import annotations

from conftest import MICROPUB_TOKEN
from newsdesk.publish.outbox import drain_outbox
from newsdesk.services import publishing
from newsdesk.services.articles import update_article


def _target(ctx, url, token=MICROPUB_TOKEN):
    with ctx.session() as s:
        publishing.add_target(s, "blog", "micropub", url, secret=token)


def _publish(ctx, article_id, **kw):
    with ctx.session() as s:
        return publishing.queue_publish(s, article_id, "blog", **kw).id


def test_discovers_endpoint_uploads_images_and_creates_post(ctx, article, micropub_server):
    _target(ctx, micropub_server.url + "/")
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    st = micropub_server.httpd.state
    url = f"{micropub_server.url}/posts/{article.slug}"
    assert out.remote_url == url
    props = st.posts[url]
    assert props["name"] == ["Port Saltmere freezes freight tariffs"]
    assert props["summary"] == ["The harbour board holds fees for a year."]
    assert set(props["category"]) == {"Shipping", "Tariffs", "Business"}
    assert props["uid"] == [f"urn:uuid:{article.uuid}"]
    assert len(st.media) == 2  # the featured image and the body image
    assert props["photo"][0]["alt"] == "Cranes at dawn"
    assert props["photo"][0]["value"] in st.media
    html = props["content"][0]["html"]
    assert "asset:" not in html
    assert any(media_url in html for media_url in st.media)


def test_republish_updates_and_images_go_up_once(ctx, article, micropub_server):
    _target(ctx, micropub_server.url)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    with ctx.session() as s:
        update_article(s, article.id, {"standfirst": "Fees held for twelve months."})
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done" and out.message.startswith("updated")
    st = micropub_server.httpd.state
    assert st.creates == 1 and len(st.posts) == 1 and len(st.media) == 2
    assert next(iter(st.posts.values()))["summary"] == ["Fees held for twelve months."]


def test_lost_create_answer_is_found_by_uid_not_duplicated(ctx, article, micropub_server):
    _target(ctx, micropub_server.url)
    st = micropub_server.httpd.state
    st.drop_create_answer = 1
    _publish(ctx, article.id)
    [first] = drain_outbox(ctx)
    assert first.status == "queued"  # a network error: will retry
    assert st.creates == 1
    with ctx.session() as s:
        publishing.retry_job(s, first.job_id)
    [second] = drain_outbox(ctx)
    assert second.status == "done"
    assert "found the post made by an earlier attempt" in second.message
    assert st.creates == 1 and len(st.posts) == 1


def test_post_edited_on_site_is_not_overwritten_without_force(ctx, article, micropub_server):
    _target(ctx, micropub_server.url)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    st = micropub_server.httpd.state
    url = next(iter(st.posts))
    st.posts[url]["name"] = ["Edited on the site"]
    st.posts[url]["updated"] = ["edited-by-a-person"]
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "New headline"})
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "failed"
    assert "edited on the site" in out.message and "--force" in out.message
    assert st.posts[url]["name"] == ["Edited on the site"]
    with ctx.session() as s:
        publishing.retry_job(s, out.job_id, force=True)
    [forced] = drain_outbox(ctx)
    assert forced.status == "done"
    assert st.posts[url]["name"] == ["New headline"]


def test_doctor_tells_wrong_token_and_missing_endpoint(ctx, micropub_server, webhook_server):
    _target(ctx, micropub_server.url, token="wrong-token")
    with ctx.session() as s:
        report = publishing.check_target(publishing.get_target(s, "blog"))
        publishing.add_target(s, "nosite", "micropub", webhook_server.url, secret="x")
    assert not report.ok
    assert [c.name for c in report.checks] == ["discovery", "token"]
    assert "HTTP 401" in report.checks[1].message
    with ctx.session() as s:
        report2 = publishing.check_target(publishing.get_target(s, "nosite"))
    assert not report2.ok and report2.checks[0].name == "discovery"


def test_unpublish_deletes(ctx, article, micropub_server):
    _target(ctx, micropub_server.url)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    with ctx.session() as s:
        publishing.queue_unpublish(s, article.id, "blog")
    [out] = drain_outbox(ctx)
    assert out.status == "done"
    assert micropub_server.httpd.state.posts == {}
