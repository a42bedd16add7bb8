"""An article added through the CLI renders to a proper news page (parsed, not grepped)."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import html5lib
import pytest
from bs4 import BeautifulSoup

from tests.conftest import SAMPLE_DIR, run_cli

BODY = """Negotiators worked through the night to agree the text.

## What the deal says

The agreement caps emissions from shipping by 2035.

> “This is the most important day for the port in a generation,” said Leila Haddad.

## What happens next

Ministers will sign the treaty in March.
"""


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("page")
    db = tmp / "lib.newsdesk"
    assert run_cli("import", str(SAMPLE_DIR / "articles"), db=db).returncode == 0
    body = tmp / "body.md"
    body.write_text(BODY, encoding="utf-8")
    added = run_cli(
        "article", "add", "--headline", "Gulf states agree shipping emissions cap",
        "--section", "World", "--tag", "climate", "--tag", "shipping", "--byline", "Amira Haddad",
        "--dateline", "Doha, Qatar", "--standfirst", "A deal after two weeks of talks.",
        "--body-file", str(body), "--status", "published", "--date", "2023-12-03T09:30:00Z",
        "--json", db=db,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    return db, str(json.loads(added.stdout)["id"])


def _export(db: Path, article_id: str, out: Path, *extra: str) -> str:
    result = run_cli("export", "html", article_id, "--out", str(out), *extra, db=db)
    assert result.returncode == 0, result.stderr
    return (out / "index.html").read_text(encoding="utf-8")


def test_page_has_the_news_layout(library: tuple[Path, str], tmp_path: Path) -> None:
    db, article_id = library
    soup = BeautifulSoup(_export(db, article_id, tmp_path / "out"), "html5lib")
    assert (soup.html["lang"], soup.html["dir"]) == ("en-GB", "ltr")  # the site's locale
    masthead = soup.find("header")
    assert "Sunday, December 3, 2023" in masthead.get_text()
    h1s = soup.find_all("h1")
    assert [h.get_text(strip=True) for h in h1s] == ["Gulf states agree shipping emissions cap"]
    label = soup.select_one("a.section-label")
    assert label.get_text(strip=True) == "World" and label["href"]
    body = soup.select_one(".article-body")
    first_p = body.find("p")
    assert first_p.get_text().startswith("DOHA, Qatar – Negotiators")
    assert [h.get_text() for h in body.find_all("h2")] == [
        "What the deal says",
        "What happens next",
    ]
    assert "most important day" in body.find("blockquote").get_text()
    tags = [a.get_text(strip=True) for a in soup.select("ul.tags a")]
    assert tags == ["climate", "shipping"]
    text = soup.get_text(" ")
    assert "Read more" in text and "Most popular" in text
    modules = soup.find_all("aside")
    linked = [a.get_text(" ", strip=True) for m in modules for a in m.find_all("a")]
    # Read more: the sample articles tagged climate come first
    assert any("seawall" in t for t in linked), linked
    assert len([t for t in linked if t]) >= 5
    assert (
        soup.find("main") is not None
        and soup.find("nav") is not None
        and soup.find("footer") is not None
    )
    for img in soup.find_all("img"):
        assert img.get("alt") is not None


def test_page_is_valid_html5_and_headings_do_not_skip_levels(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    db, article_id = library
    html = _export(db, article_id, tmp_path / "out")
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)  # raises on any parse error
    levels = [
        int(h.name[1])
        for h in BeautifulSoup(html, "html5lib").find_all(["h1", "h2", "h3", "h4", "h5", "h6"])
    ]
    assert levels[0] == 1
    for prev, cur in itertools.pairwise(levels):
        assert cur <= prev + 1, levels


def test_export_is_byte_identical_and_self_contained(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = library
    sample = "porto-calhau-approves-seawall-after-flooding"
    a = _export(db, sample, tmp_path / "a")
    b = _export(db, sample, tmp_path / "b")
    assert a == b
    files_a = sorted(
        p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file()
    )
    files_b = sorted(
        p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file()
    )
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    soup = BeautifulSoup(a, "html5lib")
    local = [link["href"] for link in soup.find_all("link", rel="stylesheet")] + [
        i["src"] for i in soup.find_all("img")
    ]
    assert local, "page has no stylesheet or images"
    for ref in local:
        assert (tmp_path / "a" / ref).is_file(), f"{ref} missing beside index.html"


def test_single_file_export_needs_nothing_beside_it(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = library
    html = _export(
        db, "porto-calhau-approves-seawall-after-flooding", tmp_path / "one", "--single-file"
    )
    soup = BeautifulSoup(html, "html5lib")
    assert soup.find("link", rel="stylesheet") is None and soup.find("style") is not None
    assert all(img["src"].startswith("data:image/") for img in soup.find_all("img"))
    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == ["index.html"]


def test_single_file_and_a_look_are_refused_together(
    library: tuple[Path, str], tmp_path: Path
) -> None:
    db, _ = library
    out = tmp_path / "both"
    refused = run_cli("export", "html", "porto-calhau-approves-seawall-after-flooding",
                      "--single-file", "--look", "paper", "--out", str(out), db=db)  # fmt: skip
    assert refused.returncode == 1
    assert "--single-file and --look do not go together" in refused.stderr
    assert not out.exists()


def test_hostile_body_renders_harmless_page(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    body = tmp_path / "evil.md"
    body.write_text(
        'Hi <script>alert(1)</script><img src=x onerror="alert(2)"> <iframe src="https://x.example"></iframe> [x](javascript:alert(3))\n',
        encoding="utf-8",
    )
    added = run_cli(
        "article",
        "add",
        "--headline",
        "Evil",
        "--section",
        "World",
        "--body-file",
        str(body),
        db=db,
    )
    assert added.returncode == 0, added.stderr
    html = _export(db, added.stdout.strip(), tmp_path / "out")
    soup = BeautifulSoup(html, "html5lib")
    assert not soup.find_all(["script", "iframe"])
    assert "javascript:" not in html.lower() and "onerror" not in html.lower()
