"""SIGTERM, SIGHUP and SIGINT (a logout or shutdown, ``kill``, Ctrl+C in the terminal) close
the window as File → Quit does: the open article's last keystrokes are saved and the newsroom
no longer sees it as being edited. Left to their default, they ended the process at once: the
typing not yet saved was lost, and "Someone is editing" stayed for others until it expired.

Python runs a signal handler only when the interpreter gets control, which a Qt event loop
does not give it while it waits; a socket that the signal writes to (``set_wakeup_fd``) wakes
the loop through a ``QSocketNotifier``, and the handler runs then."""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

log = logging.getLogger(__name__)

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


class SignalCloser(QObject):
    """Calls ``close`` (on the event loop) when one of ``SIGNALS`` arrives; a second one while
    the first is being handled ends the process as the signal would have."""

    def __init__(self, parent: QObject, close: Callable[[], object]) -> None:
        super().__init__(parent)
        self.close = close
        self.received: list[int] = []
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._previous = {s: signal.signal(s, self._on_signal) for s in SIGNALS}

    def _drain(self) -> None:
        try:
            while self._reader.recv(512):
                pass
        except (BlockingIOError, InterruptedError):
            pass  # nothing more: the handler has run (Python ran it before this slot)

    def _on_signal(self, signum: int, _frame: object) -> None:
        if self.received:  # asked twice: do what the signal does by default
            self.uninstall()
            signal.raise_signal(signum)
            return
        self.received.append(signum)
        log.info("%s received: closing as Quit does", signal.Signals(signum).name)
        QTimer.singleShot(0, self, self.close)

    def uninstall(self) -> None:
        for signum, previous in self._previous.items():
            signal.signal(signum, previous)
        self._previous = {}
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)


def close_on_signals(parent: QObject, close: Callable[[], object]) -> SignalCloser:
    return SignalCloser(parent, close)
