"""Fixtures for the publishing tests: a keyring in a temporary folder, articles with images,
real HTTP servers on 127.0.0.1 (a webhook receiver; a small Micropub site for what the real one
cannot show), the real WordPress of scripts/wordpress/start.sh, and the real Ghost and Micropub
(django-indieweb) servers of the shared peers folder (started by scripts/test.sh)."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import threading
import uuid as uuidlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "src" / "newsdesk" / "resources" / "sample" / "articles" / "images"
SCRIPTS = REPO / "scripts" / "wordpress"
WP_DIR = Path(os.environ.get("NEWSDESK_WP_DIR", "/tmp/newsdesk-wp"))
WEBHOOK_SECRET = "whsec-Zq8YH2pL5nV0-unique-webhook-secret"


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


# ------------------------------------------------------------------ peers


def peers_dir() -> Path | None:
    """The shared peers folder: $NEWSDESK_PEERS_DIR, else <repo>/../shared/peers, else
    /work/shared/peers (CI runs from a clone elsewhere)."""
    for candidate in (
        os.environ.get("NEWSDESK_PEERS_DIR"),
        str(REPO.parent / "shared" / "peers"),
        "/work/shared/peers",
    ):
        if candidate and (Path(candidate) / "README.md").exists():
            return Path(candidate)
    return None


def peer_env(name: str) -> dict[str, str]:
    """The KEY='value' lines a peer's start.sh wrote (shell syntax, comments allowed)."""
    state = Path(os.environ.get("PEERS_STATE_DIR", "/tmp/newsdesk-peers"))
    path = state / name / "env"
    out: dict[str, str] = {}
    if not path.exists():
        return out
    for line in path.read_text(encoding="utf-8").splitlines():
        found = re.match(r"^([A-Z_][A-Z0-9_]*)=(.*)$", line.strip())
        if found:
            words = shlex.split(found.group(2), comments=True)
            out[found.group(1)] = words[0] if words else ""
    return out


def _answers(url: str) -> bool:
    import httpx

    try:
        httpx.get(url, timeout=5)
    except httpx.HTTPError:
        return False
    return True


def _peer(name: str, url_key: str) -> dict[str, str]:
    """A running peer's credentials: skipped loudly when there is no peers folder; when it
    exists but the server cannot start, a failure under CI (a skip elsewhere)."""
    folder = peers_dir()
    if folder is None:
        pytest.skip(
            f"NO PEERS FOLDER (set NEWSDESK_PEERS_DIR, or put shared/peers beside the repo): "
            f"the tests against the real {name} server do not run"
        )
    env = peer_env(name)
    if not env.get(url_key) or not _answers(env[url_key]):
        done = subprocess.run(["bash", str(folder / name / "start.sh")], capture_output=True,
                              text=True, timeout=1200)  # fmt: skip
        env = peer_env(name)
        if done.returncode != 0 or not env.get(url_key):
            message = f"the {name} peer did not start:\n{done.stderr[-2000:]}"
            if os.environ.get("CI"):
                pytest.fail(message)
            pytest.skip(message)
    return env


@pytest.fixture(scope="session")
def micropub_peer() -> dict[str, str]:
    """django-indieweb (PyPI) under gunicorn: MICROPUB_BASE_URL, MICROPUB_TOKEN, …"""
    return _peer("micropub", "MICROPUB_BASE_URL")


@pytest.fixture(scope="session")
def ghost_peer() -> dict[str, str]:
    """npm Ghost 5: GHOST_URL, GHOST_ADMIN_API_KEY, GHOST_OWNER_EMAIL, …"""
    return _peer("ghost", "GHOST_URL")


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
    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.core.assets import add_asset_file

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


def full_article(ctx: Any, **changes: Any) -> Any:
    """An article with everything a newsroom sends: headline, standfirst, two bylines, dateline,
    section, three tags, a body with subheads, a quote, a list, a link and an inline image, and
    a featured image with alt, caption and credit. Its slug is unique, so the shared servers
    (never emptied between runs) hold one post per test."""
    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.core.assets import add_asset_file

    token = uuidlib.uuid4().hex[:8]
    with ctx.session() as s:
        hero = add_asset_file(s, IMAGES / "port-saltmere-cranes.jpg")
        inline = add_asset_file(s, IMAGES / "wheat-trial-plots.jpg")
        values: dict[str, Any] = dict(
            headline="Port Saltmere freezes freight tariffs",
            slug=f"port-saltmere-tariffs-{token}",
            standfirst="The harbour board holds fees for a year.",
            body=(
                "The board voted 7–2 on Tuesday to hold every fee.\n\n"
                "## What changes\n\n"
                "> “We are buying time for the hauliers,” said the chair.\n\n"
                "- Berth fees stay at 2025 levels\n- Storage fees stay too\n\n"
                "Read the [board minutes](https://example.org/minutes) for the detail.\n\n"
                f"![Wheat trial plots by the port](asset:{inline.sha256} "
                '"Trial plots on the quay. Photo: Jon Ashby")\n\n'
                "## What comes next\n\nA review follows in the spring."
            ),
            section="Business",
            tags=["Shipping", "Tariffs", f"Harbour {token}"],
            byline=["Ada Lovelace", "Grace Hopper"],
            dateline="Port Saltmere, Westmarch",
            status="published",
            image_sha256=hero.sha256,
            image_alt="Cranes at dawn",
            image_caption="The container terminal",
            image_credit="Mira Santos",
            seo_description="Fees frozen for a year at Port Saltmere.",
        )
        values.update(changes)
        return create_article(s, ArticleRecord(**values))


class Server:
    """A real HTTP server on 127.0.0.1 in a thread; ``handler`` gets ``server.state``."""

    def __init__(self, handler: type[BaseHTTPRequestHandler], state: Any, port: int = 0) -> None:
        self.handler = handler
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), handler)
        self.httpd.state = state  # type: ignore[attr-defined]
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def restart(self) -> None:
        """Listen again on the same port (after ``stop``), with the same state."""
        port, state = self.httpd.server_address[1], self.httpd.state  # type: ignore[attr-defined]
        self.__init__(self.handler, state, port)  # type: ignore[misc]


class ForwardingProxy(BaseHTTPRequestHandler):
    """Forwards every request to ``state["upstream"]`` (a real server). It stands in for the
    network only: stopping it is a server that went away (connection refused), and
    ``drop_posts`` loses the answer to that many POSTs (to paths starting with
    ``drop_prefix``) after the server acted on them."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _forward(self) -> None:
        import httpx

        st = self.server.state  # type: ignore[attr-defined]
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        # keep_host: the server sees the proxy's address as its own (its links point here).
        drop = ("connection",) if st.get("keep_host") else ("host", "connection")
        headers = {k: v for k, v in self.headers.items() if k.lower() not in drop}
        upstream = httpx.request(self.command, st["upstream"] + self.path, headers=headers,
                                 content=body, timeout=60)  # fmt: skip
        dropping = self.path.startswith(st.get("drop_prefix", ""))
        if self.command == "POST" and dropping and st.get("drop_posts", 0) > 0:
            st["drop_posts"] -= 1
            self.close_connection = True
            self.connection.shutdown(2)  # the server acted; the answer never arrives
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
        self.verify = readme_receiver()  # the README's example receiver checks every request


def readme_receiver() -> Any:
    """The ``verify`` function of the webhook receiver example in README.md, as printed."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    found = re.search(r"<!-- webhook-receiver -->\s*```python\n(.*?)```", text, re.S)
    assert found, "README.md lost its webhook receiver example"
    code = found.group(1)
    assert len(code.strip().splitlines()) <= 10
    namespace: dict[str, Any] = {}
    exec(compile(code, "README.md", "exec"), namespace)
    return namespace["verify"]


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
        if not st.verify(WEBHOOK_SECRET, self.headers, raw):
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
