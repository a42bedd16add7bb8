"""The command line: first run, user errors, JSON output."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def test_default_library_is_created_with_sample_content(tmp_path: Path) -> None:
    env = {"NEWSDESK_BASEDIR": str(tmp_path / "profile")}
    listed = run_cli("article", "list", "--json", env=env)
    assert listed.returncode == 0, listed.stderr
    articles = json.loads(listed.stdout)
    assert len(articles) >= 6
    assert len({a["section"] for a in articles}) >= 4
    assert (tmp_path / "profile" / "data" / "library.newsdesk").is_file()
    tags = json.loads(run_cli("tag", "list", "--json", env=env).stdout)
    assert any(t["articles"] >= 2 for t in tags)


def test_library_chosen_with_db_is_created_empty(tmp_path: Path) -> None:
    """With --create (a read command alone refuses a missing library: tests/faults/
    test_db_creation.py)."""
    db = tmp_path / "sub" / "mine.newsdesk"
    out = run_cli("--create", "article", "list", "--json", db=db)
    assert out.returncode == 0 and json.loads(out.stdout) == [] and db.is_file()
    env_db = run_cli("article", "list", "--json", env={"NEWSDESK_DB": str(db)})
    assert json.loads(env_db.stdout) == []


def test_user_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    for args in (
        ["article", "show", "404"],
        [
            "article",
            "add",
            "--headline",
            "x",
            "--section",
            "World",
            "--body-file",
            str(tmp_path / "missing.md"),
        ],
        ["export", "html", "nope", "--out", str(tmp_path / "o")],
        ["settings", "set", "no_such_setting", "1"],
    ):
        result = run_cli(*args, db=db)
        assert result.returncode != 0, args
        assert result.stderr.startswith("newsdesk: error: "), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_body_from_stdin_edit_and_delete(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    added = run_cli(
        "article",
        "add",
        "--headline",
        "Stdin story",
        "--section",
        "Culture",
        "--body-file",
        "-",
        "--tag",
        "arts",
        input="From *stdin*.\n",
        db=db,
    )
    assert added.returncode == 0, added.stderr
    art_id = added.stdout.strip()
    edited = run_cli(
        "article", "edit", art_id, "--add-tag", "music", "--status", "ready", "--json", db=db
    )
    data = json.loads(edited.stdout)
    assert (
        data["tags"] == ["arts", "music"]
        and data["status"] == "ready"
        and data["body"] == "From *stdin*.\n"
    )
    stale = run_cli("article", "edit", art_id, "--headline", "Late", "--expect-version", "1", db=db)
    assert stale.returncode != 0 and "changed elsewhere" in stale.stderr
    assert run_cli("article", "delete", art_id, db=db).returncode == 0
    assert json.loads(run_cli("article", "list", "--json", db=db).stdout) == []


def test_sections_and_search_from_cli(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    assert run_cli("section", "add", "Opinion", db=db).returncode == 0
    renamed = run_cli("section", "rename", "Opinion", "Comment", "--json", db=db)
    assert json.loads(renamed.stdout)["slug"] == "comment"
    run_cli(
        "article",
        "add",
        "--headline",
        "Tide tables",
        "--section",
        "Comment",
        "--body-file",
        "-",
        input="Spring tides arrive.\n",
        db=db,
    )
    hits = json.loads(run_cli("search", "tides", "--json", db=db).stdout)
    assert [h["headline"] for h in hits] == ["Tide tables"] and "<mark>" in hits[0]["snippet"]


def test_article_add_needs_only_a_headline_and_output_stops_quietly_in_a_pipe(
    tmp_path: Path,
) -> None:
    import os
    import subprocess
    import sys

    db = tmp_path / "lib.newsdesk"
    added = run_cli("article", "add", "--headline", "Council meets", "--json", db=db)
    assert added.returncode == 0, added.stderr
    shown = json.loads(run_cli("article", "show", "council-meets", "--json", db=db).stdout)
    assert shown["headline"] == "Council meets" and shown["section"] is None
    long = run_cli("article", "add", "--headline", "Filler", "--body-file", "-", db=db,
                   input="word " * 40_000)  # more than a pipe buffer holds  # fmt: skip
    assert long.returncode == 0, long.stderr
    # `newsdesk article show filler | head -1`: the reader leaves after one line.
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db), "article", "show", "filler"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(60) == 141 and "Traceback" not in err and "BrokenPipe" not in err


def test_desk_set_needs_no_library_and_desk_show_reads_it(tmp_path):
    done = run_cli("desk", "set", "Ana Test", "--email", "a@x.org")
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "lib.newsdesk").exists()
    shown = run_cli("--create", "desk", "show", db=tmp_path / "lib.newsdesk")
    assert shown.returncode == 0, shown.stderr
    assert "Ana Test <a@x.org>" in shown.stdout
