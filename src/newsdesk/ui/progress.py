"""A progress dialog with Cancel for long work (exports, imports) run on a worker thread.

The work gets a Qt-free ``core.progress.Progress``; the dialog reads its state on a timer
(so a burst of steps never floods the event queue), and Cancel sets the flag the work checks
between steps.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from newsdesk.core.progress import Cancelled, Progress, ProgressState, format_duration
from newsdesk.ui.context import UiContext

POLL_MS = 50


def describe(state: ProgressState) -> str:
    """``"Exporting site — 120 of 6,000 · 0:42 left"``."""
    text = f"{state.label or 'Working'} — {state.done:,} of {state.total:,}"
    if state.eta is not None and state.done < state.total:
        text += f" · {format_duration(state.eta)} left"
    return text


class ProgressDialog(QProgressDialog):
    """Shows one piece of work's progress; closes itself when the work ends."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, "Cancel", 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(400)  # quick jobs finish without a flash of a dialog
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.progress = Progress()
        self.canceled.connect(self.on_cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(POLL_MS)
        self._timer.timeout.connect(self.on_tick)
        self._timer.start()
        from newsdesk.ui.accessibility import complete_accessibility

        complete_accessibility(self)  # made outside the main window's watch

    @Slot()
    def on_tick(self) -> None:
        if not self.progress.cancelled:
            self.show_state(self.progress.state())

    def show_state(self, state: ProgressState) -> None:
        self.setMaximum(max(state.total, 1) if state.total else 0)
        self.setValue(min(state.done, state.total))
        self.setLabelText(describe(state))

    def finish(self) -> None:
        self._timer.stop()
        self.close()

    @Slot()
    def on_cancel(self) -> None:
        self.progress.cancel()
        self.setLabelText("Cancelling…")


def run_with_progress(
    ui: UiContext,
    title: str,
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    *,
    on_error: Callable[[BaseException], None] | None = None,
    on_cancelled: Callable[[], None] = lambda: None,
    parent: QWidget | None = None,
) -> ProgressDialog:
    """Run ``work(progress)`` on ``ui.tasks`` behind a progress dialog; callbacks on the GUI thread.

    A ``Cancelled`` error means the person pressed Cancel: ``on_cancelled`` runs, no error shows.
    Other errors go to ``on_error`` (by default a message through ``ui.prompts``).
    """
    dialog = ProgressDialog(title, parent)

    def done(result: Any) -> None:
        dialog.finish()
        on_done(result)

    def failed(exc: BaseException) -> None:
        dialog.finish()
        if isinstance(exc, Cancelled):
            on_cancelled()
        elif on_error is not None:
            on_error(exc)
        else:
            ui.prompts.error(title, str(exc))

    ui.tasks.run(lambda: work(dialog.progress), done, failed)
    return dialog
