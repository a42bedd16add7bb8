"""Learning the look of the real WordPress (Twenty Twenty-Three, a block theme, and Twenty
Twenty-One, the classic theme Debian ships) and the real Ghost (Casper and Source), then
rendering a new article in that look with the site out of reach.

WordPress is ours (scripts/wordpress/start.sh): it is stopped for real while the article is
rendered, then started again. Ghost is shared by every test run on this machine and must not
be stopped: there, every network connection of this process is refused while rendering.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from bs4 import BeautifulSoup

from newsdesk.looks.fetch import Fetcher, newest_post_url
from newsdesk.services import looks, publishing
from tests.looks.conftest import IMAGES, outside_references

pytestmark = pytest.mark.heavy  # subprocesses or worker pools: not in --quick

REPO = Path(__file__).resolve().parents[2]
WP_SCRIPTS = REPO / "scripts" / "wordpress"
WP_DIR = Path(os.environ.get("NEWSDESK_WP_DIR", "/tmp/newsdesk-wp"))
GHOST_ENV = Path(os.environ.get("PEERS_STATE_DIR", "/tmp/newsdesk-peers")) / "ghost" / "env"


def wp_script(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(WP_SCRIPTS / name), *args], capture_output=True,
                          text=True, timeout=900)  # fmt: skip


@pytest.fixture(scope="module")
def wp() -> dict[str, Any]:
    done = wp_script("start.sh")
    if done.returncode != 0 or "WORDPRESS_READY" not in done.stdout:
        if os.environ.get("CI"):
            pytest.fail(f"WordPress did not start:\n{done.stderr[-2000:]}")
        pytest.skip(f"WordPress cannot start here: {done.stderr.strip().splitlines()[-1:]}")
    return json.loads((WP_DIR / "credentials.json").read_text())  # type: ignore[no-any-return]


def wp_post(wp: dict[str, Any], title: str) -> str:
    """Publish a post with a featured image on the real WordPress; its address."""
    editor = wp["users"]["editor"]
    auth = (editor["username"], editor["application_password"])
    api = wp["rest_url"] + "wp/v2/"
    media = httpx.post(
        api + "media", auth=auth, content=(IMAGES / "port-saltmere-cranes.jpg").read_bytes(),
        headers={"Content-Type": "image/jpeg",
                 "Content-Disposition": 'attachment; filename="cranes.jpg"'},
        timeout=60,
    )  # fmt: skip
    media.raise_for_status()
    body = ("<!-- wp:paragraph --><p>A paragraph the site wrote.</p><!-- /wp:paragraph -->"
            "<!-- wp:quote --><blockquote class=\"wp-block-quote\"><p>Quoted.</p></blockquote>"
            "<!-- /wp:quote -->")  # fmt: skip
    post = httpx.post(api + "posts", auth=auth, timeout=60, json={
        "title": title, "status": "publish", "content": body, "excerpt": "The site's excerpt.",
        "featured_media": media.json()["id"],
    })  # fmt: skip
    post.raise_for_status()
    return str(post.json()["link"])


@contextmanager
def wordpress_theme(slug: str) -> Iterator[None]:
    switched = wp_script("theme.sh", slug)
    assert switched.returncode == 0, switched.stderr
    try:
        yield
    finally:
        wp_script("theme.sh", "twentytwentythree")


@contextmanager
def wordpress_stopped() -> Iterator[None]:
    stopped = wp_script("stop.sh")
    assert stopped.returncode == 0, stopped.stderr
    try:
        yield
    finally:
        started = wp_script("start.sh")
        assert started.returncode == 0, started.stderr


@contextmanager
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    tried: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        tried.append(address)
        raise ConnectionRefusedError(f"offline test: no connection to {address}")

    with monkeypatch.context() as m:
        m.setattr(socket.socket, "connect", refuse)
        m.setattr(socket.socket, "connect_ex", refuse)
        yield tried


def check_page(out: Path, title_sel: str, content_sel: str) -> BeautifulSoup:
    """What every look must show: the site's stylesheets as local copies, the new headline in
    the site's title element, the new body in its content element, nothing active or outside."""
    html = (out / "index.html").read_text()
    soup = BeautifulSoup(html, "html.parser")
    links = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert links, "the page carries the site's stylesheets"
    assert all(href.startswith("look/") and (out / href).is_file() for href in links)
    css = [p.read_text() for p in (out / "look").glob("*.css")]
    assert outside_references(html, css) == []
    assert soup.find("script") is None
    assert soup.select_one(title_sel).get_text(strip=True) == "Westmarch signs grid battery deal"
    body = soup.select_one(content_sel)
    assert "The council voted on Tuesday night." in body.get_text()
    assert "A paragraph the site wrote." not in html
    for img in soup.find_all("img"):
        assert (out / img["src"]).is_file()
    return soup


def learn(ctx: Any, kind: str, url: str, post_url: str, secret: str) -> looks.LookInfo:
    name = f"{kind}-{uuid.uuid4().hex[:6]}"
    with ctx.session() as s:
        publishing.add_target(s, name, kind, url, "editor" if kind == "wordpress" else "",
                              secret)  # fmt: skip
    return looks.learn_look(ctx.session, name, post_url)


@pytest.mark.wordpress
def test_wordpress_block_theme(ctx, wp, new_article, tmp_path):
    post = wp_post(wp, "Harbour cranes return (block theme)")
    assert newest_post_url(Fetcher(), wp["base_url"], "wordpress") == post  # the default
    info = learn(ctx, "wordpress", wp["base_url"], post, "pw")
    assert info.platform == "wordpress-block"
    assert info.parts["content"] == ".wp-block-post-content"
    with wordpress_stopped(), ctx.session() as s:
        looks.export_html_in_look(s, new_article.id, tmp_path / "out", info.name)
    soup = check_page(tmp_path / "out", "h1.wp-block-post-title", ".wp-block-post-content")
    body = soup.select_one(".wp-block-post-content")
    assert body.select_one("blockquote.wp-block-quote") is not None  # the site's block class
    assert body.select_one("figure.wp-block-image img") is not None
    featured = soup.select_one(".wp-block-post-featured-image img")
    assert featured["alt"] == "Battery containers by a wind farm"
    fonts = [p for p in (tmp_path / "out" / "look").iterdir() if p.suffix in (".woff2", ".ttf")]
    assert fonts, "the theme's web fonts are kept"


@pytest.mark.wordpress
def test_wordpress_classic_theme(ctx, wp, new_article, tmp_path):
    with wordpress_theme("twentytwentyone"):
        post = wp_post(wp, "Harbour cranes return (classic theme)")
        info = learn(ctx, "wordpress", wp["base_url"], post, "pw")
    assert info.platform == "wordpress-classic"
    assert info.parts["title"] == "h1.entry-title"
    with wordpress_stopped(), ctx.session() as s:
        looks.export_html_in_look(s, new_article.id, tmp_path / "out", info.name)
    soup = check_page(tmp_path / "out", "h1.entry-title", ".entry-content")
    assert soup.select_one(".entry-content blockquote.wp-block-quote") is not None
    assert soup.select_one(".post-thumbnail img")["alt"] == "Battery containers by a wind farm"


@pytest.fixture(scope="module")
def ghost() -> dict[str, str]:
    if not GHOST_ENV.is_file():
        pytest.skip("the shared Ghost peer is not installed (../shared/peers/ghost/start.sh)")
    env: dict[str, str] = {}
    for line in GHOST_ENV.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.startswith("#"):
            env[key.strip()] = value.strip().strip("'\"")
    try:
        httpx.get(env["GHOST_URL"], timeout=10)
    except httpx.HTTPError:
        pytest.skip("the shared Ghost peer is not running")
    return env


def ghost_api(ghost: dict[str, str], method: str, path: str, **kw: Any) -> httpx.Response:
    from newsdesk.publish.ghost import admin_token

    # The staff token acts as the owner (themes need it); the integration key is enough for posts.
    headers = {"Authorization": f"Ghost {admin_token(ghost['GHOST_STAFF_API_KEY'])}",
               "Accept-Version": "v5.0"}  # fmt: skip
    url = ghost["GHOST_URL"].rstrip("/") + "/ghost/api/admin/" + path
    response = httpx.request(method, url, headers=headers, timeout=60, **kw)
    response.raise_for_status()
    return response


def ghost_post(ghost: dict[str, str], title: str) -> str:
    image = ghost_api(ghost, "POST", "images/upload/", files={
        "file": ("cranes.jpg", (IMAGES / "port-saltmere-cranes.jpg").read_bytes(), "image/jpeg")})  # fmt: skip
    html = "<p>A paragraph the site wrote.</p><blockquote><p>Quoted.</p></blockquote>"
    post = ghost_api(ghost, "POST", "posts/?source=html", json={"posts": [{
        "title": title, "status": "published", "html": html,
        "custom_excerpt": "The site's excerpt.", "feature_image": image.json()["images"][0]["url"],
    }]})  # fmt: skip
    return str(post.json()["posts"][0]["url"])


@contextmanager
def ghost_theme(ghost: dict[str, str], name: str) -> Iterator[None]:
    """Activate a theme on the shared Ghost for as long as the look takes to learn, then put
    back the one that was active."""
    themes = ghost_api(ghost, "GET", "themes/").json()["themes"]
    before = next(t["name"] for t in themes if t["active"])
    if before != name:
        ghost_api(ghost, "PUT", f"themes/{name}/activate/")
    try:
        yield
    finally:
        if before != name:
            ghost_api(ghost, "PUT", f"themes/{before}/activate/")


@pytest.mark.parametrize("theme, title_sel", [("casper", "h1.article-title"),
                                              ("source", "h1.gh-article-title")])  # fmt: skip
def test_ghost(ctx, ghost, new_article, tmp_path, monkeypatch, theme, title_sel):
    post = ghost_post(ghost, f"Harbour cranes return ({theme}, {uuid.uuid4().hex[:6]})")
    with ghost_theme(ghost, theme):
        info = learn(ctx, "ghost", ghost["GHOST_URL"], post, ghost["GHOST_ADMIN_API_KEY"])
    assert info.platform == f"ghost-{theme}"
    with no_network(monkeypatch) as tried, ctx.session() as s:
        looks.export_html_in_look(s, new_article.id, tmp_path / "out", info.name)
    assert tried == []
    soup = check_page(tmp_path / "out", title_sel, "section.gh-content")
    body = soup.select_one("section.gh-content")
    assert body.select_one("figure.kg-card.kg-image-card img.kg-image") is not None
    byline = soup.select_one(info.parts["author"]).get_text(" ", strip=True)
    assert byline == "Ada Lovelace and Grace Hopper"
