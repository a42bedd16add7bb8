"""A damaged library (random pages in the middle of the file) is opened read-only: writes are
refused with one clear line saying how to recover, reads give a clear line instead of a
traceback, the file stays byte-identical, and ``newsdesk library recover --out NEW`` copies
what can be read into a new, sound library."""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.services.opening import open_context
from tests.conftest import run_cli

N_ARTICLES = 240


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _quick_check(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("PRAGMA quick_check(5)")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    finally:
        conn.close()


def damaged_library(path: Path, seed: int = 7) -> Path:
    """A library of N_ARTICLES articles with a few random pages in the middle of the file."""
    ctx = open_context(str(path), seed=False)
    with ctx.session() as s:
        for i in range(N_ARTICLES):
            create_article(
                s,
                ArticleRecord(
                    headline=f"Story {i}", body=f"Paragraph of story {i}. " * 60,
                    section="World", tags=[f"T{i % 7}"], status="published",
                ),
            )  # fmt: skip
    ctx.close()  # the last connection merges the WAL into the file
    page = 4096
    data = bytearray(path.read_bytes())
    pages = len(data) // page
    rng = random.Random(seed)
    for n in rng.sample(range(pages * 2 // 5, pages * 3 // 5), 4):
        data[n * page : (n + 1) * page] = rng.randbytes(page)
    path.write_bytes(bytes(data))
    assert _quick_check(path) != ["ok"]
    return path


@pytest.fixture
def damaged(tmp_path) -> Path:
    return damaged_library(tmp_path / "damaged.newsdesk")


def _one_clear_line(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if line.startswith("newsdesk: error:")]
    assert len(errors) == 1, result.stderr
    return errors[0]


@pytest.mark.parametrize(
    "args",
    [
        ("article", "add", "--headline", "New one"),
        ("article", "edit", "1", "--headline", "Changed"),
        ("section", "add", "Sport"),
        ("settings", "set", "site_name", "Gazette"),
    ],
)
def test_writes_to_a_damaged_library_are_refused_and_the_file_is_unchanged(damaged, args) -> None:
    before = _digest(damaged)
    result = run_cli(*args, db=damaged)
    assert result.returncode == 1
    line = _one_clear_line(result)
    assert "damaged" in line and "read-only" in line and "library recover" in line
    assert _digest(damaged) == before


@pytest.mark.parametrize(
    "args",
    [("article", "list"), ("search", "story"), ("export", "site", "--out", "{tmp}/site")],
)
def test_reading_a_damaged_library_never_ends_in_a_traceback(damaged, tmp_path, args) -> None:
    before = _digest(damaged)
    result = run_cli(*[a.replace("{tmp}", str(tmp_path)) for a in args], db=damaged)
    assert "Traceback" not in result.stderr, result.stderr
    if result.returncode != 0:
        assert result.returncode == 1
        assert "damaged" in _one_clear_line(result)
    assert _digest(damaged) == before


def test_the_damage_is_announced_with_the_way_to_recover(damaged) -> None:
    result = run_cli("section", "list", db=damaged)
    assert "damaged" in result.stderr and "library recover --out" in result.stderr


def test_recover_copies_what_can_be_read_into_a_new_sound_library(damaged, tmp_path) -> None:
    before = _digest(damaged)
    new = tmp_path / "recovered.newsdesk"
    result = run_cli("library", "recover", "--out", str(new), db=damaged)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert _digest(damaged) == before
    assert _quick_check(new) == ["ok"]
    conn = sqlite3.connect(new)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        n = conn.execute("SELECT count(*) FROM article").fetchone()[0]
    finally:
        conn.close()
    assert N_ARTICLES // 2 < n <= N_ARTICLES
    assert f"{n} of" in result.stdout or str(n) in result.stdout
    _assert_lost_rowids_read_sensibly(result.stdout)
    # The recovered library works: writes, search and list.
    assert run_cli("article", "add", "--headline", "After", db=new).returncode == 0
    listing = run_cli("article", "list", db=new)
    assert listing.returncode == 0 and "After" in listing.stdout
    found = run_cli("search", "Paragraph", db=new)
    assert found.returncode == 0 and "Story" in found.stdout


def test_recover_refuses_to_overwrite(damaged, tmp_path) -> None:
    new = tmp_path / "exists.newsdesk"
    new.write_text("mine")
    result = run_cli("library", "recover", "--out", str(new), db=damaged)
    assert result.returncode == 1 and new.read_text() == "mine"
    _one_clear_line(result)


def _assert_lost_rowids_read_sensibly(report: str) -> None:
    """Each stretch of lost rows is ``first-last`` (first <= last) or a single row: never
    ``5-4`` (it printed one row lost as that)."""
    for line in report.splitlines():
        if "unreadable rowids" in line:
            stretches = line.split("unreadable rowids ", 1)[1].split(";")[0].split(", ")
            for stretch in stretches:
                first, _, last = stretch.partition("-")
                assert int(first) <= int(last or first), line


def test_one_lost_row_is_reported_as_that_row() -> None:
    from newsdesk.storage.recover import TableCopy

    copy = TableCopy("article", copied=6, skipped_ranges=[(5, 5), (9, 12)])
    assert copy.lost_rowids() == "5, 9-12"
