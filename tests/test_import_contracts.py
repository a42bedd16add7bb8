"""The layer order is written as import-linter contracts in pyproject.toml: they hold for the
code as it is, and a deliberate wrong import in a copy of the tree breaks them (so the check in
scripts/test.sh can fail)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import importlinter
import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.heavy  # subprocesses or worker pools: not in --quick

# Imported with -S (no site): the editable install's path hook would otherwise find the real
# newsdesk instead of the fixture copy; import-linter itself comes from site-packages by path.
SITE_PACKAGES = Path(importlinter.__file__).resolve().parents[1]
RUN = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": f"{root / 'src'}{os.pathsep}{SITE_PACKAGES}"}
    return subprocess.run(
        [sys.executable, "-S", "-c", RUN, "--config", str(root / "pyproject.toml"), "--no-cache"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The package's source (Python files only) and pyproject.toml, copied."""
    shutil.copytree(
        REPO / "src" / "newsdesk",
        tmp_path / "src" / "newsdesk",
        ignore=lambda folder, names: [
            n for n in names if not n.endswith(".py") and not (Path(folder) / n).is_dir()
        ],
    )
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_the_gui_may_name_cores_plain_types(tree: Path) -> None:
    """The editing session, preferences, settings and progress are types the GUI holds."""
    (tree / "src" / "newsdesk" / "ui" / "fine.py").write_text(
        "from newsdesk.core.article_session import ArticleSession\n"
        "from newsdesk.core.preferences import Preferences\n"
        "from newsdesk.core.progress import Progress\n"
        "from newsdesk.core.settings import SiteSettings\n",
        encoding="utf-8",
    )
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("module", "line", "contract"),
    [
        ("domain/wrong.py", "import PySide6.QtCore\n", "Only newsdesk.ui imports Qt"),
        ("domain/wrong.py", "from newsdesk.storage import models\n", "domain imports no"),
        ("export/wrong.py", "from newsdesk.cli import main\n", "Format packages"),
        ("services/wrong.py", "import qtawesome\n", "Only newsdesk.ui imports Qt"),
        # the layer order: core below the use cases, format packages apart from each other
        ("core/wrong.py", "from newsdesk.services import editing\n", "The layers, top to"),
        ("importers/wrong.py", "from newsdesk.export import bundle\n", "The layers, top to"),
        ("publish/wrong.py", "from newsdesk.services import publishing\n", "The layers, top to"),
        ("cli/wrong.py", "from newsdesk.export import site\n", "The CLI parses and prints"),
        # the CLI reaches the core and the database only through a use case, for any reason:
        # a function, a type for an annotation, or a quick path
        ("cli/wrong.py", "from newsdesk.core.articles import get_article\n", "The CLI parses"),
        ("cli/wrong.py", "from newsdesk.core import context\n", "The CLI parses and prints"),
        ("cli/wrong.py", "import newsdesk.storage.quick\n", "The CLI parses and prints"),
        # the GUI likewise: the library, the renderer and the publishers through services
        ("ui/wrong.py", "from newsdesk.storage.models import Asset\n", "The GUI reaches the"),
        ("ui/wrong.py", "from newsdesk.render.page import load_theme\n", "The GUI reaches the"),
        ("ui/wrong.py", "from newsdesk.publish.targets import KINDS\n", "The GUI reaches the"),
        ("ui/wrong.py", "import newsdesk.looks.parts\n", "The GUI reaches the"),
        # and core's library work (a query, an image stored) through a use case too
        ("ui/wrong.py", "from newsdesk.core.articles import get_article\n", "The GUI reaches the"),
        ("ui/editor/wrong.py", "from newsdesk.core import assets\n", "The GUI reaches the"),
    ],
)
def test_a_wrong_import_breaks_a_contract(
    tree: Path, module: str, line: str, contract: str
) -> None:
    (tree / "src" / "newsdesk" / module).write_text(line, encoding="utf-8")
    result = _lint(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    broken = result.stdout.split("Broken contracts")[-1]
    assert contract in broken and f"newsdesk.{module[:-3].replace('/', '.')}" in broken
