"""One edit in a 20,000-article site: the re-export rewrites exactly the files whose bytes
change, and the site it leaves equals a fresh export of the library byte for byte — for a
headline edit (the quick way: no whole-site planning), a headline and tag change, a move to
the Trash and a section change; with nothing changed, nothing is written."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from newsdesk.core.articles import get_article, update_article
from newsdesk.core.workers import available_cpus
from newsdesk.export import site_builder
from newsdesk.export.site import MANIFEST, export_site
from newsdesk.render.page import load_theme
from newsdesk.services.opening import open_context
from newsdesk.services.trash import move_to_trash
from newsdesk.storage.models import Article, ArticleAuthor, ArticleTag, Author, Section, Tag

pytestmark = pytest.mark.slow

ARTICLES = 20_000
SECTIONS = ["World", "Business", "Science", "Sport", "Culture", "Politics", "Health", "Tech"]
TAGS = 250
BASE = "https://news.example.org"


def _build(db: Path) -> None:
    """A real library (made through the real schema and migrations) filled with bulk inserts:
    rendering 20,000 bodies one save at a time would take minutes."""
    ctx = open_context(str(db), seed=False)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    with ctx.session() as s:
        conn = s.connection()
        conn.execute(
            insert(Section),
            [{"name": n, "slug": n.lower(), "position": i, "description": ""}
             for i, n in enumerate(SECTIONS)],
        )  # fmt: skip
        conn.execute(
            insert(Tag),
            [{"name": f"Topic {t:03d}", "slug": f"topic-{t:03d}", "description": "",
              "slug_locked": False} for t in range(TAGS)],
        )  # fmt: skip
        conn.execute(insert(Author), [{"name": f"Reporter {i}", "slug": f"r-{i}", "bio": ""}
                                      for i in range(20)])  # fmt: skip
        rows, tags, authors = [], [], []
        for i in range(1, ARTICLES + 1):
            when = start + timedelta(minutes=97 * i)
            rows.append({
                "id": i, "uuid": f"00000000-0000-4000-8000-{i:012d}", "slug": f"story-{i:05d}",
                "headline": f"Story {i} about the harbour", "standfirst": f"Standfirst {i}.",
                "body": f"Body of story {i}.", "body_html": f"<p>Body of story {i}.</p>",
                "section_id": i % len(SECTIONS) + 1, "status": "published", "dateline": "",
                "created_at": when, "updated_at": when, "published_at": when,
                "scheduled_at": None, "image_sha256": None, "image_alt": "", "image_caption": "",
                "image_credit": "", "seo_description": "", "editors_note": "",
                "correction_note": "", "language": "en", "pinned": False, "word_count": 4,
                "tags_text": "", "byline_text": "", "version": 1,
            })  # fmt: skip
            for p, t in enumerate(sorted({(i * 7) % TAGS, (i * 13 + 5) % TAGS, (i // 3) % TAGS})):
                tags.append({"article_id": i, "tag_id": t + 1, "position": p})
            authors.append({"article_id": i, "author_id": i % 20 + 1, "position": 0})
        conn.execute(insert(Article), rows)
        conn.execute(insert(ArticleTag), tags)
        conn.execute(insert(ArticleAuthor), authors)
    ctx.close()


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("scale") / "library.newsdesk"
    _build(db)
    return db


def _hashes(root: Path) -> dict[str, tuple[str, int, int]]:
    """Every file of the site: content digest, inode and modification time."""
    out = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            st = path.stat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            out[str(path.relative_to(root))] = (digest, st.st_ino, st.st_mtime_ns)
    return out


def _export(ctx, out: Path, **kw):
    with ctx.session() as s:
        return export_site(s, out, load_theme(ctx.resources), base_url=BASE, **kw)


def _check(ctx, site: Path, fresh: Path, *, quick: bool, monkeypatch) -> set[str]:
    """Re-export ``site``; it must rewrite exactly what changed and equal a fresh export."""
    before = _hashes(site)
    with monkeypatch.context() as m:
        if quick:  # the quick way plans nothing

            def refuse(self) -> None:
                raise AssertionError("the whole site was planned again")

            m.setattr(site_builder.SiteBuilder, "build_plan", refuse)
        result = _export(ctx, site)
    _export(ctx, fresh, workers=available_cpus())
    after, expected = _hashes(site), _hashes(fresh)
    content = {p: h[0] for p, h in after.items() if p != MANIFEST}
    assert content == {p: h[0] for p, h in expected.items() if p != MANIFEST}
    assert (site / MANIFEST).read_bytes() == (fresh / MANIFEST).read_bytes()
    changed = {p for p, h in content.items() if before.get(p, ("",))[0] != h}
    assert set(result.written) == changed
    assert result.removed == len(set(before) - set(after))
    untouched = [p for p in after if p not in changed and p != MANIFEST]
    assert all(after[p][1:] == before[p][1:] for p in untouched)  # same inode, same mtime
    return changed


def test_one_edit_in_a_20000_article_site(library, tmp_path, monkeypatch) -> None:
    ctx = open_context(str(library), seed=False)
    try:
        site = tmp_path / "site"
        first = _export(ctx, site, workers=available_cpus())
        assert first.total > ARTICLES

        # A headline: the quick way, only the pages showing the article.
        with ctx.session() as s:
            update_article(s, 9_000, {"headline": "A new headline for story 9000"})
        changed = _check(ctx, site, tmp_path / "fresh1", quick=True, monkeypatch=monkeypatch)
        assert "articles/story-09000/index.html" in changed
        assert 1 < len(changed) < 60, sorted(changed)
        assert all(
            "story-09000" in (site / p).read_text() or "A new headline" in (site / p).read_text()
            for p in changed
        )

        # A headline and a tag: its tag pages and the related modules move with it.
        with ctx.session() as s:
            tags = get_article(s, 12_345).tags
            update_article(
                s, 12_345, {"headline": "Story 12345, retagged", "tags": [*tags[1:], "Topic 249"]}
            )
        changed = _check(ctx, site, tmp_path / "fresh2", quick=False, monkeypatch=monkeypatch)
        assert "articles/story-12345/index.html" in changed
        assert "tags/topic-249/index.html" in changed or any(
            p.startswith("tags/topic-249/page/") for p in changed
        )

        # Into the Trash: its page goes, its listings close up.
        with ctx.session() as s:
            move_to_trash(s, [15_000])
        _check(ctx, site, tmp_path / "fresh3", quick=False, monkeypatch=monkeypatch)
        assert not (site / "articles/story-15000").exists()

        # Another section.
        with ctx.session() as s:
            update_article(s, 7_000, {"section": "Tech"})
        changed = _check(ctx, site, tmp_path / "fresh4", quick=False, monkeypatch=monkeypatch)
        assert "sections/tech/index.html" in changed or any(
            p.startswith("sections/tech/") for p in changed
        )

        # Nothing changed: nothing written, nothing planned.
        before = _hashes(site)
        with monkeypatch.context() as m:
            m.setattr(site_builder.SiteBuilder, "build_plan", lambda self: 1 / 0)
            assert _export(ctx, site).written == []
        assert _hashes(site) == before
    finally:
        ctx.close()
