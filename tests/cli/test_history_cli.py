"""``article edit`` records revisions; ``article history|diff|restore`` read and undo them."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_cli


def _json(*args: str, db: Path, input: str | None = None) -> object:
    result = run_cli(*args, "--json", db=db, input=input)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_edit_history_diff_restore_round_trip(tmp_path: Path, db_path: Path) -> None:
    body = tmp_path / "body.md"
    body.write_text("The council voted on Tuesday to approve the seawall.", encoding="utf-8")
    art = _json(
        "article", "add", "--headline", "Seawall vote", "--body-file", str(body),
        "--section", "World", db=db_path,
    )  # fmt: skip
    article = str(art["id"])
    assert [r["summary"] for r in _json("article", "history", article, db=db_path)] == [
        "first version"
    ]
    # Saving the same text again adds no duplicate.
    _json("article", "edit", article, "--body-file", str(body), db=db_path)
    assert len(_json("article", "history", article, db=db_path)) == 1
    body.write_text("The city council voted on Monday to approve the seawall.", encoding="utf-8")
    _json("article", "edit", article, "--body-file", str(body), "--tag", "climate", db=db_path)

    history = _json("article", "history", article, db=db_path)
    assert [r["kind"] for r in history] == ["save", "save"]
    new, old = history[0]["number"], history[1]["number"]
    assert history[0]["summary"].startswith("+2 −1 words")

    d = _json("article", "diff", article, str(old), str(new), db=db_path)
    assert d["body"]["inserted"] == ["city", "Monday"] and d["body"]["deleted"] == ["Tuesday"]
    assert {f["field"] for f in d["fields"]} == {"tags"}
    plain = run_cli("article", "diff", article, str(old), str(new), db=db_path)
    assert "[-Tuesday-] {+Monday+}" in plain.stdout

    restored = _json("article", "restore", article, str(old), db=db_path)
    assert "Tuesday" in restored["article"]["body"] and restored["article"]["tags"] == []
    undo = restored["undo_revision"]["number"]
    back = _json("article", "restore", article, str(undo), db=db_path)
    assert "Monday" in back["article"]["body"] and back["article"]["tags"] == ["climate"]

    missing = run_cli("article", "diff", article, "9999", db=db_path)
    assert missing.returncode == 1 and "no revision 9999" in missing.stderr


def test_revisions_are_numbered_per_article_as_edit_reports_them(
    tmp_path: Path, db_path: Path
) -> None:
    """After ``2 updated (version 2; revision 2)``, ``article diff 2 1 2`` works: revision
    numbers run 1, 2, 3… within each article, not across the library."""
    body = tmp_path / "body.md"
    body.write_text("Harbour works begin in spring.", encoding="utf-8")
    for headline in ("Ferry timetable", "Harbour works"):
        added = run_cli(
            "article", "add", "--headline", headline, "--body-file", str(body), db=db_path
        )
        assert added.returncode == 0, added.stderr
    body.write_text("Harbour works begin in early spring.", encoding="utf-8")
    run_cli("article", "edit", "1", "--headline", "Ferry timetable changes", db=db_path)
    edited = run_cli("article", "edit", "2", "--body-file", str(body), db=db_path)
    assert edited.returncode == 0, edited.stderr
    assert "2 updated (version 2; revision 2)" in edited.stdout

    history = run_cli("article", "history", "2", db=db_path).stdout.splitlines()
    assert [line.split()[0] for line in history[2:]] == ["2", "1"]
    diff = run_cli("article", "diff", "2", "1", "2", db=db_path)
    assert diff.returncode == 0, diff.stderr
    assert "{+early+}" in diff.stdout
    restored = run_cli("article", "restore", "2", "1", db=db_path)
    assert restored.returncode == 0, restored.stderr
    assert "Undo with: newsdesk article restore 2 3" in restored.stdout
    assert "Harbour works begin in spring." in run_cli("article", "show", "2", db=db_path).stdout
