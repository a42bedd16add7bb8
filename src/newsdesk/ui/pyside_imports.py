"""Faster imports after PySide6 (issue 3's cold start).

Once PySide6 is imported, its import hook asks of every module imported afterwards whether
its source says "PySide6" (so that it may use ``from __feature__ import snake_case``), and
answers with ``inspect.getsource``, which decodes and splits the whole file into lines: about
0.3 ms a module here, some 0.15 s of CPU over the ~500 modules a start imports after Qt (the
library, SQLAlchemy, the renderer). Reading the file's bytes answers the same question in a
tenth of the time.

This replaces a private function of shiboken6 (``shibokensupport.feature._mod_uses_pyside``);
it is the only way, since the hook has no public switch. So it is done only on the PySide6
series it was checked against, only when that function is there with the same parameters,
and any module without a plain ``.py`` file it can read still gets the stock answer. On any
other version nothing is changed (the stock path) — issue 14 part 3's rule for private hooks.
"""

from __future__ import annotations

import inspect
import logging
import sys
from collections.abc import Callable
from typing import Any

log = logging.getLogger(__name__)

CHECKED = {(6, 11)}  # PySide6 series whose feature.py was read and matches this replacement
_STOCK = "__wrapped_stock__"  # on the replacement: the function it replaced


def speed_up_imports() -> bool:
    """Install the faster check (after ``import PySide6``); True when it is in use."""
    import PySide6

    feature = sys.modules.get("shibokensupport.feature")
    stock = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or stock is None or hasattr(stock, _STOCK):
        return stock is not None and hasattr(stock, _STOCK)  # missing, or in already
    if tuple(PySide6.__version_info__[:2]) not in CHECKED or not _same_shape(stock):
        log.debug("PySide6 %s: its import hook is left as it is", PySide6.__version__)
        return False
    feature._mod_uses_pyside = _faster(stock)  # type: ignore[attr-defined]
    return True


def _same_shape(stock: Callable[..., Any]) -> bool:
    try:
        return list(inspect.signature(stock).parameters) == ["module"]
    except (TypeError, ValueError):
        return False


def _faster(stock: Callable[[Any], bool]) -> Callable[[Any], bool]:
    def uses_pyside(module: Any) -> bool:
        """Does the module's source say "PySide6"? (``stock`` answers for anything that is
        not a readable .py file.)"""
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return stock(module)
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return stock(module)

    setattr(uses_pyside, _STOCK, stock)
    return uses_pyside
