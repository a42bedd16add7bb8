"""``newsdesk doctor`` on a shared PostgreSQL library: reads it, never sets it up."""

from __future__ import annotations

from sqlalchemy import create_engine, inspect

from newsdesk.paths import resolve_paths
from newsdesk.services.doctor import run_checks
from newsdesk.storage.library import open_library


def _library_check(url: str):  # type: ignore[no-untyped-def]
    [check] = [c for c in run_checks(resolve_paths(url), gui=False).checks if c.name == "Library"]
    return check


def test_doctor_reports_an_empty_database_and_leaves_it_empty(pg_url: str) -> None:
    check = _library_check(pg_url)
    assert check.status == "ok" and "is empty; newsdesk sets it up" in check.detail
    engine = create_engine(pg_url)
    try:
        assert inspect(engine).get_table_names() == []
    finally:
        engine.dispose()


def test_doctor_reports_the_schema_of_a_library_in_use(pg_url: str) -> None:
    open_library(pg_url).close()
    check = _library_check(pg_url)
    assert check.status == "ok" and "(up to date)" in check.detail


def test_doctor_says_what_to_do_when_the_server_cannot_be_reached() -> None:
    check = _library_check("postgresql://desk:hidden-pw@127.0.0.1:1/newsroom")
    assert check.status == "fail" and "cannot reach" in check.detail
    assert "hidden-pw" not in check.detail and "PGPASSWORD" in check.advice
