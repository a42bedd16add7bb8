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
    new, old = history[0]["id"], history[1]["id"]
    assert history[0]["summary"].startswith("+2 −1 words")

    d = _json("article", "diff", article, str(old), str(new), db=db_path)
    assert d["body"]["inserted"] == ["city", "Monday"] and d["body"]["deleted"] == ["Tuesday"]
    assert {f["field"] for f in d["fields"]} == {"tags"}
    plain = run_cli("article", "diff", article, str(old), str(new), db=db_path)
    assert "[-Tuesday-] {+Monday+}" in plain.stdout

    restored = _json("article", "restore", article, str(old), db=db_path)
    assert "Tuesday" in restored["article"]["body"] and restored["article"]["tags"] == []
    undo = restored["undo_revision"]["id"]
    back = _json("article", "restore", article, str(undo), db=db_path)
    assert "Monday" in back["article"]["body"] and back["article"]["tags"] == ["climate"]

    missing = run_cli("article", "diff", article, "9999", db=db_path)
    assert missing.returncode == 1 and "no revision 9999" in missing.stderr
