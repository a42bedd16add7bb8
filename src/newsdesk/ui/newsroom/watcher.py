"""Other desks' changes, delivered on the GUI thread: a ``core.changes.ChangeWatcher`` runs
on its own thread (LISTEN on PostgreSQL, a change token on a library file) and ``changed``
fires, at most a few times a second, whenever something was announced."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)
WAIT_SECONDS = 0.5  # how long one wait lasts: also how soon the thread notices it must stop


class ChangeRelay(QObject):
    changed = Signal()
    _arrived = Signal()

    def __init__(self, engine: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._debounce = QTimer(self, singleShot=True, interval=150)
        self._debounce.timeout.connect(self.changed)
        self._arrived.connect(self._debounce.start)
        self._stop = threading.Event()
        self._thread = threading.Thread(
            target=self._loop, args=(engine,), name="newsdesk-changes", daemon=True
        )
        self._thread.start()

    def _loop(self, engine: Any) -> None:
        from newsdesk.services.watching import ChangeWatcher

        try:
            watcher = ChangeWatcher(engine)
        except Exception:  # the library went away before we listened: nothing to watch
            log.exception("cannot watch the library for other desks' changes")
            return
        try:
            while not self._stop.is_set():
                if watcher.wait(WAIT_SECONDS) and not self._stop.is_set():
                    self._arrived.emit()
        except Exception:  # the server went away; the window keeps working without live news
            log.exception("stopped watching the library for other desks' changes")
        finally:
            watcher.close()

    def stop(self) -> None:
        self._debounce.stop()  # nothing announced before is passed on after
        self._stop.set()
        self._thread.join(timeout=5)
