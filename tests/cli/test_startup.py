"""The command line starts fast: ``--version`` and ``search`` import only what they need.

Timings on a shared machine vary, so the tests count what start-up imports (``-X importtime``)
and fail when it grows; ``bench/bench_cli_startup.py`` measures the whole processes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from newsdesk.cli import main as cli_main
from newsdesk.storage import quick
from tests.conftest import REPO, run_cli

# What no quick command may load: the database layers, the renderer, HTTP, Qt.
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "markdown", "jinja2", "httpx", "PySide6")
# Modules imported on top of a bare ``python -S -c "import site"`` (47 and 115 when measured).
# Both run with -S and the site-packages folders on PYTHONPATH, so the count does not depend
# on how newsdesk is installed (an editable install's import hook, setuptools' finder while
# setup.py mapped resources/, used to load re, typing and importlib.util into the baseline).
BUDGET = {"--version": 52, "search": 125}
SITE = [sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]]


def _imports(*args: str) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO / "src"), *SITE])}
    proc = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-m", "newsdesk", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    names = [
        line.split("|")[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:") and "imported package" not in line
    ]
    return proc, names[1:]  # the header line


def _baseline() -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-S", "-X", "importtime", "-c", "import site"],
        capture_output=True,
        text=True,
    )
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines()}


def test_version_imports_no_command_module() -> None:
    proc, names = _imports("--version")
    assert proc.returncode == 0 and proc.stdout.strip().startswith("newsdesk ")
    assert not [n for n in names if n.startswith("newsdesk.cli.") and n != "newsdesk.cli.main"]
    assert not [n for n in names if n.split(".")[0] in HEAVY]
    extra = set(names) - _baseline()
    assert len(extra) <= BUDGET["--version"], sorted(extra)


def test_search_reads_a_current_library_without_the_database_layers(tmp_path: Path) -> None:
    db = tmp_path / "lib.newsdesk"
    added = run_cli("article", "add", "--headline", "Harbour cranes return", db=db)
    assert added.returncode == 0, added.stderr
    proc, names = _imports("--db", str(db), "search", "harbour", "--json")
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert [h["headline"] for h in hits] == ["Harbour cranes return"]
    assert "<mark>Harbour</mark>" in hits[0]["snippet"]
    heavy = sorted({n.split(".")[0] for n in names if n.split(".")[0] in HEAVY})
    assert not heavy, f"newsdesk search imported {heavy}"
    assert "newsdesk.cli.transfer" not in names and "newsdesk.cli.publish" not in names
    extra = set(names) - _baseline()
    assert len(extra) <= BUDGET["search"], sorted(extra)


def test_search_on_a_library_that_needs_migrating_goes_the_full_way(tmp_path: Path) -> None:
    import sqlite3

    db = tmp_path / "lib.newsdesk"
    assert run_cli("article", "add", "--headline", "Tide tables", db=db).returncode == 0
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'zzzz'")  # from a newer newsdesk
    assert quick.open_current(db) is None
    refused = run_cli("search", "tide", db=db)
    assert refused.returncode == 1 and refused.stderr.startswith("newsdesk: error: ")
    assert quick.open_current(tmp_path / "missing.newsdesk") is None
    created = run_cli("--create", "search", "tide", db=tmp_path / "new.newsdesk")
    assert created.returncode == 0 and "No articles match" in created.stdout


def test_head_revision_is_alembics_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from newsdesk.paths import migrations_dir

    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    assert quick.head_revision() == ScriptDirectory.from_config(cfg).get_current_head()


@pytest.mark.parametrize("module", cli_main.COMMAND_MODULES)
def test_every_command_has_a_line_in_the_registry(module: str) -> None:
    """Each command module's commands are named in COMMANDS, so running one loads one module."""
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    importlib.import_module(f"newsdesk.cli.{module}").register(sub, cli_main.common_options())
    for command in sub.choices:
        assert cli_main.COMMANDS.get(command) == module, (
            f"add {command!r}: {module!r} to COMMANDS in newsdesk/cli/main.py"
        )


def test_the_process_runs_the_command_then_leaves_its_objects_out_of_the_exit_collection(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``newsdesk`` and ``python -m newsdesk`` go through ``run``: the command's status, and
    Python's collection at exit does not walk what the command loaded (~15 ms)."""
    import gc
    import tomllib

    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert scripts["newsdesk"] == "newsdesk.cli.main:run"
    assert "raise SystemExit(run())" in (REPO / "src" / "newsdesk" / "__main__.py").read_text()
    gc.unfreeze()
    try:
        assert cli_main.run(["--version"]) == 0
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # this test process collects as before
    assert capsys.readouterr().out.startswith("newsdesk ")
