"""The last Low items of the hardening issue, end to end through the ``newsdesk`` command:
each hostile input is one clear ``newsdesk: error:`` line, status 1, the library unchanged;
and newsdesk's own output is never taken for an attack."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest

from tests.conftest import run_cli


def _one_error_line(result) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    # progress lines ("Bundling articles: 1/3") go to stderr too; messages start "newsdesk:"
    lines = [line for line in result.stderr.splitlines() if line.startswith("newsdesk")]
    assert len(lines) == 1 and lines[0].startswith("newsdesk: error:"), result.stderr
    return lines[0]


@pytest.fixture
def library(db_path: Path) -> Path:
    added = run_cli("article", "add", "--headline", "Already here", db=db_path)
    assert added.returncode == 0, added.stderr
    return db_path


def _articles(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, headline, version FROM article ORDER BY id").fetchall()


NINJS_WRONG_TYPES = {
    "subjects a number": ('"subjects": 5', "'subjects' must be a list"),
    "subjects text": ('"subjects": "sport"', "'subjects' must be a list"),
    "subject name a number": ('"subjects": [{"name": 5, "rel": "section"}]', "must be text"),
    "people an object": ('"people": {"name": "x"}', "'people' must be a list"),
    "headline a number": ('"headline": 5', "'headline' must be text"),
    "deep nesting": ('"subjects": ' + "[" * 100_000 + "]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("case", sorted(NINJS_WRONG_TYPES))
def test_ninjs_fields_of_the_wrong_type_are_refused(library, tmp_path, case) -> None:
    field, hint = NINJS_WRONG_TYPES[case]
    item = tmp_path / "item.json"
    item.write_text(
        '{"uri": "urn:newsdesk:x", "headline": "h", "body_html": "<p>x</p>", ' + field + "}"
    )
    before = _articles(library)
    line = _one_error_line(run_cli("import", str(item), db=library))
    assert hint in line and "item.json" in line
    assert _articles(library) == before


def _bundle_of(db: Path, tmp_path: Path, ids: list[str], name: str = "b.zip") -> Path:
    out = tmp_path / name
    result = run_cli("export", "bundle", *ids, "--out", str(out), db=db)
    assert result.returncode == 0, result.stderr
    return out


def _rewrite_entry(src: Path, dest: Path, suffix: str, data: bytes | None = None) -> str:
    """Copy a bundle; the entry ending in ``suffix`` gets ``data`` (manifest re-hashed)."""
    with zipfile.ZipFile(src) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    name = next(n for n in files if n.endswith(suffix))
    if data is not None:
        files[name] = data
        manifest = json.loads(files["manifest.json"])
        for entry in manifest["files"]:
            if entry["path"] == name:
                entry["sha256"], entry["size"] = hashlib.sha256(data).hexdigest(), len(data)
        files["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for entry_name, entry_data in files.items():
            zf.writestr(entry_name, entry_data)
    return name


def test_a_corrupt_deflate_stream_is_refused(library, tmp_path) -> None:
    good = _bundle_of(library, tmp_path, ["1"])
    bad = tmp_path / "corrupt.zip"
    name = _rewrite_entry(good, bad, "index.html")
    with zipfile.ZipFile(bad) as zf:
        info = zf.getinfo(name)
    data = bytearray(bad.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 4, start + min(64, info.compress_size - 4)):
        data[k] ^= 0x5A  # the compressed bytes, not the headers: zipfile opens it fine
    bad.write_bytes(bytes(data))
    other = tmp_path / "other.newsdesk"
    assert run_cli("--create", "article", "list", db=other).returncode == 0
    line = _one_error_line(run_cli("import", str(bad), db=other))
    assert "damaged entry" in line and "nothing was imported" in line
    assert _articles(other) == []


def test_a_manifest_nested_100k_deep_is_refused(library, tmp_path) -> None:
    good = _bundle_of(library, tmp_path, ["1"])
    bad = tmp_path / "deep.zip"
    with zipfile.ZipFile(good) as zf:
        files = {n: zf.read(n) for n in zf.namelist()}
    files["manifest.json"] = b"[" * 100_000 + b"]" * 100_000
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    before = _articles(library)
    line = _one_error_line(run_cli("import", str(bad), db=library))
    assert "nested too deeply" in line
    assert _articles(library) == before


def test_our_own_bundle_of_a_large_repetitive_article_imports(library, tmp_path) -> None:
    """A body repeating one sentence compresses ~300:1; it is not a zip bomb."""
    body = tmp_path / "long.md"
    body.write_text(("All work and no play makes Jack a dull boy. " * 200 + "\n\n") * 400)
    added = run_cli(
        "article", "add", "--headline", "Repetitive", "--body-file", str(body), db=library
    )
    assert added.returncode == 0, added.stderr
    bundle = _bundle_of(library, tmp_path, ["2"])
    with zipfile.ZipFile(bundle) as zf:
        biggest = max(zf.infolist(), key=lambda i: i.file_size)
    assert biggest.file_size > 100 * biggest.compress_size  # what tripped the ratio limit
    other = tmp_path / "other.newsdesk"
    imported = run_cli("--create", "import", str(bundle), db=other)
    assert imported.returncode == 0, imported.stderr
    assert _articles(other)[0][1] == "Repetitive"


def test_a_missing_image_leaves_out_one_article_not_the_batch(library, tmp_path) -> None:
    bad = tmp_path / "bad.md"
    bad.write_text(f"Look: ![gone](asset:{'a' * 64})\n")
    good = tmp_path / "good.md"
    good.write_text("Plain words.\n")
    run_cli("article", "add", "--headline", "Broken image", "--body-file", str(bad), db=library)
    run_cli("article", "add", "--headline", "Fine story", "--body-file", str(good), db=library)
    out = tmp_path / "batch.zip"
    result = run_cli("export", "bundle", "1", "2", "3", "--out", str(out), db=library)
    line = _one_error_line(result)
    assert "Broken image" in line and "aaaaaaaaaaaa" in line
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    assert [a["headline"] for a in manifest["articles"]] == ["Already here", "Fine story"]


def test_a_library_whose_version_stamp_is_behind_its_schema_is_refused(library) -> None:
    with sqlite3.connect(library) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '0006'")
    before = _articles(library)
    line = _one_error_line(run_cli("article", "list", db=library))
    assert "says it is at revision 0006" in line and "library recover" in line
    with sqlite3.connect(library) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchall() == [("0006",)]
    assert _articles(library) == before
    assert sorted(p.name for p in library.parent.iterdir() if ".bak" in p.name) == []
