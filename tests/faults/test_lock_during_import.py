"""Saving while another process runs a long import: the edit waits its turn and is kept,
never lost to "database is locked" (a real import of a generated WXR in a second process)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, run_cli
from tests.wxrgen import write_wxr


def test_an_edit_during_a_long_import_is_saved(tmp_path: Path, db_path: Path) -> None:
    added = run_cli("article", "add", "--headline", "Harbour vote", db=db_path)
    assert added.returncode == 0, added.stderr
    archive = write_wxr(tmp_path / "archive.wxr", 4000)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    importer = subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db_path), "import", str(archive)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip
    try:
        assert importer.stderr is not None
        for line in importer.stderr:  # wait until posts are going in (the import holds the lock)
            if "Importing archive.wxr: " in line and not line.split(": ")[-1].startswith("0/"):
                break
        edited = run_cli("article", "edit", "1", "--headline", "Harbour vote passes", db=db_path)
        remaining = importer.communicate(timeout=600)
    finally:
        importer.kill()
    assert edited.returncode == 0, edited.stderr
    assert importer.returncode == 0, remaining[1]
    assert "Traceback" not in edited.stderr
    shown = run_cli("article", "show", "1", db=db_path)
    assert "Harbour vote passes" in shown.stdout
    with sqlite3.connect(db_path) as db:
        assert db.execute("SELECT count(*) FROM article").fetchone() == (4001,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
