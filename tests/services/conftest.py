"""Fixtures for the services tests."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest


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
