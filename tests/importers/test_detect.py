"""Recognising import paths, and Hugo/Jekyll folders of Markdown with images beside them."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.core.articles import get_article
from newsdesk.errors import ImportFailed, NotFoundError
from newsdesk.importers.detect import Kind, detect
from newsdesk.services.importing import import_paths
from tests.newsroom import dump, image_bytes


def _write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_kinds(tmp_path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "b.zip", "w") as zf:
        zf.writestr("manifest.json", "{}")
    wxr = _write(
        tmp_path / "export.xml",
        '<?xml version="1.0"?>\n<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel/></rss>',
    )
    assert detect(tmp_path / "b.zip").kind is Kind.BUNDLE
    assert detect(wxr).kind is Kind.WXR
    assert detect(_write(tmp_path / "i.json", '{"uri": "x"}')).kind is Kind.NINJS
    assert detect(_write(tmp_path / "a.md", "---\ntitle: A\n---\nbody")).kind is Kind.MARKDOWN
    assert detect(tmp_path).kind is Kind.FOLDER
    with pytest.raises(ImportFailed, match="not something newsdesk imports"):
        detect(_write(tmp_path / "x.bin", b"\x00\x01"))
    with pytest.raises(ImportFailed, match="not a WordPress export"):
        detect(_write(tmp_path / "feed.xml", "<feed/>"))
    with pytest.raises(NotFoundError):
        detect(tmp_path / "missing.md")


def test_hugo_site_with_page_bundles(ctx, tmp_path) -> None:
    site = tmp_path / "hugo"
    _write(site / "content/posts/_index.md", "---\ntitle: Posts\n---\n")
    _write(
        site / "content/posts/first-post.md",
        "---\ntitle: First\ndate: 2024-05-01T10:00:00Z\ntags: [a, b]\ncategories: [World]\n---\nHello.\n",
    )
    _write(
        site / "content/posts/river-walk/index.md",
        "---\ntitle: River walk\ndate: 2024-05-02\n---\n![The river](river.png)\n",
    )
    _write(site / "content/posts/river-walk/river.png", image_bytes((10, 120, 200), "PNG"))
    _write(site / "themes/x/README.md", "not an article")
    with ctx.session() as s:
        results = import_paths(s, [site])
        recs = {get_article(s, r.record.id).slug: get_article(s, r.record.id) for r in results}
    assert set(recs) == {"first-post", "river-walk"}
    assert recs["first-post"].section == "World" and recs["first-post"].tags == ["a", "b"]
    assert "asset:" in recs["river-walk"].body  # the image beside index.md came in


def test_jekyll_posts_take_date_and_slug_from_the_name(ctx, tmp_path) -> None:
    site = tmp_path / "jekyll"
    _write(
        site / "_posts/2023-07-14-bastille-day-parade.md",
        "---\nlayout: post\ntitle: Parade\n---\nText.\n",
    )
    _write(site / "_drafts/unfinished.md", "---\ntitle: Unfinished\n---\nSoon.\n")
    _write(site / "_layouts/post.md", "not an article")
    with ctx.session() as s:
        results = import_paths(s, [site])
        recs = [get_article(s, r.record.id) for r in results]
    parade = next(r for r in recs if r.headline == "Parade")
    assert parade.slug == "bastille-day-parade"
    assert parade.published_at == datetime(2023, 7, 14, tzinfo=UTC)
    assert next(r for r in recs if r.headline == "Unfinished").status == "draft"


def test_one_bad_file_in_a_folder_imports_nothing(ctx, tmp_path) -> None:
    site = tmp_path / "mixed"
    _write(site / "good.md", "---\ntitle: Good\n---\nFine.\n")
    _write(site / "zbad.md", "---\ntitle: [broken\n---\nOops.\n")
    with ctx.session() as s:
        before = dump(s)
    with pytest.raises(ImportFailed, match=r"zbad\.md.*not valid YAML"), ctx.session() as s:
        import_paths(s, [site])
    with ctx.session() as s:
        assert dump(s) == before


def test_a_damaged_zip_is_called_damaged_and_nothing_is_imported(ctx, tmp_path) -> None:
    """A bundle cut short was refused as "not something newsdesk imports", though it is a
    .zip: the message now says what is wrong with it."""
    import zipfile

    whole = tmp_path / "whole.zip"
    with zipfile.ZipFile(whole, "w") as zf:
        zf.writestr("manifest.json", "{}")
        zf.writestr("article.md", "x" * 5000)
    cut = _write(tmp_path / "story.zip", whole.read_bytes()[:300])
    renamed = _write(tmp_path / "story.bundle", whole.read_bytes()[:300])
    with ctx.session() as s:
        before = dump(s)
    for path in (cut, renamed):
        with pytest.raises(ImportFailed, match="a damaged zip file") as err, ctx.session() as s:
            import_paths(s, [path])
        assert str(path) in str(err.value) and "not something" not in str(err.value)
    with ctx.session() as s:
        assert dump(s) == before
