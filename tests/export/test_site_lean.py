"""``newsdesk export site`` with nothing to do answers from the library file with the
standard library alone (no SQLAlchemy, Jinja2 or Markdown imported), and goes the full way as
soon as anything differs: an edit, another base URL, a theme file changed, --verify."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
