"""Fixtures for the publishing tests: a keyring in a temporary folder, an article with images,
real HTTP servers on 127.0.0.1 (a webhook receiver and a Micropub site) and the real WordPress
of scripts/wordpress/start.sh."""

from __future__ import annotations

import email.parser
import hashlib
import hmac
import json
import os
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "resources" / "sample" / "articles" / "images"
SCRIPTS = REPO / "scripts" / "wordpress"
WP_DIR = Path(os.environ.get("NEWSDESK_WP_DIR", "/tmp/newsdesk-wp"))
WEBHOOK_SECRET = "whsec-Zq8YH2pL5nV0-unique-webhook-secret"
MICROPUB_TOKEN = "mp-token-8KkR3vQe1s-unique-micropub-token"


@pytest.fixture(autouse=True)
def temp_keyring(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A file keyring in a temporary folder, for this process and the CLI subprocesses."""
    data_home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    previous = keyring.get_keyring()
    kr = PlaintextKeyring()
    kr.file_path = str(data_home / "python_keyring" / "keyring_pass.cfg")
    keyring.set_keyring(kr)
    yield data_home
    keyring.set_keyring(previous)


def wp_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run one of scripts/wordpress/*.sh (start, stop, reset)."""
    return subprocess.run(
        ["bash", str(SCRIPTS / name), *args], capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="session")
def wp() -> dict[str, Any]:
    """A running WordPress with empty content; skipped only if it cannot start here."""
    done = wp_script("start.sh", "--reset")
    if done.returncode != 0 or "WORDPRESS_READY" not in done.stdout:
        if os.environ.get("CI"):
            pytest.fail(f"WordPress did not start:\n{done.stderr[-2000:]}")
        pytest.skip(f"WordPress cannot start here: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads((WP_DIR / "credentials.json").read_text())  # type: ignore[no-any-return]


@pytest.fixture
def article(ctx: Any) -> Any:
    """An article with section, tags, byline, dateline, a featured image and a body image."""
    from newsdesk.services.articles import ArticleRecord, create_article
    from newsdesk.services.assets import add_asset_file

    with ctx.session() as s:
        hero = add_asset_file(s, IMAGES / "port-saltmere-cranes.jpg")
        inline = add_asset_file(s, IMAGES / "wheat-trial-plots.jpg")
        rec = create_article(
            s,
            ArticleRecord(
                headline="Port Saltmere freezes freight tariffs",
                standfirst="The harbour board holds fees for a year.",
                body=(
                    "The board voted 7–2 on Tuesday.\n\n"
                    f"![Trial plots](asset:{inline.sha256})\n\nMore follows."
                ),
                section="Business",
                tags=["Shipping", "Tariffs"],
                byline=["Ada Lovelace"],
                dateline="Port Saltmere, Westmarch",
                status="published",
                image_sha256=hero.sha256,
                image_alt="Cranes at dawn",
                image_caption="The container terminal",
                image_credit="Newsdesk",
            ),
        )
    return rec


class Server:
    """A real HTTP server on 127.0.0.1 in a thread; ``handler`` gets ``server.state``."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], state: Any) -> None:
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.state = state  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    @property
    def state(self) -> Any:
        return self.server.state  # type: ignore[attr-defined]

    def body(self) -> bytes:
        return self.rfile.read(int(self.headers.get("Content-Length") or 0))

    def reply(self, status: int, data: Any = None, headers: dict[str, str] | None = None) -> None:
        blob = b"" if data is None else json.dumps(data).encode()
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if data is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(blob)))
        self.end_headers()
        self.wfile.write(blob)


# ------------------------------------------------------------------ webhook


class WebhookState:
    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.events: list[tuple[str, str]] = []
        self.fail_next = 0  # answer 503 this many times
        self.raw: list[bytes] = []
        self.headers: list[dict[str, str]] = []


class WebhookHandler(_Handler):
    def do_POST(self) -> None:
        st: WebhookState = self.state
        raw = self.body()
        st.raw.append(raw)
        st.headers.append(dict(self.headers))
        if st.fail_next > 0:
            st.fail_next -= 1
            self.reply(503, {"error": "busy"})
            return
        expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), raw, hashlib.sha256).hexdigest()
        if not hmac.compare_digest(expected, self.headers.get("X-Newsdesk-Signature", "")):
            self.reply(401, {"error": "bad signature"})
            return
        item = json.loads(raw)
        event = self.headers.get("X-Newsdesk-Event", "")
        st.events.append((event, item["uri"]))
        if event == "ping":
            self.reply(200, {"ok": True})
            return
        if event == "unpublish":
            st.items[item["uri"]]["pubstatus"] = "canceled"
        else:
            st.items[item["uri"]] = item
        self.reply(200, {"url": f"https://news.example/{item.get('slugline', '')}"})


@pytest.fixture
def webhook_server() -> Iterator[Server]:
    server = Server(WebhookHandler, WebhookState())
    yield server
    server.stop()


# ----------------------------------------------------------------- micropub


class MicropubState:
    def __init__(self) -> None:
        self.posts: dict[str, dict[str, Any]] = {}  # url → properties
        self.media: dict[str, bytes] = {}
        self.creates = 0
        self.base = ""
        self.drop_create_answer = 0  # create the post, then break the connection


class MicropubHandler(_Handler):
    def _authorized(self) -> bool:
        if self.headers.get("Authorization") != f"Bearer {MICROPUB_TOKEN}":
            self.reply(401, {"error": "unauthorized", "error_description": "bad token"})
            return False
        return True

    def do_GET(self) -> None:
        st: MicropubState = self.state
        parts = urlsplit(self.path)
        if parts.path == "/":
            html = (
                b'<!doctype html><html><head><link rel="micropub" href="/micropub">'
                b"</head><body>A site</body></html>"
            )
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)
            return
        if parts.path != "/micropub":
            self.reply(404, {"error": "not found"})
            return
        if not self._authorized():
            return
        query = parse_qs(parts.query)
        q = query.get("q", [""])[0]
        if q == "config":
            self.reply(200, {"media-endpoint": f"{st.base}/media"})
        elif q == "source" and "url" in query:
            props = st.posts.get(query["url"][0])
            self.reply(200 if props else 400, {"properties": props} if props else {"error": "x"})
        elif q == "source":
            items = [
                {"type": ["h-entry"], "properties": {**p, "url": [u]}} for u, p in st.posts.items()
            ]
            self.reply(200, {"items": items})
        else:
            self.reply(400, {"error": "invalid_request"})

    def do_POST(self) -> None:
        st: MicropubState = self.state
        if not self._authorized():
            return
        raw = self.body()
        if self.path == "/media":
            msg = email.parser.BytesParser().parsebytes(
                b"Content-Type: " + self.headers["Content-Type"].encode() + b"\r\n\r\n" + raw
            )
            part = next(p for p in msg.walk() if p.get_filename())
            data = part.get_payload(decode=True)
            url = f"{st.base}/media/{hashlib.sha256(data).hexdigest()[:12]}.jpg"
            st.media[url] = data
            self.reply(201, headers={"Location": url})
            return
        body = json.loads(raw)
        action = body.get("action")
        if action == "update":
            st.posts[body["url"]].update(body["replace"])
            st.posts[body["url"]]["updated"] = [f"rev-{len(st.posts) + st.creates}-{id(body)}"]
            self.reply(204)
        elif action == "delete":
            st.posts.pop(body["url"], None)
            self.reply(204)
        else:
            st.creates += 1
            url = f"{st.base}/posts/{body['properties']['mp-slug'][0]}"
            st.posts[url] = {**body["properties"], "updated": [f"rev-{st.creates}"]}
            if st.drop_create_answer > 0:
                st.drop_create_answer -= 1
                self.close_connection = True
                self.connection.shutdown(2)  # the post exists, the answer is lost
                return
            self.reply(201, headers={"Location": url})


@pytest.fixture
def micropub_server() -> Iterator[Server]:
    state = MicropubState()
    server = Server(MicropubHandler, state)
    state.base = server.url
    yield server
    server.stop()
