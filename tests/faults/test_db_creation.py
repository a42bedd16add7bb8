"""A mistyped ``--db`` never silently makes an empty library: only a command that adds
something to a library (or ``--create``) creates one, and it says where."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli

READS = [
    ["article", "list"],
    ["article", "show", "1"],
    ["article", "history", "1"],
    ["search", "storm"],
    ["tag", "list"],
    ["settings", "show"],
    ["export", "site", "--out", "{t}/site"],
    ["trash", "list"],
    ["article", "edit", "1", "--headline", "x"],  # writes, but to an article that cannot be there
]


@pytest.mark.parametrize("args", READS, ids=lambda a: " ".join(a[:2]))
def test_a_missing_library_is_refused_and_not_created(tmp_path, args) -> None:
    typo = tmp_path / "libary.newsdesk"
    args = [a.replace("{t}", str(tmp_path)) for a in args]
    result = run_cli(*args, db=typo)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("newsdesk: error:"), result.stderr
    assert str(typo) in lines[0] and "--create" in lines[0]
    assert not typo.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # no -wal, no folder, nothing


def test_create_makes_the_library_and_says_where(tmp_path) -> None:
    new = tmp_path / "sub" / "new.newsdesk"
    result = run_cli("--create", "article", "list", db=new)
    assert result.returncode == 0, result.stderr
    assert new.is_file()
    assert f"created a new library at {new}" in result.stderr
    again = run_cli("article", "list", db=new)
    assert again.returncode == 0 and "created" not in again.stderr


def test_adding_an_article_creates_the_library_and_says_where(tmp_path) -> None:
    new = tmp_path / "new.newsdesk"
    result = run_cli("article", "add", "--headline", "First story", db=new)
    assert result.returncode == 0, result.stderr
    assert f"created a new library at {new}" in result.stderr
    assert "First story" in run_cli("article", "list", db=new).stdout


def test_the_default_library_is_still_made_on_first_use(tmp_path) -> None:
    """No --db: the default library (and its sample articles) appear as before, as on the
    GUI's first run and in scripts/run-app.sh."""
    result = run_cli("article", "list", env={"NEWSDESK_BASEDIR": str(tmp_path / "profile")})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip()  # the sample articles


def test_newsdesk_db_from_the_environment_follows_the_same_rule(tmp_path) -> None:
    typo = tmp_path / "typo.newsdesk"
    result = run_cli("article", "list", env={"NEWSDESK_DB": str(typo)})
    assert result.returncode == 1 and not typo.exists(), result.stderr
