"""The CLI holds argument parsing and printing: every command calls a use case in services/,
so it never imports the core (library access, articles, taxonomy, revisions, search…), the
exporters, importers, publishers, site looks, the renderer or the database itself — not even
``newsdesk search``'s quick path, which is ``services.searching``'s. (pyproject's
``cli-through-services`` contract says the same to ``lint-imports``.)"""

from __future__ import annotations

import ast
from pathlib import Path

import newsdesk.cli

CLI = Path(newsdesk.cli.__file__).resolve().parent
FORBIDDEN = ("core", "export", "importers", "publish", "looks", "render", "storage")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _wrong(path: Path) -> list[str]:
    return sorted(
        name
        for name in _imports(path)
        if name.split(".")[:2] in (["newsdesk", part] for part in FORBIDDEN)
    )


def test_the_cli_imports_no_core_format_publisher_or_storage_module() -> None:
    files = sorted(CLI.glob("*.py"))
    assert len(files) > 10
    wrong = {path.name: _wrong(path) for path in files}
    assert {name: found for name, found in wrong.items() if found} == {}


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    bad = tmp_path / "export_things.py"
    bad.write_text(
        "def f():\n    from newsdesk.export.site import export_site\n"
        "from newsdesk.storage import models\n"
        "if TYPE_CHECKING:\n    from newsdesk.core.context import AppContext\n",
        encoding="utf-8",
    )
    assert _wrong(bad) == [
        "newsdesk.core.context",
        "newsdesk.core.context.AppContext",
        "newsdesk.export.site",
        "newsdesk.export.site.export_site",
        "newsdesk.storage",
        "newsdesk.storage.models",
    ]
