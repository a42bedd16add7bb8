"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call and then aborts
with "Fatal Python error: none_dealloc". pyproject pins PySide6<6.12 there; this catches a
regression (a new pin, a broken release) before a user's highlighter does."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QPlainTextEdit


def test_void_calls_do_not_leak_none(qapp: QApplication) -> None:
    edit = QPlainTextEdit()
    for _ in range(50):  # warm-up: caches, lazy type init
        edit.setReadOnly(False)
    before = sys.getrefcount(None)
    for _ in range(3000):
        edit.setReadOnly(False)
    drift = sys.getrefcount(None) - before
    assert abs(drift) < 100, f"None refcount moved by {drift} over 3000 void calls"
