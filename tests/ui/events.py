"""Waiting for the event loop to have handled what is already queued, without a fixed wait.

Qt keeps one queue of posted events per thread and handles it in order: a queued signal
from a worker, a layout request, a deferred delete. An event posted now is handled after all
of them, so once it has been, everything posted before it has been too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject

_MARK = QEvent.Type(QEvent.registerEventType())


class _Mark(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.handled = False

    def event(self, event: QEvent) -> bool:
        if event.type() == _MARK:
            self.handled = True
            return True
        return super().event(event)


def handle_posted_events(qtbot: Any, timeout: int = 10000) -> None:
    """Return once every event posted before this call has been handled."""
    mark = _Mark()
    QCoreApplication.postEvent(mark, QEvent(_MARK))
    qtbot.waitUntil(lambda: mark.handled, timeout=timeout)
