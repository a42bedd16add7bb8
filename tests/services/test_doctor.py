"""``newsdesk doctor``: a healthy library passes, a damaged or newer one is reported with what
to do, and the file is never changed (it is only opened read-only)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from newsdesk.domain.report import DoctorReport
from newsdesk.paths import resolve_paths
from newsdesk.services.doctor import check_library, run_checks
from tests.conftest import run_cli


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _by_name(report: DoctorReport) -> dict[str, tuple[str, str, str]]:
    return {c.name: (c.status, c.detail, c.advice) for c in report.checks}


def _closed_library(sample_ctx) -> Path:  # type: ignore[no-untyped-def]
    path = sample_ctx.paths.db_path
    sample_ctx.close()  # the last connection merges the WAL into the file
    assert not path.with_name(path.name + "-wal").exists()
    return path


@pytest.mark.heavy
def test_healthy_library_passes_every_check_including_qt(sample_ctx) -> None:  # type: ignore[no-untyped-def]
    path = _closed_library(sample_ctx)
    result = run_cli("doctor", "--json", db=path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    statuses = {c["name"]: c["status"] for c in report["checks"]}
    assert report["ok"] is True
    assert statuses["Qt and QtWebEngine"] == "ok"
    assert statuses["PySide6"] == "ok"
    for name in ("Library integrity", "Foreign keys", "Library schema", "Free disk space"):
        assert statuses[name] == "ok", report


def test_damaged_pages_are_reported_and_the_file_is_left_byte_identical(sample_ctx) -> None:  # type: ignore[no-untyped-def]
    path = _closed_library(sample_ctx)
    with sqlite3.connect(path) as conn:
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name='article'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size + page_size // 2  # the cells of the article table's root page
    data[start : start + page_size // 2] = bytes([0x5A]) * (page_size // 2)
    path.write_bytes(bytes(data))
    before = _digest(path)

    checks = _by_name(run_checks(resolve_paths(str(path)), gui=False))

    status, detail, advice = checks["Library integrity"]
    assert status == "fail" and "damaged" in detail and "out of order" in detail
    assert "not changed" in advice and ".recover" in advice
    assert _digest(path) == before
    assert [p.name for p in path.parent.iterdir()] == [path.name], "nothing written beside it"


def test_wrecked_schema_is_reported_not_raised(sample_ctx) -> None:  # type: ignore[no-untyped-def]
    path = _closed_library(sample_ctx)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    path.write_bytes(bytes(data))
    before = _digest(path)
    result = run_cli("doctor", "--no-gui", db=path)
    assert result.returncode == 1
    assert "FAIL  Library integrity" in result.stdout
    assert "restore it from a backup" in result.stdout.lower()
    assert _digest(path) == before


@pytest.mark.heavy
def test_library_from_a_newer_newsdesk_is_reported(sample_ctx) -> None:  # type: ignore[no-untyped-def]
    path = _closed_library(sample_ctx)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    before = _digest(path)
    result = run_cli("doctor", "--no-gui", "--json", db=path)
    assert result.returncode == 1
    schema = next(c for c in json.loads(result.stdout)["checks"] if c["name"] == "Library schema")
    assert schema["status"] == "fail"
    assert "newer" in schema["detail"] and "Update newsdesk" in schema["advice"]
    assert _digest(path) == before


def test_not_a_library_and_missing_library(tmp_path: Path) -> None:
    missing = check_library(tmp_path / "nothing.newsdesk")
    assert [c.status for c in missing] == ["ok"] and "does not exist yet" in missing[0].detail
    shopping = tmp_path / "list.newsdesk"
    shopping.write_text("eggs, milk\n" * 50)
    checks = {c.name: c for c in check_library(shopping)}
    assert (
        checks["Library"].status == "fail" and "not an SQLite database" in checks["Library"].detail
    )


def test_doctor_does_not_create_a_missing_library(tmp_path: Path) -> None:
    target = tmp_path / "new.newsdesk"
    result = run_cli("doctor", "--no-gui", db=target)
    assert result.returncode == 0, result.stdout
    assert not target.exists()


def test_library_in_use_is_checked_through_its_wal(sample_ctx) -> None:  # type: ignore[no-untyped-def]
    with sample_ctx.session() as session:  # keep a connection open: the WAL stays
        session.exec(text("SELECT 1"))
        path = sample_ctx.paths.db_path
        wal = path.with_name(path.name + "-wal")
        assert wal.exists()
        before = _digest(path)
        checks = _by_name(run_checks(resolve_paths(str(path)), gui=False))
    assert checks["Library integrity"][0] == "ok"
    assert checks["Write-ahead log"][0] == "ok" and "present" in checks["Write-ahead log"][1]
    assert _digest(path) == before


def test_a_device_or_an_unwritable_library_does_not_pass(sample_ctx, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Issue 13: ``--db /dev/null`` and a ``chattr +i`` library used to get "All checks passed"."""
    device = {c.name: c for c in check_library(Path("/dev/null"))}
    assert device["Library"].status == "fail" and "not a file" in device["Library"].detail
    result = run_cli("doctor", "--no-gui", db=Path("/dev/null"))
    assert result.returncode != 0 and "All checks passed" not in result.stdout

    path = sample_ctx.paths.db_path
    sample_ctx.close()
    import subprocess

    if subprocess.run(["chattr", "+i", str(path)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not allowed here")
    try:
        checks = {c.name: c for c in check_library(path)}
        assert checks["Library access"].status == "fail"
        assert "cannot be written" in checks["Library access"].detail
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)
