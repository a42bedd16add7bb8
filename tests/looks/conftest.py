"""Fixtures for the site-look tests: a small real web site on 127.0.0.1 (served by
``http.server``) whose post page carries everything a look must not keep, and helpers that
check a page for scripts and outside references."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[2]
IMAGES = REPO / "src" / "newsdesk" / "resources" / "sample" / "articles" / "images"


def _png(color: str) -> bytes:
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (1, 1), color).save(out, "PNG")
    return out.getvalue()


PNG_1X1 = _png("white")
FONT = b"wOF2" + b"\0" * 200  # bytes a font file starts with; never parsed here


def post_page(port: int) -> str:
    other = f"http://localhost:{port}"  # the same server under another host name
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="refresh" content="5; url=http://evil.example/">
<meta property="og:url" content="http://127.0.0.1:{port}/post/">
<base href="/">
<title>A post – Test Site</title>
<link rel="stylesheet" href="/theme/style.css?ver=1">
<link rel="stylesheet" href="{other}/fonts/fonts.css">
<link rel="preload" as="script" href="/theme/app.js">
<link rel="alternate" type="application/rss+xml" href="/feed/">
<style>body {{ background: url('/theme/paper.png') }} .x {{ background: url(http://evil.example/bg.png) }}</style>
<script>document.write('<img src="http://evil.example/track">')</script>
<script src="https://cdn.example/analytics.js"></script>
</head>
<body onload="alert(1)" class="single">
<header class="site-header"><a href="/" class="brand">Test Site</a>
<nav><a href="https://twitter.com/x" onclick="steal()">Follow</a><a href="javascript:alert(1)">Bad</a></nav></header>
<main>
<article class="post">
<h1 class="post-heading">The original headline</h1>
<p class="post-dek">The original standfirst.</p>
<p class="meta">By <span class="writer">Jo Original</span> on <time datetime="2026-01-01">1 Jan 2026</time></p>
<figure class="lead-art"><img src="/media/lead.jpg" srcset="/media/lead.jpg 1x, http://cdn.example/lead@2x.jpg 2x" alt="Old art"><figcaption>Old caption</figcaption></figure>
<div class="post-text" style="background-image: url(http://evil.example/bg.png)">
<p>The original first paragraph, long enough to count as the article's body.</p>
<p>A second paragraph of the original article, with <a href="/other/">a link</a>.</p>
<img src="http://evil.example/pixel.gif" width="1" height="1" alt="">
<img src="/stats/pixel.png" width="1" height="1" alt="">
<img src="{other}/media/other-host.png" alt="from elsewhere">
<iframe src="https://www.youtube.com/embed/xyz"></iframe>
<svg viewBox="0 0 10 10"><script>alert(1)</script></svg>
<object data="/x.swf"></object>
</div>
<aside class="related"><p>Related: <a href="/older/">An older post</a></p></aside>
</article>
<form action="/subscribe" method="post"><input name="email"><button>Subscribe</button></form>
</main>
<footer class="site-footer"><p>Powered by <a href="https://example.org/">Example</a></p>
<img src="https://tracker.example/p.gif?u=1" alt=""></footer>
<noscript><img src="http://evil.example/noscript.gif"></noscript>
</body></html>"""


STYLE_CSS = """@import url("parts.css");
body { font-family: Serif; color: #222 }
.post-heading { font-size: 3em; background: url(../media/lead.jpg) }
.ad { background: url(https://ads.example/ad.png); behavior: url(x.htc) }
/* a comment with url(http://evil.example/c.png) */
"""
PARTS_CSS = ".post-text { max-width: 40em } .x { width: expression(alert(1)) }"
FONTS_CSS = """@font-face { font-family: Brand; src: url(brand.woff2) format("woff2"); }
h1 { font-family: Brand }"""


class SiteHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        server: Any = self.server
        server.requests.append(self.headers.get("Host", "") + self.path)
        if server.down:
            self.send_error(503)
            return
        path = self.path.split("?", 1)[0]
        port = server.server_address[1]
        pages: dict[str, tuple[str, bytes]] = {
            "/post/": ("text/html; charset=utf-8", post_page(port).encode()),
            "/theme/style.css": ("text/css", STYLE_CSS.encode()),
            "/theme/parts.css": ("text/css", PARTS_CSS.encode()),
            "/fonts/fonts.css": ("text/css", FONTS_CSS.encode()),
            "/fonts/brand.woff2": ("font/woff2", FONT),
            "/theme/paper.png": ("image/png", _png("beige")),
            "/stats/pixel.png": ("image/png", PNG_1X1),
            "/media/other-host.png": ("image/png", PNG_1X1),
            "/media/lead.jpg": ("image/jpeg", (IMAGES / "port-saltmere-cranes.jpg").read_bytes()),
            "/feed/": ("application/rss+xml", f"<rss><channel><item><title>A post</title>"
                       f"<link>http://127.0.0.1:{port}/post/</link></item></channel></rss>".encode()),
        }  # fmt: skip
        if path == "/":
            pages["/"] = ("text/html", b'<html><head><link rel="alternate" '
                          b'type="application/rss+xml" href="/feed/"></head><body></body></html>')  # fmt: skip
        if path not in pages:
            self.send_error(404)
            return
        media, data = pages[path]
        self.send_response(200)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class Site:
    def __init__(self) -> None:
        self.httpd: Any = ThreadingHTTPServer(("127.0.0.1", 0), SiteHandler)
        self.httpd.requests = []
        self.httpd.down = False
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def site() -> Iterator[Site]:
    server = Site()
    yield server
    server.stop()


_URLISH = re.compile(r"(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def outside_references(html: str, css_texts: list[str] = ()) -> list[str]:  # type: ignore[assignment]
    """Everything in a page (and its stylesheets) that would run code or reach outside: the
    test's own reading of the page, independent of the sanitiser's code."""
    soup = BeautifulSoup(html, "html.parser")
    found: list[str] = []
    for tag in soup.find_all(True):
        if tag.name in (
            "script",
            "iframe",
            "frame",
            "object",
            "embed",
            "form",
            "input",
            "noscript",
            "base",
        ):
            found.append(f"<{tag.name}>")
        for key, value in tag.attrs.items():
            text = " ".join(value) if isinstance(value, list) else str(value)
            if key.lower().startswith("on"):
                found.append(f"{tag.name}[{key}]")
            if key == "http-equiv" or _URLISH.search(text) or "javascript:" in text.lower():
                found.append(f"{tag.name}[{key}={text[:60]}]")
    for css in [*css_texts, *(s.get_text() for s in soup.find_all("style"))]:
        for m in re.finditer(r"url\(\s*['\"]?([^'\")]*)", css):
            if _URLISH.match(m.group(1)) or m.group(1).lower().startswith("javascript:"):
                found.append(f"css url({m.group(1)[:60]})")
        if re.search(r"expression\(|behavior\s*:|-moz-binding", css, re.IGNORECASE):
            found.append("css code")
    return found


@pytest.fixture(autouse=True)
def temp_keyring(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """A file keyring in a temporary folder, for this process and the CLI subprocesses."""
    import keyring
    from keyrings.alt.file import PlaintextKeyring

    data_home = tmp_path_factory.mktemp("xdg-data")
    monkeypatch.setenv("XDG_DATA_HOME", str(data_home))
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    previous = keyring.get_keyring()
    kr = PlaintextKeyring()
    kr.file_path = str(data_home / "python_keyring" / "keyring_pass.cfg")
    keyring.set_keyring(kr)
    yield data_home
    keyring.set_keyring(previous)


@pytest.fixture
def new_article(ctx: Any) -> Any:
    """An article that was never on any site: headline, standfirst, byline, featured image
    with caption, a quote and a body image."""
    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.core.assets import add_asset_file

    with ctx.session() as s:
        hero = add_asset_file(s, IMAGES / "westmarch-battery-storage.jpg")
        inline = add_asset_file(s, IMAGES / "wheat-trial-plots.jpg")
        return create_article(
            s,
            ArticleRecord(
                headline="Westmarch signs grid battery deal",
                standfirst="The county will store a winter's worth of wind.",
                body=(
                    "The council voted on Tuesday night.\n\n> We waited ten years.\n\n"
                    f"![Trial plots](asset:{inline.sha256})\n\nThe work starts in spring."
                ),
                byline=["Ada Lovelace", "Grace Hopper"],
                status="published",
                image_sha256=hero.sha256,
                image_alt="Battery containers by a wind farm",
                image_caption="The storage site at Westmarch",
                image_credit="Newsdesk",
            ),
        )
