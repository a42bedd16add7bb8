"""Bad arguments and odd paths end in one clear ``newsdesk: error:`` line and status 1."""

from __future__ import annotations

import os

import pytest

from tests.conftest import run_cli


@pytest.fixture
def odd(tmp_path):
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.txt").write_text("not a folder")
    os.mkfifo(tmp_path / "pipe")
    return tmp_path


CASES = {
    "huge id": (["article", "show", "999999999999999999999999"], "No article"),
    "db is a folder": (["--db", "{t}/folder", "article", "list"], "not a library file"),
    "db is /dev/null": (["--db", "/dev/null", "article", "list"], "not a library file"),
    "db is a pipe": (["--db", "{t}/pipe", "article", "list"], "not a library file"),
    "site into a file": (["export", "site", "--out", "{t}/file.txt"], "is a file"),
    "date past the end": (
        ["article", "add", "--headline", "x", "--date", "9999-12-31T23:59:59-05:00"],
        "out of range",
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_one_clear_line_and_status_1(odd, db_path, case) -> None:
    assert run_cli("--create", "article", "list", db=db_path).returncode == 0
    args, hint = CASES[case]
    args = [a.replace("{t}", str(odd)) for a in args]
    result = run_cli(*args, db=None if "--db" in args else db_path)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("newsdesk: error:"), result.stderr
    assert hint in lines[0]


def test_tags_whose_slugs_collide_are_one_tag(db_path) -> None:
    result = run_cli(
        "article", "add", "--headline", "Coffee", "--tag", "café", "--tag", "cafe", db=db_path
    )
    assert result.returncode == 0, result.stderr
    shown = run_cli("tag", "list", db=db_path).stdout
    assert "café" in shown
