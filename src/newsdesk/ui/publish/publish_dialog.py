"""The publish dialog: pick targets, status and schedule, read the pre-flight checklist and
what each target will receive, then queue the jobs and send them on a worker."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.articles import get_article, update_article
from newsdesk.errors import UserError
from newsdesk.services import publishing
from newsdesk.services.outbox import JobOutcome
from newsdesk.ui.context import UiContext

STATUS_LABELS = {
    "draft": "Draft", "publish": "Publish now", "future": "Schedule",
    "pending": "Submit for review", "private": "Private",
}  # fmt: skip


class PublishDialog(QDialog):
    """Publishes one article; ``finished_publishing`` carries the outcomes."""

    finished_publishing = Signal(list)

    def __init__(self, ui_ctx: UiContext, article_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx, self.article_id = ui_ctx, article_id
        self.setWindowTitle("Publish")
        self.targets = QListWidget()
        self.status = QComboBox()
        for key, label in STATUS_LABELS.items():
            self.status.addItem(label, key)
        self.schedule = QDateTimeEdit(QDateTime.currentDateTimeUtc().addSecs(3600))
        self.schedule.setCalendarPopup(True)
        self.checklist = QLabel()
        self.checklist.setWordWrap(True)
        self.receives = QLabel()
        self.receives.setWordWrap(True)
        self.terms = QLabel("Reading the sites' categories and tags…")
        self.terms.setWordWrap(True)
        self.outcome_label = QLabel()
        self.outcome_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.publish_button = self.buttons.addButton(
            "Publish", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.publish_button.clicked.connect(self.on_publish)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("Targets", self.targets)
        form.addRow("Status", self.status)
        form.addRow("Schedule (UTC)", self.schedule)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Pre-flight checklist</b>"))
        layout.addWidget(self.checklist)
        layout.addWidget(QLabel("<b>What each target will receive</b>"))
        layout.addWidget(self.receives)
        layout.addWidget(QLabel("<b>Categories and tags on the sites</b>"))
        layout.addWidget(self.terms)
        layout.addWidget(self.outcome_label)
        layout.addWidget(self.buttons)
        self.status.currentIndexChanged.connect(self.on_status_changed)
        self._load()

    def _load(self) -> None:
        with self.ui_ctx.services.session() as s:
            rec = get_article(s, self.article_id)
            targets = publishing.list_targets(s)
            issues = publishing.preflight(s, self.article_id)
        from newsdesk.publish.payload import default_status

        self.status.setCurrentIndex(self.status.findData(default_status(rec)))
        if rec.scheduled_at:
            self.schedule.setDateTime(
                QDateTime.fromSecsSinceEpoch(int(rec.scheduled_at.timestamp()))
            )
        for t in targets:
            item = QListWidgetItem(f"{t.name} ({t.kind})")
            item.setData(Qt.ItemDataRole.UserRole, t.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.targets.addItem(item)
        self.checklist.setText(
            "\n".join(f"⚠ {i}" for i in issues) if issues else "✓ Nothing to fix"
        )
        self.on_status_changed()
        remote = [t for t in targets if t.kind in ("wordpress", "ghost", "micropub")]
        if not remote:
            self.terms.setText("—")
            return
        section, tags = rec.section, list(rec.tags)
        self.ui_ctx.tasks.run(
            lambda: _term_lines(remote, section, tags),
            self.terms.setText,
            self.on_terms_failed,
            owner=self,
        )

    def on_terms_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.terms.setText(f"Could not read them: {exc}")

    def chosen_targets(self) -> list[str]:
        items = [self.targets.item(i) for i in range(self.targets.count())]
        return [
            str(it.data(Qt.ItemDataRole.UserRole))
            for it in items
            if it.checkState() == Qt.CheckState.Checked
        ]

    def on_status_changed(self) -> None:
        status = self.status.currentData()
        self.schedule.setEnabled(status == "future")
        try:
            with self.ui_ctx.services.session() as s:
                lines = publishing.what_targets_receive(s, self.article_id, status)
        except UserError as exc:
            lines = [str(exc)]
        self.receives.setText("\n".join(lines) or "No targets yet: add one in Target settings")

    def on_publish(self) -> None:
        status = str(self.status.currentData())
        names = self.chosen_targets()
        if not names:
            self.ui_ctx.prompts.error("Publish", "Choose at least one target.")
            return
        try:
            job_ids = self._queue(status, names)
        except UserError as exc:
            self.ui_ctx.prompts.error("Publish", str(exc))
            return
        self.publish_button.setEnabled(False)
        self.outcome_label.setText("Sending…")
        ctx = self.ui_ctx.services
        self.ui_ctx.tasks.run(
            lambda: publishing.run_outbox(ctx, job_ids=job_ids), self.on_sent, self.on_failed
        )

    def _queue(self, status: str, names: list[str], force: bool = False) -> set[int]:
        with self.ui_ctx.services.session() as s:
            if status == "future":
                when = self.schedule.dateTime().toPython()
                assert isinstance(when, datetime)
                when = when.replace(tzinfo=UTC)
                update_article(s, self.article_id, {"scheduled_at": when}, touch=False)
            return {
                publishing.queue_publish(s, self.article_id, n, status, force=force).id or 0
                for n in names
            }

    def on_sent(self, outcomes: list[JobOutcome]) -> None:
        gone = [o for o in outcomes if o.status == "failed" and o.reason == "remote-gone"]
        if gone and self.ui_ctx.prompts.confirm(
            "Create the post anew?",
            "\n\n".join(o.message for o in gone),
            ok="Create anew",
        ):
            with self.ui_ctx.services.session() as s:
                ids = {
                    publishing.queue_publish(
                        s, self.article_id, o.target, str(self.status.currentData()),
                        recreate=True,
                    ).id or 0
                    for o in gone
                }  # fmt: skip
            self._send_again(ids, [o for o in outcomes if o not in gone])
            return
        changed = [o for o in outcomes if o.status == "failed" and o.reason == "remote-changed"]
        if changed and self.ui_ctx.prompts.confirm(
            "Overwrite edits on the site?",
            "\n\n".join(o.message for o in changed),
            ok="Overwrite",
            destructive=True,
        ):
            with self.ui_ctx.services.session() as s:
                ids = {publishing.retry_job(s, o.job_id, force=True).id or 0 for o in changed}
            self._send_again(ids, [o for o in outcomes if o not in changed])
            return
        self.outcome_label.setText(
            "\n".join(_describe(o) for o in outcomes) or "Waiting in the outbox"
        )
        self.publish_button.setEnabled(True)
        self.finished_publishing.emit(outcomes)

    def _send_again(self, job_ids: set[int], settled: list[JobOutcome]) -> None:
        """Send the jobs queued again after asking the person; their outcomes join ``settled``."""
        ctx = self.ui_ctx.services
        self.ui_ctx.tasks.run(
            lambda: publishing.run_outbox(ctx, job_ids=job_ids),
            lambda more: self.on_sent(settled + more),
            self.on_failed,
        )

    def on_failed(self, exc: BaseException) -> None:
        self.publish_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.outcome_label.setText(f"✗ {exc}")
            self.ui_ctx.prompts.error("Publish", str(exc))
            return
        raise exc


def _term_lines(targets: list[Any], section: str | None, tags: list[str]) -> str:
    """Per target, which of the article's terms the site has and which it will create
    (network: runs on a worker)."""
    lines = []
    for config in targets:
        try:
            site = publishing.remote_terms(config)
        except UserError as exc:
            lines.append(f"{config.name}: could not read them ({exc})")
            continue
        plans = publishing.terms_plan(config, section, tags, site)
        lines += [f"{config.name}: {plan.line()}" for plan in plans]
    return "\n".join(lines) or "—"


def _describe(o: JobOutcome) -> str:
    mark = {"done": "✓", "queued": "…", "failed": "✗", "held": "⏲"}.get(o.status, "·")
    tail = " (will retry)" if o.status == "queued" else ""
    return f"{mark} {o.target}: {o.message}{tail}"
