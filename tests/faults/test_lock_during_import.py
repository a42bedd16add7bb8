"""Saving while another process runs a long import (a real import of a generated WXR in a
second process): the import holds the library's write lock only while it writes, so a save
made while it reads goes straight in; a save made while it writes waits its turn and is kept,
never lost to "database is locked"."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO, run_cli
from tests.wxrgen import write_wxr

ENV = {**os.environ, "PYTHONPATH": str(REPO / "src")}


def _start_import(tmp_path: Path, db_path: Path) -> subprocess.Popen[str]:
    """A library with one article, and an import of 4,000 posts into it under way."""
    added = run_cli("article", "add", "--headline", "Harbour vote", db=db_path)
    assert added.returncode == 0, added.stderr
    archive = write_wxr(tmp_path / "archive.wxr", 4000)
    return subprocess.Popen(
        [sys.executable, "-m", "newsdesk", "--db", str(db_path), "import", str(archive)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV,
    )  # fmt: skip


def _wait_for_posts(importer: subprocess.Popen[str], stage: str = "") -> None:
    """Until the import reports posts done (``stage``: in that step, "Reading"/"Importing")."""
    assert importer.stderr is not None
    for line in importer.stderr:
        if f"{stage} archive.wxr: ".lstrip() in line and not line.split(": ")[-1].startswith("0/"):
            return
    raise AssertionError("the import reported no progress")


def _count(db_path: Path) -> int:
    with sqlite3.connect(db_path) as db:
        return int(db.execute("SELECT count(*) FROM article").fetchone()[0])


def test_a_save_while_an_import_reads_is_not_kept_waiting(tmp_path: Path, db_path: Path) -> None:
    importer = _start_import(tmp_path, db_path)
    try:
        _wait_for_posts(importer)  # the first posts are done: it is under way
        # Held still where it is: had it taken the write lock, the save below would wait for
        # it (ten minutes) and run_cli's timeout would fail the test.
        importer.send_signal(signal.SIGSTOP)
        try:
            edited = run_cli(
                "article", "edit", "1", "--headline", "Harbour vote passes", db=db_path
            )
            assert edited.returncode == 0, edited.stderr
            assert _count(db_path) == 1  # the import has written nothing yet
        finally:
            importer.send_signal(signal.SIGCONT)
        remaining = importer.communicate(timeout=600)
    finally:
        importer.kill()
    assert importer.returncode == 0, remaining[1]
    assert "Harbour vote passes" in run_cli("article", "show", "1", db=db_path).stdout
    assert _count(db_path) == 4001


def test_a_save_while_an_import_writes_waits_and_is_kept(tmp_path: Path, db_path: Path) -> None:
    importer = _start_import(tmp_path, db_path)
    try:
        _wait_for_posts(importer, "Importing")  # writing: it holds the lock until it commits
        edited = run_cli("article", "edit", "1", "--headline", "Harbour vote passes", db=db_path)
        remaining = importer.communicate(timeout=600)
    finally:
        importer.kill()
    assert edited.returncode == 0, edited.stderr
    assert importer.returncode == 0, remaining[1]
    assert "Traceback" not in edited.stderr
    assert "Harbour vote passes" in run_cli("article", "show", "1", db=db_path).stdout
    assert _count(db_path) == 4001
    with sqlite3.connect(db_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
