"""The house rule: only newsdesk.ui may import Qt, so the CLI and the core run with no display."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsdesk

pytestmark = pytest.mark.heavy  # subprocesses or worker pools: not in --quick

SRC = Path(newsdesk.__file__).resolve().parent


def _core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages([str(SRC)], prefix="newsdesk."):
        if info.name == "newsdesk.ui" or info.name.startswith("newsdesk.ui."):
            continue
        if ".migrations" in info.name or info.name == "newsdesk.__main__":
            continue
        names.append(info.name)
    return names


def test_no_module_outside_ui_loads_qt() -> None:
    modules = _core_modules()
    assert "newsdesk.cli.main" in modules and "newsdesk.core.pages" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'PySide6', 'shiboken6', 'qtawesome', 'qtpy'})\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(SRC.parent)},
        check=True,
    )
    assert out.stdout.strip() == "", f"Qt loaded outside newsdesk.ui: {out.stdout}"


def test_cli_runs_without_a_display(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    result = run_cli(
        "--create", "article", "list", db=tmp_path / "lib.newsdesk",
        env={"QT_QPA_PLATFORM": "", "DISPLAY": ""},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
