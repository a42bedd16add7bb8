"""Fixtures for the shared-library tests: the real PostgreSQL of scripts/postgres/start.sh,
and a fresh, empty database for every test (so tests never see one another's articles)."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = REPO / "scripts" / "postgres"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The URL of the test server's own database; skipped only if it cannot start here."""
    done = subprocess.run(
        ["bash", str(SCRIPTS / "start.sh")], capture_output=True, text=True, timeout=600
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or "://" not in lines[-1]:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL did not start:\n{done.stderr[-2000:]}")
        pytest.skip(f"PostgreSQL cannot start here: {done.stderr.strip().splitlines()[-1:]}")
    return lines[-1]


@pytest.fixture
def pg_url(pg_server: str) -> Iterator[str]:
    """A new empty database on the test server, dropped after the test."""
    from sqlalchemy import create_engine, text

    name = f"nd_{uuid.uuid4().hex[:12]}"
    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f"CREATE DATABASE {name}"))
        yield pg_server.rsplit("/", 1)[0] + "/" + name
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    finally:
        admin.dispose()


@pytest.fixture
def ctx(pg_url: str) -> Iterator:
    """An empty shared library in PostgreSQL (this folder's tests reuse service tests with it)."""
    from newsdesk.services.opening import open_context

    context = open_context(pg_url, seed=False)
    yield context
    context.close()


@pytest.fixture
def sample_ctx(pg_url: str) -> Iterator:
    """A shared library in PostgreSQL holding the bundled sample articles."""
    from newsdesk.services.opening import open_context

    context = open_context(pg_url, seed=True)
    yield context
    context.close()


@pytest.fixture
def window_on(qtbot) -> Iterator:
    """Make main windows on a shared library; each is closed and deleted (its timers with it)
    before the test's database is dropped."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from newsdesk.ui.context import UiContext
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.prompts import ScriptedPrompts
    from newsdesk.ui.window_state import WindowState

    made = []

    def make(services):
        window = MainWindow(UiContext(services, ScriptedPrompts()), WindowState(services.paths))
        qtbot.addWidget(window)
        window.start()
        window.show()
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        window.ui_ctx.tasks.wait()
        window.autosave.wait()
        QApplication.processEvents()
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
