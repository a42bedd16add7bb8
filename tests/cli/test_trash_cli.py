"""``newsdesk article delete`` moves to the Trash; ``newsdesk trash list|restore|empty``;
a headline is required on the command line."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def _add(db: Path, headline: str, *extra: str) -> str:
    added = run_cli("article", "add", "--headline", headline, *extra, db=db)
    assert added.returncode == 0, added.stderr
    return added.stdout.strip()


def test_delete_goes_to_the_trash_and_restore_brings_it_back(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    gone = _add(db, "Harbour cranes return", "--tag", "Ports", "--byline", "Noor Kassem")
    kept = _add(db, "Tide tables")
    deleted = run_cli("article", "delete", gone, db=db)
    assert deleted.returncode == 0, deleted.stderr
    assert "Trash" in deleted.stdout
    listed = json.loads(run_cli("article", "list", "--json", db=db).stdout)
    assert [a["id"] for a in listed] == [int(kept)]
    assert run_cli("search", "cranes", "--json", db=db).stdout.strip() in ("[]", "")
    trash = json.loads(run_cli("trash", "list", "--json", db=db).stdout)
    assert [(t["article_id"], t["headline"]) for t in trash] == [
        (int(gone), "Harbour cranes return")
    ]
    human = run_cli("trash", "list", db=db).stdout
    assert "Harbour cranes return" in human
    restored = run_cli("trash", "restore", gone, "--json", db=db)
    assert restored.returncode == 0, restored.stderr
    (back,) = json.loads(restored.stdout)
    assert back["tags"] == ["Ports"] and back["byline"] == ["Noor Kassem"]
    assert json.loads(run_cli("trash", "list", "--json", db=db).stdout) == []
    missing = run_cli("trash", "restore", "999", db=db)
    assert missing.returncode == 1 and "No article '999' in the Trash" in missing.stderr


def test_emptying_asks_once_and_needs_yes_without_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    first, second = _add(db, "One"), _add(db, "Two")
    assert run_cli("article", "delete", first, second, db=db).returncode == 0
    refused = run_cli("trash", "empty", db=db, input="")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert len(json.loads(run_cli("trash", "list", "--json", db=db).stdout)) == 2
    emptied = run_cli("trash", "empty", "--yes", "--json", db=db)
    assert json.loads(emptied.stdout) == {"deleted": 2}
    assert run_cli("trash", "list", db=db).stdout.strip() == "The Trash is empty."


def test_permanent_delete_skips_the_trash(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    art = _add(db, "Gone for good")
    assert run_cli("article", "delete", art, "--permanent", db=db).returncode == 0
    assert json.loads(run_cli("trash", "list", "--json", db=db).stdout) == []


def test_an_empty_or_blank_headline_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    assert run_cli("--create", "article", "list", db=db).returncode == 0
    for headline in ("", "   "):
        added = run_cli("article", "add", "--headline", headline, db=db)
        assert added.returncode == 1 and "A headline is required" in added.stderr
    assert json.loads(run_cli("article", "list", "--json", db=db).stdout) == []
    art = _add(db, "  Spaces around  ")
    shown = json.loads(run_cli("article", "show", art, "--json", db=db).stdout)
    assert shown["headline"] == "Spaces around"
    blanked = run_cli("article", "edit", art, "--headline", " ", db=db)
    assert blanked.returncode == 1 and "A headline is required" in blanked.stderr


def test_a_new_article_takes_the_sites_language(tmp_path: Path, capsys) -> None:
    from newsdesk.cli.main import main

    db = str(tmp_path / "lib.newsdesk")
    assert main(["--db", db, "article", "add", "--headline", "Colour", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "en-GB"
    assert (
        main(["--db", db, "article", "add", "--headline", "Farbe", "--language", "de", "--json"])
        == 0
    )
    assert json.loads(capsys.readouterr().out)["language"] == "de"
