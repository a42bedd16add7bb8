"""A new library made in one step from the recorded head schema is the library every
migration makes: the same ``sqlite_master``, the same rows, the same pragmas."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from newsdesk.storage import head_schema, newlib
from newsdesk.storage.library import open_library
from newsdesk.storage.quick import head_revision
from tests.conftest import REPO


def _picture(path: Path) -> dict[str, object]:
    conn = sqlite3.connect(path)
    try:
        master = sorted(conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        tables = [row[1] for row in master if row[0] == "table"]
        rows = {t: sorted(map(repr, conn.execute(f'SELECT * FROM "{t}"'))) for t in tables}
        pragmas = {
            p: conn.execute(f"PRAGMA {p}").fetchone()
            for p in ("user_version", "application_id", "journal_mode", "auto_vacuum")
        }
        check = conn.execute("PRAGMA integrity_check").fetchone()
    finally:
        conn.close()
    return {"master": master, "rows": rows, "pragmas": pragmas, "check": check}


def test_the_recorded_schema_is_the_newest_migration() -> None:
    assert head_revision() == head_schema.REVISION, (
        "a migration was added: remake the record with python -m newsdesk.storage.newlib"
    )


def test_a_new_library_is_the_migrated_one(tmp_path: Path) -> None:
    migrated = newlib.migrated_library(tmp_path)
    made = tmp_path / "made.newsdesk"
    assert newlib.create(made, head_schema.REVISION)
    assert _picture(made) == _picture(migrated)


def test_opening_a_new_file_makes_it_from_the_record(tmp_path: Path) -> None:
    lib = open_library(tmp_path / "new.newsdesk")
    try:
        assert lib.created
        with lib.engine.connect() as conn:
            version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
        assert version == head_revision()
    finally:
        lib.close()
    assert _picture(tmp_path / "new.newsdesk") == _picture(newlib.migrated_library(tmp_path))


def test_a_record_of_another_revision_is_not_used(tmp_path: Path) -> None:
    made = tmp_path / "made.newsdesk"
    assert not newlib.create(made, "9999")
    assert not made.exists() or made.stat().st_size == 0


def test_a_file_another_newsdesk_made_meanwhile_is_left_alone(tmp_path: Path) -> None:
    made = tmp_path / "made.newsdesk"
    assert newlib.create(made, head_schema.REVISION)
    before = _picture(made)
    assert not newlib.create(made, head_schema.REVISION)
    assert _picture(made) == before


def test_making_and_opening_a_library_at_head_imports_no_alembic(tmp_path: Path) -> None:
    """Alembic (a third of a second) is for migrating; a new or current library needs none."""
    code = (
        "import sys; from newsdesk.storage.library import open_library\n"
        "for _ in range(2):\n"
        f"    open_library({str(tmp_path / 'new.newsdesk')!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.startswith('alembic')))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
