"""The outbox panel: waiting, failed and done jobs, with retry, cancel and "send now"."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from newsdesk.errors import UserError
from newsdesk.services import publishing
from newsdesk.ui.context import UiContext
from newsdesk.ui.dbwork import run_in_library
from newsdesk.ui.tables import cell, row_table

log = logging.getLogger(__name__)

COLUMNS = ["Job", "Article", "Target", "Action", "Status", "Tries", "Next try", "Error"]
ARTICLE, ERROR = 1, len(COLUMNS) - 1
ENDED_SHOWN = 200  # sent or cancelled jobs listed (the newest); waiting and failed: all


class OutboxPanel(QWidget):
    """Shows the outbox; ``drain`` is what the app's timer calls to send due jobs."""

    drained = Signal(list)
    refreshed = Signal()  # the list shows the library's jobs as they are now

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        # Why a job waits or failed is what a person opens the outbox for: the Error column
        # takes the room left (it was cut to "WordPress ..." beside an empty half of the
        # table), each cell has its whole text as a tooltip, and the chosen job's (or the
        # newest failure's) reason is written out in full under the table.
        fitted = [c for c in range(len(COLUMNS)) if c not in (ARTICLE, ERROR)]
        self.table = row_table(COLUMNS, stretch=ERROR, fitted=fitted)
        self.table.setWordWrap(False)
        self.table.setColumnWidth(ARTICLE, 240)
        self.detail = QLabel(wordWrap=True)
        self.detail.setObjectName("outboxDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.currentCellChanged.connect(lambda *_cells: self._show_detail())
        self.send_button = QPushButton("Send now")
        self.retry_button = QPushButton("Retry")
        self.cancel_button = QPushButton("Cancel job")
        self.send_button.clicked.connect(lambda: self.drain())
        self.retry_button.clicked.connect(self.on_retry)
        self.cancel_button.clicked.connect(self.on_cancel)
        buttons = QHBoxLayout()
        for b in (self.send_button, self.retry_button, self.cancel_button):
            buttons.addWidget(b)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.table)
        layout.addWidget(self.detail)
        self._busy = False
        self._jobs: list[publishing.JobView] = []
        self.refresh()

    def refresh(self) -> None:
        """Read the jobs on a worker (every minute while the app is open: typing goes on) and
        show them: all that wait or failed, and the newest ``ENDED_SHOWN`` sent or cancelled."""
        ctx = self.ui_ctx.services

        def read() -> list[publishing.JobView]:
            from newsdesk.services.editing import storage_errors

            with storage_errors(), ctx.session() as s:
                return publishing.list_jobs(s, ended_most=ENDED_SHOWN)

        self.ui_ctx.tasks.run(read, self._show_jobs, self._unreadable, owner=self)

    def _unreadable(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        log.warning("outbox: %s", exc)  # locked or read-only for now: the list stays as it was
        self.setToolTip(f"Cannot read the outbox: {exc}")

    def _show_jobs(self, jobs: list[publishing.JobView]) -> None:
        chosen = self.selected_job()
        self._jobs = jobs
        self.table.setRowCount(len(jobs))
        for row, j in enumerate(jobs):
            values = [
                str(j.id),
                j.headline,
                j.target,
                j.action,
                j.status,
                str(j.attempts),
                next_try(j),
                " ".join(j.last_error.split()),
            ]
            for col, value in enumerate(values):
                self.table.setItem(row, col, cell(value, tip=col in (ARTICLE, ERROR)))
        rows = [r for r, j in enumerate(jobs) if j.id == chosen]
        if rows:  # the job the person chose stays chosen
            self.table.selectRow(rows[0])
        self._show_detail()
        self.refreshed.emit()

    def _show_detail(self) -> None:
        """The chosen job, else the newest one with a reason, written out in full."""
        row = self.table.currentRow()
        if 0 <= row < len(self._jobs):
            job: publishing.JobView | None = self._jobs[row]
        else:
            job = next((j for j in self._jobs if j.last_error and j.status != "done"), None)
        self.detail.setText(describe(job) if job is not None else "")
        self.detail.setVisible(job is not None)

    def selected_job(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.text()) if item else None

    def drain(self, *, quiet: bool = False) -> None:
        """Send every due job on a worker. ``quiet`` (the app's timer): a failure is logged
        and shown in the panel, not in a box every minute; failed jobs keep their reason."""
        if self._busy:
            return
        self._busy = True
        ctx = self.ui_ctx.services

        def run() -> list:
            from newsdesk.services.editing import storage_errors

            with storage_errors():  # a locked or read-only library is a reason, not a crash
                return publishing.run_outbox(ctx)

        self.ui_ctx.tasks.run(
            run,
            self.on_drained,
            lambda exc: self.on_error(exc, quiet=quiet),
        )

    def on_drained(self, outcomes: list) -> None:
        # A panel whose window closed while jobs went out hears nothing (TaskRunner's owner).
        self._busy = False
        self.refresh()
        self.drained.emit(outcomes)

    def on_error(self, exc: BaseException, *, quiet: bool = False) -> None:
        self._busy = False
        self.refresh()
        if isinstance(exc, UserError):
            if quiet:
                log.warning("outbox: %s", exc)
                self.setToolTip(f"Last attempt: {exc}")
            else:
                self.ui_ctx.prompts.error("Outbox", str(exc))
            return
        raise exc

    def _change(self, action: str) -> None:
        job = self.selected_job()
        if job is None:
            return

        def change(s: Any) -> None:
            if action == "retry":
                publishing.retry_job(s, job)
            else:
                publishing.cancel_job(s, job)

        def changed(_none: None) -> None:
            self.refresh()
            if action == "retry":
                self.drain()

        run_in_library(self.ui_ctx, change, changed, title="Outbox", on_failed=self.refresh,
                       owner=self)  # fmt: skip

    def on_retry(self) -> None:
        self._change("retry")

    def on_cancel(self) -> None:
        self._change("cancel")


def next_try(job: publishing.JobView, now: datetime | None = None) -> str:
    """When a waiting job goes out next, in local time ("now" once it is due)."""
    if job.status != "queued":
        return ""
    when = job.next_attempt_at
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    now = now or datetime.now(UTC)
    if when <= now:
        return "now"
    local = when.astimezone()
    same_day = local.date() == now.astimezone().date()
    return local.strftime("%H:%M") if same_day else local.strftime("%d %b %H:%M")


def describe(job: publishing.JobView) -> str:
    """A job in a sentence: what, where, its state, why, and when it is tried again."""
    text = f"“{job.headline}” → {job.target}: {job.action}, {job.status}"
    if job.attempts:
        text += f" after {job.attempts} {'try' if job.attempts == 1 else 'tries'}"
    text += "."
    if job.last_error and job.status != "done":
        text += f" {job.last_error.strip()}"
    if job.status == "failed":
        text += " Retry sends it again once that is put right."
    when = next_try(job)
    if when == "now":
        text += " It goes out with the next send."
    elif when:
        text += f" Next try at {when}; Retry sends it at once."
    return text
