"""Incremental site export never deletes outside its folder: the list of the files it wrote
(in the library; in the manifest of a format-2 folder) and a staging folder's COMMIT decide
nothing about deletion on their own; only files inside the folder that the previous export
wrote, and that still hold what it wrote, go."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.core.articles import update_article
from newsdesk.export import site as site_mod
from newsdesk.export.site import MANIFEST, export_site
from newsdesk.export.site_index import site_key
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


def _listed(ctx, out: Path) -> dict[str, list]:
    """The library's list of the folder's files: path -> [fingerprint, size, mtime_ns]."""
    with ctx.session() as s:
        rows = s.connection().exec_driver_sql(
            "SELECT path, fingerprint, size, mtime_ns FROM site_export_file WHERE site = ?",
            (site_key(out.resolve()),),
        )
        return {p: [fp, size, mtime] for p, fp, size, mtime in rows}


def _add_to_list(ctx, out: Path, paths: list[str]) -> None:
    """Plant paths in the library's list of the folder's files (as a damaged or tampered
    library might hold them)."""
    with ctx.session() as s:
        conn = s.connection()
        last = conn.exec_driver_sql("SELECT max(no) FROM site_export_file").scalar() or 0
        for n, p in enumerate(paths, start=last + 1):
            conn.exec_driver_sql(
                "INSERT INTO site_export_file (site, path, no, fingerprint, size, mtime_ns,"
                " shard, lastmod, recipe) VALUES (?, ?, ?, ?, 8, 0, -1, '', '[\"robots\"]')",
                (site_key(out.resolve()), p, n, "0" * 64),
            )


def _restamp(ctx, out: Path, path: str, size: int, mtime_ns: int) -> None:
    with ctx.session() as s:
        s.connection().exec_driver_sql(
            "UPDATE site_export_file SET size = ?, mtime_ns = ? WHERE site = ? AND path = ?",
            (size, mtime_ns, site_key(out.resolve()), path),
        )


def _any_edit(ctx, recs) -> None:
    """Something to export again (a removal, so the list is consulted for deletion)."""
    with ctx.session() as s:
        update_article(s, recs[0].id, {"status": "archived"})


def test_a_manifest_listing_paths_outside_the_folder_deletes_nothing_there(
    ctx, site, tmp_path, monkeypatch
) -> None:
    out, recs = site
    monkeypatch.setattr(site_mod, "PATCH_LIMIT", 1.0)  # patch in place whatever the share
    victims = _victims(tmp_path)
    _add_to_list(ctx, out, ["../victim.txt", "../deep/folder/victim.txt", "/etc/hostname"])
    _any_edit(ctx, recs)
    _export(ctx, out)
    assert all(v.read_text() == "precious" for v in victims)
    assert (tmp_path / "deep" / "folder").is_dir()
    assert "../victim.txt" not in _listed(ctx, out)
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
    stamp = (outside / "index.html").stat()  # the stamp even matches
    _restamp(ctx, out, f"articles/{recs[0].slug}/index.html", stamp.st_size, stamp.st_mtime_ns)
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
    with ctx.session() as s:  # the check of every file (verify) finds it
        result = export_site(s, out, load_theme(ctx.resources), verify=True)
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
    """A folder exported by an older newsdesk (format 1: the files' list in the manifest,
    no stamps anywhere)."""
    out, recs = site
    files = {p: fp for p, (fp, _size, _mtime) in _listed(ctx, out).items()}
    (out / MANIFEST).write_text(json.dumps({"format": 1, "files": files}))
    with ctx.session() as s:
        update_article(s, recs[0].id, {"status": "archived"})
    _export(ctx, out)
    assert not (out / "articles" / recs[0].slug).exists()
