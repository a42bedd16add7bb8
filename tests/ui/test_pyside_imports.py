"""The faster answer to PySide6's "does this module use PySide6?" (``ui.pyside_imports``) gives
the stock answer, and is only put in on the PySide6 series it was checked against."""

from __future__ import annotations

import sys

import PySide6
import pytest
import shibokensupport.feature as feature  # type: ignore[import-not-found]

from newsdesk.ui import pyside_imports


@pytest.fixture
def stock(monkeypatch):
    """shiboken6's own check, put back after the test."""
    original = feature._mod_uses_pyside
    while getattr(original, "__wrapped_stock__", None) is not None:
        original = original.__wrapped_stock__
    monkeypatch.setattr(feature, "_mod_uses_pyside", original)
    return original


def test_the_faster_check_answers_as_the_stock_one(stock):
    assert pyside_imports.speed_up_imports()
    faster = feature._mod_uses_pyside
    assert faster is not stock
    modules = [m for m in list(sys.modules.values()) if getattr(m, "__name__", None)]
    assert len(modules) > 100
    answers = {m.__name__: (faster(m), stock(m)) for m in modules}
    assert all(fast == slow for fast, slow in answers.values()), {
        name: pair for name, pair in answers.items() if pair[0] != pair[1]
    }
    assert answers["newsdesk.ui.pyside_imports"] == (True, True)  # says PySide6
    assert answers["newsdesk.domain.status"] == (False, False)
    assert answers["sys"] == (False, False)  # built in: no file, the stock answer


def test_an_unchecked_pyside_version_keeps_the_stock_hook(stock, monkeypatch):
    monkeypatch.setattr(PySide6, "__version_info__", (6, 99, 0, "", ""))
    assert not pyside_imports.speed_up_imports()
    assert feature._mod_uses_pyside is stock


def test_a_hook_of_another_shape_is_left_alone(stock, monkeypatch):
    def other(module, strict=False):  # a later shiboken6 might ask more
        return stock(module)

    monkeypatch.setattr(feature, "_mod_uses_pyside", other)
    assert not pyside_imports.speed_up_imports()
    assert feature._mod_uses_pyside is other
