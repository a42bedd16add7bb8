"""The main window only composes (issue 11): well under 400 lines, and no library work of its
own — opening, saving and reading go through its controllers and ``ui.dbwork``."""

from __future__ import annotations

import ast
from pathlib import Path

import newsdesk.ui.mainwindow as mainwindow

SOURCE = Path(mainwindow.__file__)
# Qt-free objects the window holds (the session, the person's preferences): no library in them.
ALLOWED_SERVICES = {"newsdesk.core.article_session", "newsdesk.core.preferences"}


def test_the_main_window_is_well_under_400_lines() -> None:
    assert len(SOURCE.read_text(encoding="utf-8").splitlines()) < 400


def test_the_main_window_touches_no_library() -> None:
    tree = ast.parse(SOURCE.read_text(encoding="utf-8"))
    imported = {
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module is not None
    }
    library = {m for m in imported if m.startswith(("newsdesk.services", "newsdesk.core"))}
    assert library <= ALLOWED_SERVICES
    assert not {m for m in imported if m.startswith(("newsdesk.storage", "sqlmodel", "sqlalchemy"))}
    calls = {
        node.func.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    # A transaction, a worker job or a storage guard would be library work done here.
    assert not calls & {"session", "run", "storage_errors", "run_in_library", "load_article"}


def test_every_gui_transaction_turns_storage_errors_into_messages() -> None:
    """A locked, read-only or full library is a message, not the crash dialog: each library
    transaction in newsdesk.ui runs under ``storage_errors()`` (most through
    ``dbwork.run_in_library``)."""
    ui = SOURCE.parent
    # The self-test harness (its own report) and the preview's asset requests (a failure
    # fails that one request, logged) handle their errors themselves.
    exempt = {ui / "smoke.py", ui / "preview" / "scheme.py"}
    bare = [
        f"{path.relative_to(ui)}:{number}"
        for path in sorted(ui.rglob("*.py"))
        if path not in exempt
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ".session()" in line and "storage_errors()" not in line
    ]
    assert bare == []
