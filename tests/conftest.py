"""Shared fixtures: every test gets its own profile folder, so no test touches a real one."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-background-networking --disable-gpu")

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
# ``--quick`` (``scripts/test.sh --quick``): the fast unit tier. It leaves out whole folders of
# GUI, real-server, CLI-subprocess and fault-injection tests, tests marked ``slow``, ``heavy``,
# ``wordpress`` or ``postgres``, modules that import ``run_cli``, and any test that needs a
# Qt application.
QUICK_LEAVES_OUT = {"cli", "faults", "fuzz", "packaging", "postgres", "publish", "ui"}
QUICK_LEAVES_OUT_MARKS = ("slow", "heavy", "wordpress", "postgres")
SAMPLE_DIR = REPO / "src" / "newsdesk" / "resources" / "sample"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--quick",
        action="store_true",
        help="the fast unit tier: no GUI, no servers, no subprocess-heavy tests",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "heavy: starts subprocesses or worker pools; left out of --quick"
    )


def _not_quick(item: pytest.Item) -> bool:
    rel = Path(str(item.path)).resolve().relative_to(TESTS)
    if len(rel.parts) > 1 and rel.parts[0] in QUICK_LEAVES_OUT:
        return True
    if any(item.get_closest_marker(mark) for mark in QUICK_LEAVES_OUT_MARKS):
        return True
    if getattr(getattr(item, "module", None), "run_cli", None) is run_cli:
        return True  # a module that drives the real CLI in subprocesses
    return bool({"qtbot", "qapp", "make_window"} & set(getattr(item, "fixturenames", ())))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--quick"):
        return
    dropped = [item for item in items if _not_quick(item)]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = [item for item in items if not _not_quick(item)]


@pytest.fixture(autouse=True)
def _isolated_profile(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path_factory.mktemp("profile")
    monkeypatch.setenv("NEWSDESK_BASEDIR", str(base))
    monkeypatch.delenv("NEWSDESK_DB", raising=False)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "library.newsdesk"


@pytest.fixture
def ctx(db_path: Path) -> Iterator:
    """An empty library in a real SQLite file."""
    from newsdesk.services.opening import open_context

    context = open_context(str(db_path), seed=False)
    yield context
    context.close()


@pytest.fixture
def sample_ctx(db_path: Path) -> Iterator:
    """A library holding the bundled sample articles."""
    from newsdesk.services.opening import open_context

    context = open_context(str(db_path), seed=True)
    yield context
    context.close()


def run_cli(
    *args: str, db: Path | None = None, input: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the real ``newsdesk`` command in a subprocess."""
    cmd = [sys.executable, "-m", "newsdesk"]
    if db is not None:
        cmd += ["--db", str(db)]
    full_env = {**os.environ, "PYTHONPATH": str(REPO / "src"), **(env or {})}
    return subprocess.run(
        [*cmd, *args], capture_output=True, text=True, input=input, env=full_env, timeout=120
    )


@contextmanager
def _unwritable(db_path: Path) -> Iterator[None]:
    """Make a (closed) library unwritable: chmod for a normal user; as root, which ignores
    permissions, the immutable attribute on the file and its folder (so no -wal file can be made)."""
    targets = [db_path.parent, db_path]
    if os.geteuid() != 0:
        for target in targets:
            target.chmod(0o555 if target.is_dir() else 0o444)
        try:
            yield
        finally:
            for target in targets:
                target.chmod(0o755 if target.is_dir() else 0o644)
        return
    for target in targets:
        subprocess.run(["chattr", "+i", str(target)], check=True)
    try:
        yield
    finally:
        for target in targets:
            subprocess.run(["chattr", "-i", str(target)], check=True)


@pytest.fixture
def unwritable() -> Callable[[Path], AbstractContextManager[None]]:
    return _unwritable


@pytest.fixture(autouse=True)
def _no_background_work_left_behind() -> Iterator[None]:
    """A GUI test must not leave jobs running in Qt's shared thread pool: they would hold its
    few threads (two on a 2-core machine) and starve the next test's preview and library."""
    yield
    if "PySide6.QtCore" not in sys.modules:
        return
    from PySide6.QtCore import QThreadPool

    pool = QThreadPool.globalInstance()
    if pool.activeThreadCount() and not pool.waitForDone(10000):
        pytest.fail(f"{pool.activeThreadCount()} background job(s) still running after the test")


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Delete the last GUI test's windows before the interpreter exits. pytest-qt only asks
    for their deletion (``deleteLater``), which runs in the next test's event loop; after the
    last test nothing runs it, and QtWebEngine tearing down with pages alive crashed the
    process at exit (status 139 after all tests passed)."""
    if "PySide6.QtWidgets" not in sys.modules:
        return
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        return
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        QCoreApplication.processEvents()
