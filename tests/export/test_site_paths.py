"""Site export never writes outside its folder: slugs from a bundle manifest or typed by hand
are refused when stored, and checked again when the site's paths are built."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import text

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.safe_paths import inside
from newsdesk.errors import ImportFailed, UserError
from newsdesk.export.bundle import export_bundle
from newsdesk.export.site import export_site
from newsdesk.importers.bundle import import_bundle
from newsdesk.render.page import load_theme
from newsdesk.services.opening import open_context
from tests.conftest import run_cli
from tests.importers.test_bundle import _rehash, _rewrite
from tests.newsroom import dump

EVIL = "../../../escaped"


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


def _bundle(ctx, tmp_path: Path) -> Path:
    with ctx.session() as s:
        rec = create_article(
            s,
            ArticleRecord(
                headline="Sea wall", body="Text.", section="World", tags=["Energy"],
                status="published",
            ),
        )  # fmt: skip
        export_bundle(s, [rec.id], tmp_path / "b.zip", load_theme(ctx.resources))
    return tmp_path / "b.zip"


def _poison(key: str):
    def edit(files: dict[str, bytes]) -> None:
        manifest = json.loads(files["manifest.json"])
        for entry in manifest[key]:
            entry["slug"] = EVIL
        files["manifest.json"] = json.dumps(manifest).encode()
        _rehash(files)

    return edit


@pytest.mark.parametrize("key", ["sections", "tags"])
def test_a_bundle_with_a_path_as_slug_is_refused_whole(ctx, tmp_path, key) -> None:
    bad = _rewrite(_bundle(ctx, tmp_path), tmp_path / "bad.zip", _poison(key))
    other = open_context(str(tmp_path / "other.newsdesk"), seed=False)
    try:
        with other.session() as s:
            before = dump(s)
        with pytest.raises(ImportFailed, match="not a valid slug"), other.session() as s:
            import_bundle(s, bad)
        with other.session() as s:
            assert dump(s) == before
    finally:
        other.close()


@pytest.mark.heavy
def test_section_add_refuses_a_path_as_slug(db_path, tmp_path) -> None:
    result = run_cli("section", "add", "World", "--slug", EVIL, db=db_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "not a valid slug" in result.stderr
    assert "World" not in run_cli("section", "list", db=db_path).stdout


@pytest.mark.heavy
def test_section_add_takes_a_slug_in_any_script(db_path) -> None:
    result = run_cli("section", "add", "Cairo", "--slug", "القاهرة", db=db_path)
    assert result.returncode == 0, result.stderr
    assert "القاهرة" in run_cli("section", "list", db=db_path).stdout


@pytest.mark.parametrize("table", ["section", "tag", "article"])
def test_a_bad_slug_already_in_the_library_stops_the_export_before_any_write(
    ctx, tmp_path, table
) -> None:
    """A library written before the rule (or edited by hand) may hold such a slug."""
    with ctx.session() as s:
        create_article(
            s,
            ArticleRecord(
                headline="Sea wall", body="Text.", section="World", tags=["Energy"],
                status="published",
            ),
        )  # fmt: skip
        s.execute(text(f"UPDATE {table} SET slug = :slug"), {"slug": EVIL})
    out = tmp_path / "a" / "b" / "site"
    with pytest.raises(UserError, match="not a valid slug"), ctx.session() as s:
        export_site(s, out, load_theme(ctx.resources))
    assert not (tmp_path / "escaped").exists()
    assert _files(tmp_path) <= {"a", "a/b", "library.newsdesk", "library.newsdesk-wal",
                                "library.newsdesk-shm"}  # fmt: skip


@pytest.mark.heavy
def test_the_section_slug_written_by_the_cli_is_where_the_pages_go(db_path, tmp_path) -> None:
    assert run_cli("section", "add", "Cairo", "--slug", "القاهرة", db=db_path).returncode == 0
    r = run_cli(
        "article", "add", "--headline", "Nile", "--section", "Cairo", "--status", "published",
        "--body-file", "-", db=db_path, input="Text.",
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = tmp_path / "site"
    r = run_cli("export", "site", "--out", str(out), db=db_path)
    assert r.returncode == 0, r.stderr
    assert (out / "sections" / "القاهرة" / "index.html").is_file()
    assert not any(".." in p for p in _files(out))


def test_a_write_through_a_planted_symlinked_folder_is_refused(tmp_path) -> None:
    site, outside = tmp_path / "site", tmp_path / "outside"
    site.mkdir()
    outside.mkdir()
    (site / "sections").symlink_to(outside)
    with pytest.raises(UserError, match="outside"):
        inside(site, "sections/world/index.html")
    for rel in ["../x", "/etc/passwd", "a//b", "a/./b", "a\\b", "a/\x00"]:
        with pytest.raises(UserError, match="Refused"):
            inside(site, rel)
    assert inside(site, "articles/القاهرة/index.html") == site / "articles/القاهرة/index.html"
