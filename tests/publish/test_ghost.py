"""The Ghost target against a Ghost-Admin-API-shaped HTTP server on 127.0.0.1.

This server is a STAND-IN: a real Ghost (npm ``ghost`` 6.x needs Node 22+, this machine and CI
have Node 20; 5.x builds sqlite3 from source) cannot be installed and started here within CI's
time. The stand-in checks what a real Ghost checks on our side of the wire: the JWT's HS256
signature with the key's secret, its ``kid``, ``aud`` /admin/ and a lifetime of at most five
minutes; ``?source=html``; and that an update carries the post's current ``updated_at``
(409 otherwise). Our client code is the real one, unmocked.
"""

from __future__ import annotations

import email.parser
import json
import time
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest

from conftest import Server, _Handler
from newsdesk.publish.ghost import admin_token
from newsdesk.publish.outbox import drain_outbox
from newsdesk.services import publishing
from newsdesk.services.articles import update_article

KEY_ID = "6489c5e2f0a1b2c3d4e5f607"
KEY_SECRET = "a1" * 32
ADMIN_KEY = f"{KEY_ID}:{KEY_SECRET}"


class GhostState:
    def __init__(self) -> None:
        self.posts: dict[str, dict] = {}
        self.images: list[str] = []
        self.tokens: list[dict] = []
        self.base = ""
        self.clock = 0


class GhostHandler(_Handler):
    def _auth(self) -> bool:
        header = self.headers.get("Authorization", "")
        try:
            assert header.startswith("Ghost ")
            token = header.removeprefix("Ghost ")
            head = jwt.get_unverified_header(token)
            assert head["kid"] == KEY_ID and head["alg"] == "HS256"
            claims = jwt.decode(token, bytes.fromhex(KEY_SECRET), algorithms=["HS256"],
                                audience="/admin/")  # fmt: skip
            assert claims["exp"] - claims["iat"] <= 300
        except (AssertionError, KeyError, jwt.PyJWTError):
            self.reply(401, {"errors": [{"type": "UnauthorizedError", "message": "Invalid token"}]})
            return False
        self.server.state.tokens.append(claims)  # type: ignore[attr-defined]
        return True

    def _stamp(self) -> str:
        st = self.server.state  # type: ignore[attr-defined]
        st.clock += 1
        return f"2030-01-01T00:00:{st.clock:02d}.000Z"

    def do_GET(self) -> None:
        st: GhostState = self.server.state  # type: ignore[attr-defined]
        parts = urlsplit(self.path)
        if parts.path == "/ghost/api/admin/site/":
            self.reply(200, {"site": {"title": "Stand-in", "version": "5.96"}})
            return
        if not self._auth():
            return
        if parts.path == "/ghost/api/admin/posts/":
            flt = parse_qs(parts.query).get("filter", [""])[0]
            posts = [p for p in st.posts.values() if not flt or f"slug:{p['slug']}" == flt]
            self.reply(200, {"posts": posts})
            return
        post_id = parts.path.rstrip("/").rsplit("/", 1)[-1]
        self.reply(200, {"posts": [st.posts[post_id]]})

    def do_POST(self) -> None:
        st: GhostState = self.server.state  # type: ignore[attr-defined]
        if not self._auth():
            return
        parts = urlsplit(self.path)
        raw = self.body()
        if parts.path == "/ghost/api/admin/images/upload/":
            msg = email.parser.BytesParser().parsebytes(
                b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + raw
            )
            name = next(p for p in msg.walk() if p.get_filename()).get_filename()
            url = f"{st.base}/content/images/{len(st.images)}-{name}"
            st.images.append(url)
            self.reply(201, {"images": [{"url": url}]})
            return
        assert parse_qs(parts.query).get("source") == ["html"]
        post = json.loads(raw)["posts"][0]
        post_id = f"{len(st.posts) + 1:024x}"
        post.update(id=post_id, updated_at=self._stamp(), url=f"{st.base}/{post['slug']}/")
        st.posts[post_id] = post
        self.reply(201, {"posts": [post]})

    def do_PUT(self) -> None:
        st: GhostState = self.server.state  # type: ignore[attr-defined]
        if not self._auth():
            return
        post_id = urlsplit(self.path).path.rstrip("/").rsplit("/", 1)[-1]
        changes = json.loads(self.body())["posts"][0]
        if changes.get("updated_at") != st.posts[post_id]["updated_at"]:
            self.reply(409, {"errors": [{"type": "UpdateCollisionError",
                                         "message": "Saving failed! Someone else is editing."}]})  # fmt: skip
            return
        st.posts[post_id].update(changes, updated_at=self._stamp())
        self.reply(200, {"posts": [st.posts[post_id]]})


@pytest.fixture
def ghost() -> Iterator[Server]:
    state = GhostState()
    server = Server(GhostHandler, state)
    state.base = server.url
    yield server
    server.stop()


def test_admin_token_claims():
    token = admin_token(ADMIN_KEY, now=1_700_000_000)
    assert jwt.get_unverified_header(token)["kid"] == KEY_ID
    claims = jwt.decode(
        token,
        bytes.fromhex(KEY_SECRET),
        algorithms=["HS256"],
        audience="/admin/",
        options={"verify_exp": False},
    )
    assert claims == {"iat": 1_700_000_000, "exp": 1_700_000_300, "aud": "/admin/"}


def test_publish_update_unpublish(ctx, article, ghost):
    with ctx.session() as s:
        publishing.add_target(s, "ghost", "ghost", ghost.url, secret=ADMIN_KEY)
        assert publishing.check_target(publishing.get_target(s, "ghost")).ok
        publishing.queue_publish(s, article.id, "ghost")
    [out] = drain_outbox(ctx)
    assert out.status == "done", out.message
    st = ghost.httpd.state
    [post] = st.posts.values()
    assert post["status"] == "published" and post["custom_excerpt"].startswith("The harbour")
    assert [t["name"] for t in post["tags"]] == ["Business", "Shipping", "Tariffs"]
    assert post["feature_image"] in st.images and post["feature_image_alt"] == "Cranes at dawn"
    assert "asset:" not in post["html"] and len(st.images) == 2
    assert all(c["aud"] == "/admin/" for c in st.tokens)
    assert all(abs(c["iat"] - time.time()) < 60 for c in st.tokens)

    with ctx.session() as s:
        update_article(s, article.id, {"headline": "Updated on Ghost"})
        publishing.queue_publish(s, article.id, "ghost")
    [again] = drain_outbox(ctx)
    assert again.status == "done" and len(st.posts) == 1
    assert post["title"] == "Updated on Ghost"

    with ctx.session() as s:
        publishing.queue_unpublish(s, article.id, "ghost")
    assert drain_outbox(ctx)[0].status == "done"
    assert post["status"] == "draft"


def test_wrong_key_is_refused(ctx, ghost):
    with ctx.session() as s:
        publishing.add_target(s, "ghost", "ghost", ghost.url, secret=f"{KEY_ID}:{'b2' * 32}")
        report = publishing.check_target(publishing.get_target(s, "ghost"))
    assert not report.ok and report.checks[-1].name == "key"
