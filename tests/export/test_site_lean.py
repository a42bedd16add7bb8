"""``newsdesk export site`` with nothing to do answers from the library file with the
standard library alone (no SQLAlchemy, Jinja2 or Markdown imported); after a few edits in
place it re-renders their pages on a plain sqlite3 connection (no SQLAlchemy, SQLModel or
Alembic); it goes the full way as soon as anything else differs: another base URL, a theme
file changed, --verify, a library file another program wrote."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from newsdesk.core.articles import update_article
from tests.conftest import REPO, run_cli
from tests.newsroom import populate

pytestmark = pytest.mark.heavy  # the real command in subprocesses

PROBE = (
    "import json, sys\n"
    "from newsdesk.cli.main import main\n"
    "code = main(sys.argv[1:])\n"
    "heavy = sorted(m for m in ('sqlalchemy', 'jinja2', 'markdown') if m in sys.modules)\n"
    "print(json.dumps({'heavy': heavy}), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _export(db: Path, out: Path, *extra: str) -> tuple[dict, list[str]]:
    """The command in a fresh process: its JSON report and the heavy modules it imported."""
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    cmd = [sys.executable, "-c", PROBE, "--db", str(db), "export", "site", "--out", str(out)]
    done = subprocess.run(
        [*cmd, "--json", *extra], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    heavy = json.loads(done.stderr.strip().splitlines()[-1])["heavy"]
    return json.loads(done.stdout), heavy


def test_nothing_to_do_is_told_without_the_heavy_modules(ctx, db_path, tmp_path) -> None:
    with ctx.session() as s:
        recs = populate(s, 6)
    out = tmp_path / "site"
    first = run_cli("export", "site", "--out", str(out), "--json", db=db_path)
    assert first.returncode == 0, first.stderr
    total = json.loads(first.stdout)["total"]

    report, heavy = _export(db_path, out)
    assert heavy == [] and report["written"] == 0 and report["total"] == total
    proc, names = _startup_imports(
        "--db", str(db_path), "export", "site", "--out", str(out), "--json"
    )
    assert proc.returncode == 0 and json.loads(proc.stdout)["written"] == 0
    # Neither is needed to tell it: together they were ~12 ms of a ~45 ms answer. Nor is
    # OpenSSL (hashlib's _hashlib, ~3.5 ms): the two small digests use CPython's own SHA-256.
    assert not {"dataclasses", "platformdirs", "_hashlib"} & set(names), sorted(names)
    extra = set(names) - _bare_imports()
    assert len(extra) <= NOTHING_CHANGED_BUDGET, f"{len(extra)} modules: {sorted(extra)}"

    # Each of these goes the full way (and finds what to write, or that nothing changed).
    _report, heavy = _export(db_path, out, "--verify")
    assert heavy
    _report, heavy = _export(db_path, out, "--base-url", "https://elsewhere.example")
    assert heavy
    with ctx.session() as s:
        update_article(s, recs[1].id, {"headline": "Changed after the export"})
    report, heavy = _export(db_path, out, "--base-url", "https://elsewhere.example")
    assert heavy and report["written"] > 0
    report, heavy = _export(db_path, out, "--base-url", "https://elsewhere.example")
    assert heavy == [] and report["written"] == 0


# Modules the one-edit re-export imports on top of a bare ``python -S -c "import site"``
# (193 when last measured, 227 before: the site's templates, Jinja2 and Babel's core, but no
# database layer, no Markdown — stored bodies are read through render.body_html —, no
# ElementTree — sitemaps are written as text —, no Babel catalogue reader or email package:
# compiled catalogues are kept —, no tomllib — the theme's description is kept parsed —, and
# none of Babel's dates, numbers or lists for an English site).
ONE_EDIT_BUDGET = 205
# The same with nothing to do (77 when last measured): the command line, sqlite3, json.
NOTHING_CHANGED_BUDGET = 90
ORM = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")


def test_one_edit_in_place_is_reexported_without_the_database_layers(
    ctx, db_path, tmp_path
) -> None:
    with ctx.session() as s:
        recs = populate(s, 14)  # recs[2]: not among the newest (Most popular is on every page)
    ctx.close()  # as the app leaves a library it found sound (the fixture closes it again)
    out = tmp_path / "site"
    first = run_cli("export", "site", "--out", str(out), "--json", db=db_path)
    assert first.returncode == 0, first.stderr
    total = json.loads(first.stdout)["total"]
    edited = run_cli(
        "article", "edit", str(recs[2].id), "--headline", "Edited in place", db=db_path
    )
    assert edited.returncode == 0, edited.stderr

    proc, names = _startup_imports(
        "--db", str(db_path), "export", "site", "--out", str(out), "--json"
    )
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert 0 < report["written"] < total and report["total"] == total
    page = (out / "articles" / recs[2].slug / "index.html").read_text(encoding="utf-8")
    assert "Edited in place" in page
    assert not sorted({n.split(".")[0] for n in names} & set(ORM))
    assert not {"markdown", "nh3"} & {n.split(".")[0] for n in names}  # bodies are stored renders
    assert "tomllib" not in names  # the theme's description is kept parsed (render.kept)
    extra = set(names) - _bare_imports()
    assert len(extra) <= ONE_EDIT_BUDGET, f"{len(extra)} modules: {sorted(extra)}"

    # The library recorded the patch: nothing is left to do, and the full way agrees.
    report, heavy = _export(db_path, out)
    assert heavy == [] and report["written"] == 0
    report, heavy = _export(db_path, out, "--verify")
    assert heavy and report["written"] == 0


def test_a_library_another_program_wrote_goes_the_full_way(ctx, db_path, tmp_path) -> None:
    """Only a file exactly as newsdesk left it after finding it sound is written without the
    full open (which runs SQLite's check first, and refuses a damaged file for writing)."""
    with ctx.session() as s:
        recs = populate(s, 14)
    ctx.close()
    out = tmp_path / "site"
    assert run_cli("export", "site", "--out", str(out), db=db_path).returncode == 0
    conn = sqlite3.connect(db_path)  # another program, not newsdesk
    with conn:
        conn.execute(
            "UPDATE article SET standfirst = 'Changed elsewhere', version = version + 1"
            " WHERE id = ?",
            (recs[2].id,),
        )
    conn.close()
    report, heavy = _export(db_path, out)
    assert "sqlalchemy" in heavy and report["written"] > 0
    page = (out / "articles" / recs[2].slug / "index.html").read_text(encoding="utf-8")
    assert "Changed elsewhere" in page


def _startup_imports(*args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """The command in a fresh ``python -S -X importtime``: what it imported (as
    ``tests/cli/test_startup.py`` counts it)."""
    site = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), *site])}
    proc = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-m", "newsdesk", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    return proc, _names(proc.stderr)[1:]


def _bare_imports() -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-c", "import site"],
        capture_output=True, text=True,
    )  # fmt: skip
    return set(_names(proc.stderr))


def _names(stderr: str) -> list[str]:
    return [
        line.split("|")[-1].strip()
        for line in stderr.splitlines()
        if line.startswith("import time:") and "imported package" not in line
    ]
