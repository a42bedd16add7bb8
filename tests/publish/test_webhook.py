"""The webhook target against a real HTTP receiver on 127.0.0.1 that checks the HMAC signature."""

from __future__ import annotations

from datetime import timedelta

from conftest import WEBHOOK_SECRET
from newsdesk.core.articles import update_article
from newsdesk.services import publishing
from newsdesk.services.outbox import drain_outbox
from newsdesk.storage.types import utcnow


def _target(ctx, url, secret=WEBHOOK_SECRET):
    with ctx.session() as s:
        publishing.add_target(s, "hook", "webhook", url, secret=secret)


def _publish(ctx, article_id, **kw):
    with ctx.session() as s:
        job = publishing.queue_publish(s, article_id, "hook", **kw)
    return job.id


def test_publish_sends_signed_ninjs_and_republish_updates_same_item(ctx, article, webhook_server):
    _target(ctx, webhook_server.url + "/hook")
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    st = webhook_server.httpd.state
    item = st.items[f"urn:uuid:{article.uuid}"]
    assert item["standard"]["version"] == "2.1"
    assert item["headlines"][0]["value"] == "Port Saltmere freezes freight tariffs"
    assert item["descriptions"][0]["value"].startswith("The harbour board")
    body = item["bodies"][0]["value"]
    assert 'class="dateline">PORT SALTMERE, Westmarch –' in body
    assert "asset:" not in body and "data:image/jpeg;base64," in body
    assert {s["name"] for s in item["subjects"]} == {"Shipping", "Tariffs", "Business"}
    assert item["by"] == "Ada Lovelace"
    assoc = item["associations"][0]
    assert assoc["descriptions"][0]["value"] == "Cranes at dawn"
    assert assoc["headlines"][0]["value"] == "The container terminal"
    assert out.remote_url == f"https://news.example/{article.slug}"

    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Port Saltmere freezes tariffs again"})
    _publish(ctx, article.id)
    [again] = drain_outbox(ctx)
    assert again.status == "done"
    assert len(st.items) == 1
    assert st.items[f"urn:uuid:{article.uuid}"]["headlines"][0]["value"].endswith("again")
    assert [e for e, _ in st.events] == ["publish", "update"]


def test_unchanged_article_is_not_sent_twice(ctx, article, webhook_server):
    _target(ctx, webhook_server.url)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert "up to date" in out.message
    assert len(webhook_server.httpd.state.events) == 1


def test_5xx_is_retried_with_backoff_then_delivered_once(ctx, article, webhook_server):
    _target(ctx, webhook_server.url)
    webhook_server.httpd.state.fail_next = 2
    _publish(ctx, article.id)
    now = utcnow()
    [first] = drain_outbox(ctx, now)
    assert first.status == "queued" and "HTTP 503" in first.message
    assert first.next_attempt_at == now + timedelta(seconds=30)
    assert drain_outbox(ctx, now + timedelta(seconds=10)) == []  # not due yet
    [second] = drain_outbox(ctx, now + timedelta(seconds=31))
    assert second.status == "queued"
    assert second.next_attempt_at == now + timedelta(seconds=31 + 60)
    [third] = drain_outbox(ctx, now + timedelta(seconds=100))
    assert third.status == "done"
    assert len(webhook_server.httpd.state.items) == 1
    with ctx.session() as s:
        [job] = publishing.list_jobs(s, statuses=["done"])
        assert job.attempts == 2
        log = [entry.message for entry in publishing.publish_log(s, article.id)]
    assert any("attempt 1 failed, will retry" in m for m in log)


def test_wrong_secret_fails_with_a_clear_message_and_no_retry(ctx, article, webhook_server):
    _target(ctx, webhook_server.url, secret="not-the-right-secret")
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "failed"
    assert "refused the credentials (HTTP 401)" in out.message
    assert "not-the-right-secret" not in out.message


def test_unpublish_sends_canceled(ctx, article, webhook_server):
    _target(ctx, webhook_server.url)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    with ctx.session() as s:
        publishing.queue_unpublish(s, article.id, "hook")
    [out] = drain_outbox(ctx)
    assert out.status == "done"
    assert webhook_server.httpd.state.items[f"urn:uuid:{article.uuid}"]["pubstatus"] == "canceled"
    with ctx.session() as s:
        [state] = publishing.article_state(s, article.id)
    assert state.remote_status == "unpublished"


def test_doctor_pings_with_signature(ctx, webhook_server):
    _target(ctx, webhook_server.url)
    with ctx.session() as s:
        config = publishing.get_target(s, "hook")
    report = publishing.check_target(config)
    assert report.ok, report.lines()
    assert webhook_server.httpd.state.events == [("ping", "urn:newsdesk:ping")]


def test_unreachable_endpoint_waits_in_outbox(ctx, article, webhook_server):
    url = webhook_server.url
    webhook_server.stop()
    _target(ctx, url)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "queued"
    assert "connection refused" in out.message


def test_readme_receiver_accepts_fresh_requests_and_refuses_replays(ctx, article, webhook_server):
    """The receiver example in README.md (which checks every request in these tests) accepts
    what newsdesk sends, and refuses it replayed later or tampered with."""
    import hashlib
    import hmac
    import time

    from conftest import readme_receiver

    verify = readme_receiver()
    _target(ctx, webhook_server.url)
    _publish(ctx, article.id)
    assert drain_outbox(ctx)[0].status == "done"
    st = webhook_server.httpd.state
    raw, headers = st.raw[-1], st.headers[-1]
    stamp = headers["X-Newsdesk-Timestamp"]
    assert abs(int(stamp) - time.time()) < 60
    assert verify(WEBHOOK_SECRET, headers, raw)
    assert not verify(WEBHOOK_SECRET, headers, raw.replace(b"Port", b"Fort"))
    assert not verify("another-secret", headers, raw)
    old = str(int(time.time()) - 600)  # a captured request, sent again ten minutes later
    mac = hmac.new(WEBHOOK_SECRET.encode(), old.encode() + b"." + raw, hashlib.sha256)
    replay = {**headers, "X-Newsdesk-Timestamp": old,
              "X-Newsdesk-Signature": "sha256=" + mac.hexdigest()}  # fmt: skip
    assert not verify(WEBHOOK_SECRET, replay, raw)
    assert verify(WEBHOOK_SECRET, replay, raw, tolerance=900)  # the window is what refused it


def test_a_rotated_secret_is_used_at_once(ctx, article, webhook_server):
    _target(ctx, webhook_server.url, secret="the-old-secret")
    _publish(ctx, article.id)
    assert drain_outbox(ctx)[0].status == "failed"
    with ctx.session() as s:
        publishing.set_secret(s, "hook", WEBHOOK_SECRET)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    with ctx.session() as s:
        assert publishing.list_jobs(s, statuses=["failed"]) == []  # superseded
