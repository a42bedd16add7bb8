"""Autosave: every change reaches the library within two seconds of the last keystroke.

Saves run one at a time on a worker thread (typing never waits), debounced after a pause and
forced after a maximum wait while typing goes on. A failed write keeps the text, says why and
retries with backoff; a save refused because someone else changed the same fields asks the
person which version stays, and keeps the other as a copy.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from newsdesk.domain.record import ArticleRecord
from newsdesk.errors import ConflictError, NotFoundError, UserError
from newsdesk.ui.prompts import VersionChoice
from newsdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # the services load with the library, after the window is shown
    from newsdesk.ui.context import UiContext

log = logging.getLogger(__name__)

DEBOUNCE_MS = 700
MAX_WAIT_MS = 2000
RETRY_MAX_MS = 30000

SAVED, SAVING = "Saved", "Saving…"
# The conflict choice's answers (``services.conflicts.Choice``'s values).
KEEP_MINE, TAKE_THEIRS, KEEP_BOTH = "Keep mine", "Take theirs", "Keep both"
SHOWN_FIELDS = {"Headline": "headline", "Standfirst": "standfirst", "Section": "section",
                "Tags": "tags", "Byline": "byline", "Body": "body"}  # fmt: skip


def _shown(rec: ArticleRecord) -> dict[str, str]:
    """The fields a person compares, as text."""
    out = {}
    for label, name in SHOWN_FIELDS.items():
        value = getattr(rec, name)
        out[label] = ", ".join(value) if isinstance(value, list) else str(value or "")
    return out


def _mine(theirs: ArticleRecord, pending: dict[str, Any]) -> ArticleRecord:
    from dataclasses import replace

    return replace(theirs, **{k: v for k, v in pending.items() if hasattr(theirs, k)})


class _Draft:
    """The open article's unsaved changes; shared with the save worker under a lock."""

    def __init__(self, record: ArticleRecord) -> None:
        assert record.id is not None
        self.article_id: int = record.id
        self.version = record.version
        self.base = record  # the library's version this editor last saw
        self.pending: dict[str, Any] = {}
        self.lock = threading.Lock()

    def take_snapshot(self) -> tuple[dict[str, Any], int, ArticleRecord]:
        with self.lock:
            return dict(self.pending), self.version, self.base

    def mark_saved(self, snapshot: dict[str, Any], record: ArticleRecord) -> None:
        with self.lock:
            self.version, self.base = record.version, record
            for name, value in snapshot.items():
                if name in self.pending and self.pending[name] == value:
                    del self.pending[name]


class AutosaveController(QObject):
    """Watches the open article's changes and saves them; reports its state as text."""

    state_changed = Signal(str)
    saved = Signal(object)  # ArticleRecord as stored
    reloaded = Signal(object)  # ArticleRecord the editor must show instead of its own text
    copy_created = Signal(object)  # ArticleRecord of a copy made to resolve a conflict

    def __init__(self, ui_ctx: UiContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        pool = QThreadPool(self)
        pool.setMaxThreadCount(1)  # one save at a time, in order
        self._tasks = TaskRunner(pool, self)
        self._draft: _Draft | None = None
        self._body_source: Callable[[], str] | None = None
        self._body_dirty = False
        self._in_flight = False
        self._again = False
        self._resolving = False
        self._failures = 0
        self.state = SAVED
        self._debounce = self._timer(DEBOUNCE_MS, self.save_now)
        self._max_wait = self._timer(MAX_WAIT_MS, self.save_now)
        self._retry = self._timer(1000, self.save_now)

    def _timer(self, interval: int, slot: Callable[[], None]) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.setInterval(interval)
        timer.timeout.connect(slot)
        return timer

    # -- what the window tells us -------------------------------------------------------------

    @property
    def article_id(self) -> int | None:
        return self._draft.article_id if self._draft else None

    def saved_version(self, article_id: int) -> int | None:
        """The version this window last wrote or loaded of ``article_id`` (None: not open)."""
        draft = self._draft
        if draft is None or draft.article_id != article_id:
            return None
        with draft.lock:
            return draft.version

    @property
    def saving(self) -> bool:
        """A write is under way (its ``saved`` or failure follows)."""
        return self._in_flight

    def set_interval(self, seconds: int) -> None:
        """Changes reach the library at most ``seconds`` after the last keystroke."""
        self._max_wait.setInterval(seconds * 1000)
        self._debounce.setInterval(min(DEBOUNCE_MS, seconds * 1000))

    @property
    def dirty(self) -> bool:
        return self._body_dirty or bool(self._draft and self._draft.pending)

    def start(self, record: ArticleRecord, body_source: Callable[[], str]) -> None:
        """Begin watching ``record`` (call ``flush()`` for the previous article first)."""
        self._stop_timers()
        self._draft, self._body_source = _Draft(record), body_source
        self._body_dirty, self._failures = False, 0
        self._set_state(SAVED)

    def stop(self) -> None:
        """Forget the open article without saving (it was deleted)."""
        self._stop_timers()
        self._draft, self._body_source, self._body_dirty = None, None, False

    def rebase(self, record: ArticleRecord) -> None:
        """The library changed the open article (e.g. a bulk edit): save on top of it."""
        if self._draft is not None and record.id == self._draft.article_id:
            with self._draft.lock:
                self._draft.version, self._draft.base = record.version, record

    def current_record(self) -> ArticleRecord | None:
        """The article as the person sees it: the library's version plus unsaved changes."""
        if self._draft is None:
            return None
        from dataclasses import replace

        pending, _version, base = self._draft.take_snapshot()
        if self._body_source is not None:
            pending["body"] = self._body_source()
        return replace(base, **pending)

    def note_body_changed(self) -> None:
        if self._draft is not None:
            self._body_dirty = True
            self._schedule()

    def note_change(self, field: str, value: Any) -> None:
        if self._draft is None:
            return
        with self._draft.lock:
            self._draft.pending[field] = value
        self._schedule()

    # -- saving -------------------------------------------------------------------------------

    def _schedule(self) -> None:
        self._debounce.start()
        if not self._max_wait.isActive():
            self._max_wait.start()
        if self.state == SAVED:
            self._set_state(SAVING)

    def _collect_body(self) -> None:
        if self._body_dirty and self._draft is not None and self._body_source is not None:
            body = self._body_source()
            with self._draft.lock:
                self._draft.pending["body"] = body
            self._body_dirty = False

    def save_now(self) -> None:
        """Save what is pending, on the worker (Ctrl+S, or a timer)."""
        self._stop_timers()
        draft = self._draft
        if draft is None or self._resolving:
            return
        self._collect_body()
        if self._in_flight:
            self._again = True
            return
        if not draft.pending:
            if not self.state.startswith("Not saved"):
                self._set_state(SAVED)
            return
        self._in_flight, self._again = True, False
        self._set_state(SAVING)
        self._tasks.run(
            lambda: self._write(draft),
            lambda record: self._on_saved(draft, record),
            lambda exc: self._on_failed(draft, exc),
            owner=self,
        )

    def _write(self, draft: _Draft) -> ArticleRecord:
        from newsdesk.services.editing import in_library, save_draft

        snapshot, version, base = draft.take_snapshot()
        record = in_library(
            self.ui_ctx.services,
            lambda s: save_draft(s, draft.article_id, snapshot, version, base),
        )
        draft.mark_saved(snapshot, record)
        return record

    def flush(self) -> bool:
        """Save everything now and wait for it (switching articles, closing). False if it
        could not be saved; the text is still kept and retried."""
        self._stop_timers()
        self._tasks.wait()
        self._in_flight = False
        draft = self._draft
        if draft is None:
            return True
        self._collect_body()
        if not draft.pending:
            return not self.state.startswith("Not saved")
        try:
            record = self._write(draft)
        except ConflictError as exc:
            self._resolve_conflict(draft, exc)
            return not draft.pending
        except UserError as exc:
            self._failed_write(exc)
            return False
        self._on_saved(draft, record)
        return True

    def _on_saved(self, draft: _Draft, record: ArticleRecord) -> None:
        self._in_flight = False
        if draft is not self._draft:
            return
        self._failures = 0
        self.saved.emit(record)
        if draft.pending or self._again or self._body_dirty:
            self.save_now()
        else:
            self._set_state(SAVED)

    def _on_failed(self, draft: _Draft, exc: BaseException) -> None:
        self._in_flight = False
        if draft is not self._draft:
            log.error("saving article %s failed after switching: %s", draft.article_id, exc)
            return
        if isinstance(exc, ConflictError):
            self._resolve_conflict(draft, exc)
        elif isinstance(exc, UserError):
            self._failed_write(exc)
        else:
            self._set_state("Not saved: an unexpected error (see the log); retrying")
            self._schedule_retry()
            raise exc

    def _failed_write(self, exc: UserError) -> None:
        log.warning("autosave failed: %s", exc)
        if isinstance(exc, NotFoundError):  # the command line's "give its id, UUID or slug"
            self._set_state(
                "Not saved: the article was deleted elsewhere (restore it from the Trash)"
            )
        else:
            self._set_state(f"Not saved: {exc}")
        self._schedule_retry()

    def _schedule_retry(self) -> None:
        self._failures += 1
        self._retry.start(min(1000 * 2 ** (self._failures - 1), RETRY_MAX_MS))

    # -- conflicts ----------------------------------------------------------------------------

    def _resolve_conflict(self, draft: _Draft, exc: ConflictError) -> None:
        """One side-by-side choice: keep mine, take theirs, or keep both. The version that
        leaves the article stays in its history; only "keep both" makes a copy."""
        from newsdesk.services.conflicts import Choice

        self._stop_timers()
        self._resolving = True
        try:
            theirs = self._read_theirs(draft)
            choice = None
            if theirs is not None:
                pending, _version, _base = draft.take_snapshot()
                answer = self.ui_ctx.prompts.choose_version(
                    VersionChoice(
                        "Changed elsewhere",
                        f"{exc}\nWhich version stays? The other one is kept in the history.",
                        _shown(theirs),
                        _shown(_mine(theirs, pending)),
                        [c.value for c in (Choice.KEEP_MINE, Choice.TAKE_THEIRS, Choice.KEEP_BOTH)],
                    )
                )
                choice = Choice(answer) if answer else None
            if choice is None:
                self._set_state("Not saved: changed elsewhere (save again to choose)")
                return
            try:
                self._apply_choice(draft, choice)
            except UserError as error:
                self._failed_write(error)
        finally:
            self._resolving = False

    def _read_theirs(self, draft: _Draft) -> ArticleRecord | None:
        from newsdesk.services.editing import get_article, storage_errors

        try:
            with storage_errors(), self.ui_ctx.services.session() as session:
                return get_article(session, draft.article_id)
        except UserError as error:
            self._failed_write(error)
            return None

    def _apply_choice(self, draft: _Draft, choice: Any) -> None:
        from newsdesk.services import conflicts
        from newsdesk.services.editing import storage_errors

        pending, _version, _base = draft.take_snapshot()
        with storage_errors(), self.ui_ctx.services.session() as session:
            result = conflicts.resolve(session, draft.article_id, pending, choice)
        with draft.lock:
            draft.version, draft.base = result.record.version, result.record
            draft.pending.clear()
        self._body_dirty = False
        if result.copy is not None:
            self.copy_created.emit(result.copy)
        self.saved.emit(result.record)
        if choice is conflicts.Choice.TAKE_THEIRS:
            self.reloaded.emit(result.record)
        self._set_state(SAVED)

    # -- helpers ------------------------------------------------------------------------------

    def _stop_timers(self) -> None:
        for timer in (self._debounce, self._max_wait, self._retry):
            timer.stop()

    def _set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.state_changed.emit(state)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for a save in progress (tests, shutdown)."""
        return self._tasks.wait(msecs)
