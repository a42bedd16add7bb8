"""The window's eye on the library: a change made by another window or process shows here
within a second or two (the list, the open article, its history). On a library file it polls
``PRAGMA data_version`` on a worker thread of its own (``services.watching.ChangeProbe``); on a
shared PostgreSQL library that worker LISTENs instead (``ArticleListener``: a change shows as
soon as it is committed, and nothing is read while nothing changes). The GUI thread never
waits on either."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from newsdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:
    from newsdesk.services.watching import ArticleListener, ChangeProbe, Versions
    from newsdesk.ui.context import UiContext

log = logging.getLogger(__name__)

POLL_MS = 500
LISTEN_SECONDS = 0.5  # PostgreSQL: one wait for a notice (also how long stop() may wait)


class LibraryWatcher(QObject):
    """``changed(ids)``: these articles were added, removed or saved elsewhere. Saves this
    window made itself are told with ``note_saved`` and are not reported back."""

    changed = Signal(set)

    def __init__(self, ui_ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)
        self._tasks = TaskRunner(pool, self)
        self._probe: ChangeProbe | None = None
        self._known: Versions | None = None
        self._listener: ArticleListener | None = None
        self._stopped = False
        self._busy = False
        # Is (article id, version) a save this window made? Those are not reported back.
        self.is_own: Callable[[int, int], bool] = lambda _id, _version: False
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)

    def start(self) -> None:
        from newsdesk.services.watching import ArticleListener, ChangeProbe

        library = self.ui_ctx.services.library
        self._probe = ChangeProbe(library.path, library.engine)
        self._stopped = False
        if library.engine.dialect.name == "postgresql":
            try:
                self._listener = ArticleListener(library.engine)
            except Exception as exc:  # any driver failure (optional psycopg): poll instead
                log.warning("cannot LISTEN for changes (%s); polling the library instead", exc)
        if self._listener is None:
            self._timer.start()
        self.poll()  # the versions to compare with

    def stop(self) -> None:
        self._stopped = True
        self._timer.stop()
        self._tasks.wait()
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._probe is not None:
            self._probe.close()
            self._probe = None

    def _listen(self) -> None:
        """PostgreSQL: wait for a notice on the worker, then read the versions (one job)."""
        listener, probe = self._listener, self._probe
        if self._busy or self._stopped or listener is None or probe is None:
            return
        self._busy = True

        def wait_and_read() -> Versions | None:
            return probe.poll() if listener.wait(LISTEN_SECONDS) else None

        self._tasks.run(wait_and_read, self._on_polled, self._on_failed, owner=self)

    def note_saved(self, article_id: int, version: int) -> None:
        if self._known is not None:
            self._known[article_id] = version

    def poll(self) -> None:
        probe = self._probe
        if self._busy or probe is None:
            return
        self._busy = True
        self._tasks.run(probe.poll, self._on_polled, self._on_failed, owner=self)

    def _on_polled(self, versions: Versions | None) -> None:
        from newsdesk.services.watching import changed_ids

        self._busy = False
        if self._listener is not None:
            QTimer.singleShot(0, self, self._listen)  # and wait for the next notice
        if versions is None:
            return
        known, self._known = self._known, versions
        if known is not None:
            # An article gone (another desk's Trash) is never this window's own save: asked
            # with a version of -1, ``is_own`` said it was, and the removal went unseen.
            ids = {
                i
                for i in changed_ids(known, versions)
                if i not in versions or not self.is_own(i, versions[i])
            }
            if ids:
                self.changed.emit(ids)

    def _on_failed(self, exc: BaseException) -> None:
        import sqlite3

        from sqlalchemy.exc import DBAPIError

        self._busy = False
        if not isinstance(exc, sqlite3.Error | DBAPIError | OSError):
            raise exc
        if self._listener is not None:  # the LISTEN connection broke: poll from now on
            log.info("listening for changes stopped: %s; polling instead", exc)
            self._listener.close()
            self._listener = None
            if not self._stopped:
                self._timer.start()
        log.info("watching the library: %s (trying again)", exc)  # locked, moved: retried
