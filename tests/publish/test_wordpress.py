"""The WordPress target against a real WordPress on 127.0.0.1 (scripts/wordpress/start.sh:
Debian's wordpress + MariaDB + php -S). A small forwarding proxy on 127.0.0.1 stands between
for the cases a real network produces: an answer lost after the post was made, and a host that
strips the Authorization header."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx
import pytest

from conftest import Server, full_article, wp_script
from newsdesk.core.articles import update_article
from newsdesk.publish.base import MediaFile
from newsdesk.publish.wordpress import captioned_images
from newsdesk.services import publishing
from newsdesk.services.outbox import drain_outbox
from newsdesk.storage.types import utcnow

pytestmark = pytest.mark.wordpress


def _user(wp: dict[str, Any], name: str) -> tuple[str, str]:
    user = wp["users"][name]
    return user["username"], user["application_password"]


def _add(ctx, wp, name="wp", user="editor", url=None, password=None):
    username, app_password = _user(wp, user)
    with ctx.session() as s:
        return publishing.add_target(
            s, name, "wordpress", url or wp["base_url"], username, password or app_password
        )


def _api(wp: dict[str, Any], route: str, **params: Any) -> Any:
    params = {k: ",".join(map(str, v)) if isinstance(v, list) else v for k, v in params.items()}
    response = httpx.get(
        f"{wp['base_url']}/wp-json/wp/v2/{route}",
        params={"context": "edit", **params},
        auth=_user(wp, "editor"),
        timeout=30,
    )
    response.raise_for_status()
    return response.json()


def _ours(wp: dict[str, Any], uuid: str) -> list[dict[str, Any]]:
    found = _api(wp, "posts", search=uuid, status="publish,future,draft,pending,private")
    return [p for p in found if f"newsdesk:{uuid}" in p["content"]["raw"]]


def _wait_past(modified_gmt: str) -> None:
    """Until the clock has left the post's modified second: WordPress keeps whole seconds, so
    an edit made within it would look like no edit (WordPress runs on this machine's clock)."""
    after = datetime.fromisoformat(modified_gmt).replace(tzinfo=UTC) + timedelta(seconds=1)
    while datetime.now(UTC) < after:
        time.sleep(0.02)


def _publish(ctx, article_id, target="wp", **kw):
    with ctx.session() as s:
        return publishing.queue_publish(s, article_id, target, **kw).id


def test_publish_maps_everything_and_republish_updates(ctx, article, wp):
    _add(ctx, wp)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    [post] = _ours(wp, article.uuid)
    assert post["status"] == "publish"
    assert post["title"]["raw"] == "Port Saltmere freezes freight tariffs"
    assert post["excerpt"]["raw"] == "The harbour board holds fees for a year."
    assert post["slug"] == article.slug
    assert out.remote_url == post["link"]
    content = post["content"]["raw"]
    assert 'class="dateline">PORT SALTMERE, Westmarch –' in content
    assert "asset:" not in content and "/wp-content/uploads/" in content
    cats = {c["name"] for c in _api(wp, "categories", include=post["categories"])}
    assert cats == {"Business"}
    tags = {t["name"] for t in _api(wp, "tags", include=post["tags"])}
    assert tags == {"Shipping", "Tariffs"}
    media = _api(wp, f"media/{post['featured_media']}")
    assert media["alt_text"] == "Cranes at dawn"
    assert "The container terminal" in media["caption"]["raw"]

    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Tariffs frozen", "tags": ["Shipping", "Ports"]})
    _publish(ctx, article.id)
    [again] = drain_outbox(ctx)
    assert again.status == "done" and again.message.startswith("updated")
    [post2] = _ours(wp, article.uuid)
    assert post2["id"] == post["id"]
    assert post2["title"]["raw"] == "Tariffs frozen"
    assert {t["name"] for t in _api(wp, "tags", include=post2["tags"])} == {"Shipping", "Ports"}
    # the featured image was not uploaded a second time
    assert post2["featured_media"] == post["featured_media"]


def test_schedule_then_unpublish(ctx, article, wp):
    _add(ctx, wp)
    when = (utcnow() + timedelta(days=3)).replace(microsecond=0)
    with ctx.session() as s:
        update_article(s, article.id, {"scheduled_at": when, "status": "scheduled",
                                       "published_at": None})  # fmt: skip
    _publish(ctx, article.id, status="future")
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    [post] = _ours(wp, article.uuid)
    assert post["status"] == "future"
    assert post["date_gmt"] == when.strftime("%Y-%m-%dT%H:%M:%S")

    with ctx.session() as s:
        publishing.queue_unpublish(s, article.id, "wp")
    [gone] = drain_outbox(ctx)
    assert gone.status == "done"
    [post] = _ours(wp, article.uuid)
    assert post["status"] == "draft"


class _Proxy(BaseHTTPRequestHandler):
    """Forwards to WordPress; can strip the Authorization header or lose one create answer."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _forward(self) -> None:
        st = self.server.state  # type: ignore[attr-defined]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection")}
        if st["strip_auth"]:
            headers.pop("Authorization", None)
        upstream = httpx.request(self.command, st["upstream"] + self.path, headers=headers,
                                 content=body, timeout=60)  # fmt: skip
        creating = self.command == "POST" and self.path.rstrip("/").endswith("/wp/v2/posts")
        if creating and st["drop_creates"] > 0:
            st["drop_creates"] -= 1
            self.close_connection = True
            self.connection.shutdown(2)  # WordPress made the post; the answer never arrives
            return
        self.send_response(upstream.status_code)
        for key, value in upstream.headers.items():
            if key.lower() not in ("transfer-encoding", "connection", "content-encoding",
                                   "content-length"):  # fmt: skip
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(upstream.content)))
        self.end_headers()
        self.wfile.write(upstream.content)

    do_GET = do_POST = do_PUT = do_DELETE = _forward


@pytest.fixture(scope="module", autouse=True)
def empty_site(wp: dict[str, Any]) -> None:
    """This module's tests count posts, media and slugs: they start from an empty site, whatever
    the publishing tests before them left there (in the full run they reuse headlines)."""
    done = wp_script("reset.sh")
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.fixture
def proxy(wp) -> Iterator[Server]:
    server = Server(_Proxy, {"upstream": wp["base_url"], "strip_auth": False, "drop_creates": 0})
    yield server
    server.stop()


def test_lost_answer_to_create_does_not_duplicate(ctx, article, wp, proxy):
    _add(ctx, wp, url=proxy.url)
    proxy.httpd.state["drop_creates"] = 1
    _publish(ctx, article.id)
    now = utcnow()
    [first] = drain_outbox(ctx, now)
    assert first.status == "queued"  # the answer was lost: a network error, retried later
    assert len(_ours(wp, article.uuid)) == 1  # …but WordPress did make the post
    [second] = drain_outbox(ctx, now + timedelta(minutes=1))
    assert second.status == "done"
    assert "found the post made by an earlier attempt" in second.message
    assert len(_ours(wp, article.uuid)) == 1


def test_post_edited_on_site_needs_force(ctx, article, wp):
    _add(ctx, wp)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    [post] = _ours(wp, article.uuid)
    _wait_past(post["modified_gmt"])
    httpx.post(f"{wp['base_url']}/wp-json/wp/v2/posts/{post['id']}", auth=_user(wp, "editor"),
               json={"title": "Edited in wp-admin"}, timeout=30).raise_for_status()  # fmt: skip
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Ours again"})
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "failed" and "edited on the site" in out.message
    assert _ours(wp, article.uuid)[0]["title"]["raw"] == "Edited in wp-admin"
    _publish(ctx, article.id, force=True)
    [forced] = drain_outbox(ctx)
    assert forced.status == "done"
    assert _ours(wp, article.uuid)[0]["title"]["raw"] == "Ours again"


def test_doctor_tells_the_failures_apart(ctx, wp, proxy, webhook_server):
    _add(ctx, wp, "good")
    _add(ctx, wp, "subscriber", user="reader")
    _add(ctx, wp, "badpass", password="abcd efgh ijkl mnop qrst uvwx")
    _add(ctx, wp, "stripped", url=proxy.url)
    _add(ctx, wp, "nothing", url="http://127.0.0.1:9")
    _add(ctx, wp, "notwp", url=webhook_server.url)
    _add(ctx, wp, "author", user="writer")
    proxy.httpd.state["strip_auth"] = True

    def doctor(name: str) -> Any:
        with ctx.session() as s:
            return publishing.check_target(publishing.get_target(s, name))

    good = doctor("good")
    assert good.ok, good.lines()
    assert [c.name for c in good.checks] == [
        "address", "application passwords", "login", "role", "authors",
    ]  # fmt: skip

    sub = doctor("subscriber")
    assert not sub.ok and sub.checks[-1].name == "role"
    assert "subscriber" in sub.checks[-1].detail and "Author" in sub.checks[-1].advice

    author = doctor("author")
    role = next(c for c in author.checks if c.name == "role")
    assert author.ok and "cannot create new categories" in role.detail

    bad = doctor("badpass")
    assert not bad.ok and bad.checks[-1].name == "login"
    assert "application password" in bad.checks[-1].advice

    stripped = doctor("stripped")
    assert not stripped.ok and "Authorization header" in stripped.checks[-1].advice

    nothing = doctor("nothing")
    assert nothing.checks[0].name == "address" and "connection refused" in nothing.checks[0].detail

    notwp = doctor("notwp")
    assert notwp.checks[0].name == "rest api"


def test_outbox_waits_while_wordpress_is_down_and_publishes_once(ctx, article, wp):
    _add(ctx, wp)
    stopped = wp_script("stop.sh")
    assert stopped.returncode == 0, stopped.stderr
    try:
        _publish(ctx, article.id)
        now = utcnow()
        [out] = drain_outbox(ctx, now)
        assert out.status == "queued" and "connection refused" in out.message
        assert drain_outbox(ctx, now + timedelta(seconds=5)) == []  # waiting for its backoff
    finally:
        started = wp_script("start.sh")
        assert started.returncode == 0, started.stderr
    outcomes = drain_outbox(ctx, now + timedelta(minutes=2))
    assert [o.status for o in outcomes] == ["done"]
    assert drain_outbox(ctx, now + timedelta(hours=2)) == []
    assert len(_ours(wp, article.uuid)) == 1


def test_no_secret_in_library_or_log_after_publishing(ctx, article, wp, proxy):
    _add(ctx, wp)
    _add(ctx, wp, "bad", password="wxyz wxyz wxyz wxyz wxyz wxyz")
    _publish(ctx, article.id)
    _publish(ctx, article.id, target="bad")
    outcomes = drain_outbox(ctx)
    assert sorted(o.status for o in outcomes) == ["done", "failed"]
    secrets = [_user(wp, "editor")[1], "wxyz wxyz wxyz wxyz wxyz wxyz"]
    db = ctx.paths.db_path
    files = [p for p in db.parent.iterdir() if p.name.startswith(db.name)]
    with ctx.session() as s:
        log = "\n".join(e.message for e in publishing.publish_log(s))
    for secret in secrets:
        for form in (secret, secret.replace(" ", "")):
            for path in files:
                assert form.encode() not in path.read_bytes(), path
            assert form not in log
            assert all(form not in o.message for o in outcomes)


def test_full_article_reads_back_with_its_extras(ctx, wp):
    article = full_article(ctx, pinned=True)
    _add(ctx, wp)
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    assert out.message.startswith("published as published at ")
    [post] = _ours(wp, article.uuid)
    assert post["title"]["raw"] == article.headline and post["sticky"] is True
    assert post["excerpt"]["raw"] == "The harbour board holds fees for a year."
    content = post["content"]["raw"]
    assert "Ada Lovelace" in content and "Grace Hopper" in content  # two names: in the text
    assert 'class="dateline">PORT SALTMERE, Westmarch –' in content
    assert content.count("<h2") == 2 and "<blockquote>" in content and content.count("<li>") == 2
    assert '<a href="https://example.org/minutes"' in content
    assert 'alt="Wheat trial plots by the port"' in content and "asset:" not in content
    # The inline image's caption and credit are in the post, under the picture.
    rendered = post["content"]["rendered"]
    figure = rendered[rendered.index('<figure class="wp-block-image">') :]
    assert 'alt="Wheat trial plots by the port"' in figure[: figure.index("</figure>")]
    assert (
        '<figcaption class="wp-element-caption">Trial plots on the quay. Photo: Jon Ashby'
        "</figcaption></figure>"
    ) in figure
    assert {c["name"] for c in _api(wp, "categories", include=post["categories"])} == {"Business"}
    tags = {t["name"] for t in _api(wp, "tags", include=post["tags"])}
    assert tags == {"Shipping", "Tariffs", article.tags[2]}
    hero = _api(wp, f"media/{post['featured_media']}")
    assert hero["alt_text"] == "Cranes at dawn"
    assert hero["caption"]["raw"] == "The container terminal. Photo: Mira Santos"
    assert hero["post"] == post["id"]  # uploads are attached to their post
    assert "no meta description field" in " ".join(out.warnings)

    # The same images for a second article are reused from the site, not uploaded again.
    other = full_article(ctx)
    _publish(ctx, other.id)
    [again] = drain_outbox(ctx)
    assert again.status == "done", again.message
    [second] = _ours(wp, other.uuid)
    assert second["featured_media"] == post["featured_media"]


def test_a_tag_only_edit_on_the_site_needs_force(ctx, wp):
    article = full_article(ctx)
    _add(ctx, wp)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    [post] = _ours(wp, article.uuid)
    extra = httpx.post(f"{wp['base_url']}/wp-json/wp/v2/tags", auth=_user(wp, "editor"),
                       json={"name": f"Edited {article.slug}"}, timeout=30).json()  # fmt: skip
    httpx.post(f"{wp['base_url']}/wp-json/wp/v2/posts/{post['id']}", auth=_user(wp, "editor"),
               json={"tags": [*post["tags"], extra["id"]]}, timeout=30).raise_for_status()  # fmt: skip
    with ctx.session() as s:
        update_article(s, article.id, {"standfirst": "Ours again"})
    _publish(ctx, article.id)
    [out] = drain_outbox(ctx)
    assert out.status == "failed" and "edited on the site" in out.message
    _publish(ctx, article.id, force=True)
    [forced] = drain_outbox(ctx)
    assert forced.status == "done", forced.message
    [post] = _ours(wp, article.uuid)
    assert extra["id"] not in post["tags"] and post["excerpt"]["raw"] == "Ours again"


def test_unpublish_then_publish_again_and_the_bin(ctx, wp):
    article = full_article(ctx)
    _add(ctx, wp)
    _publish(ctx, article.id)
    drain_outbox(ctx)
    with ctx.session() as s:
        publishing.queue_unpublish(s, article.id, "wp")
    assert drain_outbox(ctx)[0].status == "done"
    assert _ours(wp, article.uuid)[0]["status"] == "draft"
    _publish(ctx, article.id)
    [back] = drain_outbox(ctx)
    assert back.status == "done" and _ours(wp, article.uuid)[0]["status"] == "publish"
    [post] = _ours(wp, article.uuid)
    httpx.delete(f"{wp['base_url']}/wp-json/wp/v2/posts/{post['id']}", auth=_user(wp, "editor"),
                 params={"force": "true"}, timeout=30).raise_for_status()  # fmt: skip
    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Made anew"})
    _publish(ctx, article.id)
    [refused] = drain_outbox(ctx)
    assert refused.status == "failed" and "--recreate" in refused.message
    _publish(ctx, article.id, recreate=True)
    [made] = drain_outbox(ctx)
    assert made.status == "done", made.message
    assert [p["title"]["raw"] for p in _ours(wp, article.uuid)] == ["Made anew"]


def test_status_printed_is_what_wordpress_did(ctx, wp):
    later = (utcnow() + timedelta(days=7)).replace(microsecond=0)
    dated = full_article(ctx, published_at=later)
    review = full_article(ctx)
    _add(ctx, wp)
    _publish(ctx, dated.id, status="publish")
    _publish(ctx, review.id, status="pending")
    scheduled, pending = drain_outbox(ctx)
    assert scheduled.message.startswith("published as scheduled; newsdesk asked for published")
    assert _ours(wp, dated.uuid)[0]["status"] == "future"
    assert pending.message.startswith("published as pending review")
    assert _ours(wp, review.uuid)[0]["status"] == "pending"


def test_section_is_chosen_from_the_category_tree(ctx, wp):
    import uuid

    token = uuid.uuid4().hex[:6]
    auth = _user(wp, "editor")
    api = f"{wp['base_url']}/wp-json/wp/v2/categories"
    world = httpx.post(api, auth=auth, json={"name": f"World {token}"}, timeout=30).json()
    top = httpx.post(api, auth=auth, json={"name": f"Europe {token}"}, timeout=30).json()
    child = httpx.post(api, auth=auth, json={"name": f"Europe {token}", "parent": world["id"]},
                       timeout=30).json()  # fmt: skip
    plain = full_article(ctx, section=f"Europe {token}")
    nested = full_article(ctx, section=f"World {token} › Europe {token}")
    new = full_article(ctx, section=f"Brand new {token}")
    _add(ctx, wp)
    _add(ctx, wp, "author", user="writer")  # an Author may not create categories
    for article, target in ((plain, "wp"), (nested, "wp"), (new, "author")):
        _publish(ctx, article.id, target=target)
    *_sent, third = drain_outbox(ctx)
    assert _ours(wp, plain.uuid)[0]["categories"] == [top["id"]]  # the one nearest the top
    assert _ours(wp, nested.uuid)[0]["categories"] == [child["id"]]  # the branch it names
    assert third.status == "failed"
    assert f"category 'Brand new {token}' does not exist" in third.message
    assert "target terms author" in third.message


def test_the_featured_picture_in_the_body_carries_its_caption_and_credit():
    """No server needed: how the post body words an image that is also the featured one."""
    sha = "a" * 64
    hero = MediaFile(sha256=sha, filename="h.jpg", media_type="image/jpeg", data=b"",
                     alt="Cranes", caption="Cranes & gulls", credit="Mira Santos")  # fmt: skip
    body = f'<p><img alt="Cranes" src="asset:{sha}"></p>\n<p>Text</p>'
    assert captioned_images(body, hero) == (
        f'<figure class="wp-block-image"><img alt="Cranes" src="asset:{sha}">'
        '<figcaption class="wp-element-caption">Cranes &amp; gulls. Photo: Mira Santos'
        "</figcaption></figure>\n<p>Text</p>"
    )
    plain = f'<p><img alt="Plots" src="asset:{"b" * 64}"></p>'
    assert captioned_images(plain, hero) == plain  # no words: left as it was
