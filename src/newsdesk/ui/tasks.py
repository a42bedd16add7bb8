"""Running slow work off the GUI thread; results come back to the GUI thread by queued signal."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class _Relay(QObject):
    """Lives in the GUI thread; its signals carry results across threads (queued)."""

    finished = Signal(object, object)  # (callback, result)
    failed = Signal(object, object)  # (callback, exception)

    @Slot(object, object)
    def deliver(self, callback: Callable[[Any], None], value: Any) -> None:
        callback(value)


class _Job(QRunnable):
    def __init__(
        self,
        fn: Callable[[], Any],
        relay: _Relay,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.fn, self.relay, self.on_done, self.on_error = fn, relay, on_done, on_error

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # handed to the GUI thread, where on_error decides
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._deliver(self.relay.failed, self.on_error, exc)
        else:
            self._deliver(self.relay.finished, self.on_done, result)

    @staticmethod
    def _deliver(signal: Any, callback: Callable[[Any], None], value: Any) -> None:
        try:
            signal.emit(callback, value)
        except RuntimeError:
            # The runner (and the window that asked) is gone: nobody is left to tell. The
            # work itself finished; anything it wrote is in the library.
            log.debug("result of a background task dropped: its window was closed")


class TaskRunner(QObject):
    """``run(fn, on_done, on_error)``: fn runs on a worker thread, the callbacks on the GUI thread."""

    def __init__(self, pool: QThreadPool | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = pool or QThreadPool.globalInstance()
        self._relay = _Relay()
        self._relay.finished.connect(self._relay.deliver)
        self._relay.failed.connect(self._relay.deliver)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] = lambda _result: None,
        on_error: Callable[[BaseException], None] | None = None,
        owner: QObject | None = None,
    ) -> None:
        """``owner`` is the widget the callbacks report to; when it is deleted before the work
        finishes (its window closed), the result is dropped instead of reaching a dead object.
        Without one, the object of a bound-method callback is taken."""
        owner = owner or _owner_of(on_done) or _owner_of(on_error)
        done, failed = on_done, on_error or self._unhandled
        if owner is not None:
            done, failed = _while_alive(owner, done), _while_alive(owner, failed)
        self.pool.start(_Job(fn, self._relay, done, failed))

    def wait(self, msecs: int = 30000) -> bool:
        """Block until every job is done (for shutdown and tests)."""
        return self.pool.waitForDone(msecs)

    @staticmethod
    def _unhandled(exc: BaseException) -> None:
        log.error("background task failed: %s", getattr(exc, "__traceback_text__", exc))
        raise exc


def _owner_of(callback: Callable[..., Any] | None) -> QObject | None:
    owner = getattr(callback, "__self__", None)
    return owner if isinstance(owner, QObject) else None


def _while_alive(owner: QObject, callback: Callable[[Any], None]) -> Callable[[Any], None]:
    def deliver(value: Any) -> None:
        if shiboken6.isValid(owner):
            callback(value)
        else:
            log.debug("result of a background task dropped: %r was deleted", type(owner).__name__)

    return deliver
