"""Learning a look from a real web site on 127.0.0.1 whose post page carries scripts, forms,
frames, tracking pixels and outside references, and rendering a new article into it after
the site has gone away."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from newsdesk.looks.fetch import Fetcher
from newsdesk.looks.snapshot import take_snapshot
from newsdesk.services import looks, publishing
from tests.looks.conftest import outside_references


def test_snapshot_keeps_the_styles_and_drops_everything_active(site):
    snap = take_snapshot(Fetcher(), site.url + "/post/")
    css = [f.data.decode() for f in snap.files.values() if f.media_type == "text/css"]
    assert outside_references(snap.html, css) == []
    kept = {f.source_url.split("?")[0].rsplit("/", 1)[-1] for f in snap.files.values()}
    # the page's stylesheets (one from another host), what they import and load, the page's
    # own images; not the pixels, not an image from another host
    assert kept == {"style.css", "parts.css", "fonts.css", "brand.woff2", "paper.png", "lead.jpg"}
    soup = BeautifulSoup(snap.html, "html.parser")
    assert soup.find("script") is None and soup.find("form") is None
    assert soup.find("iframe") is None and soup.find("object") is None
    assert [img["alt"] for img in soup.find_all("img")] == ["Old art"]
    assert "Subscribe" not in soup.get_text()
    assert snap.parts["title"] == "h1.post-heading"
    assert snap.parts["content"] == "div.post-text"
    assert snap.parts["excerpt"] == "p.post-dek"


def test_article_rendered_in_the_look_offline(ctx, site, new_article, tmp_path: Path):
    with ctx.session() as s:
        publishing.add_target(s, "test-site", "ghost", site.url, secret="id:00")
    info = looks.learn_look(ctx.session, "test-site")  # finds the newest post from the feed
    assert info.source_url == site.url + "/post/"
    site.stop()  # nothing below may reach the site
    asked = len(site.httpd.requests)
    with ctx.session() as s:
        index = looks.export_html_in_look(s, new_article.id, tmp_path / "out", "test-site")
    assert len(site.httpd.requests) == asked
    html = index.read_text()
    soup = BeautifulSoup(html, "html.parser")
    css_files = sorted((tmp_path / "out" / "look").glob("*.css"))
    assert len(css_files) == 3
    links = [link["href"] for link in soup.find_all("link", rel="stylesheet")]
    assert links and all((tmp_path / "out" / href).is_file() for href in links)
    assert outside_references(html, [p.read_text() for p in css_files]) == []
    assert soup.select_one("h1.post-heading").get_text() == "Westmarch signs grid battery deal"
    assert (
        soup.select_one("p.post-dek").get_text()
        == "The county will store a winter's worth of wind."
    )
    body = soup.select_one("div.post-text")
    assert "The council voted on Tuesday night." in body.get_text()
    assert "original" not in body.get_text()
    assert body.find("blockquote") is not None
    figure = soup.select_one("figure.lead-art")
    assert figure.img["alt"] == "Battery containers by a wind farm"
    assert (tmp_path / "out" / figure.img["src"]).is_file()
    assert figure.figcaption.get_text() == "The storage site at Westmarch Newsdesk"
    assert soup.time.get_text() and soup.time["datetime"].startswith("20")
    assert soup.title.get_text().startswith("Westmarch signs grid battery deal")
    for img in soup.find_all("img"):
        assert (tmp_path / "out" / img["src"]).is_file()
