"""Fixtures for the newsroom workflow tests: libraries in real SQLite files whose sessions
record a named desk, as two people's apps would."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture
def desk_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Any]]:
    """``desk_ctx("Priya Raman")``: the library at tmp_path/library.newsdesk opened by that desk."""
    from newsdesk.services.opening import open_context

    opened: list[Any] = []

    def open_as(name: str) -> Any:
        monkeypatch.setenv("NEWSDESK_DESK", name)
        ctx = open_context(str(tmp_path / "library.newsdesk"), seed=False)
        opened.append(ctx)
        return ctx

    yield open_as
    for ctx in opened:
        ctx.close()
