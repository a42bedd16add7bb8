"""Incremental site export never deletes outside its folder: the manifest and a staging
folder's COMMIT are read from disk, so they decide nothing about deletion on their own; only
files inside the folder that the previous export wrote, and that still hold what it wrote, go."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.core.articles import update_article
from newsdesk.export import site as site_mod
from newsdesk.export.site import MANIFEST, export_site
from newsdesk.export.site_files import STAMPS
from newsdesk.render.page import load_theme
from tests.newsroom import populate


def _export(ctx, out: Path):
    with ctx.session() as s:
        return export_site(s, out, load_theme(ctx.resources))


@pytest.fixture
def site(ctx, tmp_path) -> tuple[Path, list]:
    with ctx.session() as s:
        recs = populate(s, 9)
    out = tmp_path / "site"
    _export(ctx, out)
    return out, recs


def _victims(tmp_path: Path) -> list[Path]:
    victims = [tmp_path / "victim.txt", tmp_path / "deep" / "folder" / "victim.txt"]
    for v in victims:
        v.parent.mkdir(parents=True, exist_ok=True)
        v.write_text("precious")
    return victims


def _add_to_manifest(out: Path, paths: list[str]) -> None:
    manifest = json.loads((out / MANIFEST).read_text())
    stamps = json.loads((out / STAMPS).read_text())
    for p in paths:
        manifest["files"][p] = "0" * 64
        stamps[p] = [8, 0]
    (out / MANIFEST).write_text(json.dumps(manifest))
    (out / STAMPS).write_text(json.dumps(stamps))


def test_a_manifest_listing_paths_outside_the_folder_deletes_nothing_there(
    ctx, site, tmp_path, monkeypatch
) -> None:
    out, _ = site
    monkeypatch.setattr(site_mod, "PATCH_LIMIT", 1.0)  # patch in place whatever the share
    victims = _victims(tmp_path)
    _add_to_manifest(out, ["../victim.txt", "../deep/folder/victim.txt", "/etc/hostname"])
    _export(ctx, out)
    assert all(v.read_text() == "precious" for v in victims)
    assert (tmp_path / "deep" / "folder").is_dir()
    assert "../victim.txt" not in json.loads((out / MANIFEST).read_text())["files"]
    assert (out / "index.html").is_file()


def test_a_symlinked_folder_in_the_site_is_not_followed_for_deletion(
    ctx, site, tmp_path, monkeypatch
) -> None:
    out, recs = site
    monkeypatch.setattr(site_mod, "PATCH_LIMIT", 1.0)  # patch in place whatever the share
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "index.html").write_text("precious")
    page_dir = out / "articles" / recs[0].slug
    for f in page_dir.iterdir():
        f.unlink()
    page_dir.rmdir()
    page_dir.symlink_to(outside)
    stamp = (outside / "index.html").stat()
    stamps = json.loads((out / STAMPS).read_text())  # the stamp even matches
    stamps[f"articles/{recs[0].slug}/index.html"] = [stamp.st_size, stamp.st_mtime_ns]
    (out / STAMPS).write_text(json.dumps(stamps))
    with ctx.session() as s:
        update_article(s, recs[0].id, {"status": "archived"})
    _export(ctx, out)
    assert (outside / "index.html").read_text() == "precious"


def test_a_planted_staging_commit_cannot_delete_or_write_outside(
    ctx, site, tmp_path, monkeypatch
) -> None:
    out, _ = site
    monkeypatch.setattr(site_mod, "PATCH_LIMIT", 1.0)
    victims = _victims(tmp_path)
    staging = tmp_path / ".site.planted.staging"
    (staging / "files").mkdir(parents=True)
    (staging / "planted.txt").write_text("planted")
    commit = {"write": ["../planted.txt"], "remove": ["../victim.txt", "../deep/folder/victim.txt"]}
    (staging / "COMMIT").write_text(json.dumps(commit))
    _export(ctx, out)
    assert all(v.read_text() == "precious" for v in victims)
    assert (tmp_path / "deep" / "folder").is_dir()
    assert not (tmp_path / "planted.txt").exists()
    assert not staging.exists()
    assert (out / "index.html").is_file()


def test_a_page_the_user_replaced_is_rendered_again_not_kept(ctx, site) -> None:
    out, recs = site
    page = out / "articles" / recs[2].slug / "index.html"
    page.write_text("hand edit")
    result = _export(ctx, out)
    assert f"articles/{recs[2].slug}/index.html" in result.written
    assert "hand edit" not in page.read_text()


def test_removed_pages_still_go_in_a_patch(ctx, site, monkeypatch) -> None:
    out, recs = site
    monkeypatch.setattr(site_mod, "PATCH_LIMIT", 1.0)
    with ctx.session() as s:
        update_article(s, recs[0].id, {"status": "archived"})
    result = _export(ctx, out)
    assert result.removed == 1
    assert not (out / "articles" / recs[0].slug).exists()


def test_a_manifest_from_before_stamps_still_removes_unpublished_pages(ctx, site) -> None:
    out, recs = site
    (out / STAMPS).unlink()
    with ctx.session() as s:
        update_article(s, recs[0].id, {"status": "archived"})
    _export(ctx, out)
    assert not (out / "articles" / recs[0].slug).exists()
