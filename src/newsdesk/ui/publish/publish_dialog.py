"""The publish dialog: pick targets, status and schedule, read the pre-flight checklist and
what each target will receive, then queue the jobs and send them on a worker."""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

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

from newsdesk.core.article_session import ArticleSession, Change, Event
from newsdesk.domain.headlines import shown_headline
from newsdesk.domain.record import ArticleRecord
from newsdesk.errors import UserError
from newsdesk.services import publishing
from newsdesk.services.editing import get_article, update_article
from newsdesk.services.outbox import JobOutcome
from newsdesk.ui.context import UiContext
from newsdesk.ui.dbwork import run_in_library

if TYPE_CHECKING:
    from sqlmodel import Session

STATUS_LABELS = {
    "draft": "Draft", "publish": "Publish now", "future": "Schedule",
    "pending": "Submit for review", "private": "Private",
}  # fmt: skip


class PublishDialog(QDialog):
    """Publishes one article; ``finished_publishing`` carries the outcomes."""

    finished_publishing = Signal(list)

    def __init__(
        self,
        ui_ctx: UiContext,
        article_id: int,
        parent: QWidget | None = None,
        session: ArticleSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui_ctx, self.article_id = ui_ctx, article_id
        self.setWindowTitle("Publish")
        self.article = QLabel("Reading the article…")  # headline and version, kept current
        self.article.setObjectName("publishArticle")
        self.article.setWordWrap(True)
        self.targets = QListWidget()
        self.status = QComboBox()
        for key, label in STATUS_LABELS.items():
            self.status.addItem(label, key)
        self.schedule = QDateTimeEdit(QDateTime.currentDateTimeUtc().addSecs(3600))
        self.schedule.setCalendarPopup(True)
        self.schedule.setDisplayFormat("yyyy-MM-dd HH:mm")  # as the inspector's Publish at
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
        layout.addWidget(self.article)
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
        self.publish_button.setEnabled(False)  # until the article and its targets are read
        self._unsubscribe: Callable[[], None] | None = None
        if session is not None:  # the window's open article: a save there shows here
            self._unsubscribe = session.subscribe(self._on_session_change)
            self.finished.connect(self._stop_observing)
            self.destroyed.connect(self._stop_observing)
        self._load()

    def _on_session_change(self, change: Change) -> None:
        """The open article was saved, reloaded or restored: show what is stored now (the
        headline, the version, the checklist and what the targets receive)."""
        if change.event in (Event.SAVED, Event.RELOADED) and change.detail.id == self.article_id:
            self._show_article(change.detail)
            self._refresh_checks()

    def _stop_observing(self, *_args: object) -> None:
        if self._unsubscribe is not None:
            unsubscribe, self._unsubscribe = self._unsubscribe, None
            unsubscribe()

    def _show_article(self, rec: ArticleRecord) -> None:
        self.article.setText(
            f"<b>{html.escape(shown_headline(rec.headline))}</b> · version {rec.version}"
        )

    def _load(self) -> None:
        article_id = self.article_id

        def read(s: Session) -> tuple[ArticleRecord, list[Any], list[str]]:
            return (
                get_article(s, article_id),
                publishing.list_targets(s),
                publishing.preflight(s, article_id),
            )

        run_in_library(self.ui_ctx, read, self._loaded, title="Publish", owner=self)

    def _loaded(self, result: tuple[ArticleRecord, list[Any], list[str]]) -> None:
        from newsdesk.services.publishing import default_status

        rec, targets, issues = result
        self._show_article(rec)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData(default_status(rec)))
        self.status.blockSignals(False)
        if rec.scheduled_at:
            self.schedule.setDateTime(
                QDateTime.fromSecsSinceEpoch(int(rec.scheduled_at.timestamp()))
            )
        for t in targets:
            item = QListWidgetItem(f"{t.name} ({publishing.kind_label(t.kind)})")
            item.setData(Qt.ItemDataRole.UserRole, t.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.targets.addItem(item)
        self._show_issues(issues)
        self.on_status_changed()
        self.publish_button.setEnabled(True)
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

    def _show_issues(self, issues: list[str]) -> None:
        self.checklist.setText(
            "\n".join(f"⚠ {i}" for i in issues) if issues else "✓ Nothing to fix"
        )

    def _refresh_checks(self) -> None:
        article_id = self.article_id
        run_in_library(self.ui_ctx, lambda s: publishing.preflight(s, article_id),
                       self._show_issues, title="Publish", owner=self)  # fmt: skip
        self.on_status_changed()

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
        article_id = self.article_id

        def read(s: Session) -> list[str]:
            try:
                return publishing.what_targets_receive(s, article_id, status)
            except UserError as exc:
                return [str(exc)]

        def show(lines: list[str]) -> None:
            self.receives.setText("\n".join(lines) or "No targets yet: add one in Target settings")

        run_in_library(self.ui_ctx, read, show, title="Publish", owner=self)

    def on_publish(self) -> None:
        status = str(self.status.currentData())
        names = self.chosen_targets()
        if not names:
            self.ui_ctx.prompts.error("Publish", "Choose at least one target.")
            return
        when = None
        if status == "future":
            when = self.schedule.dateTime().toPython()
            assert isinstance(when, datetime)
            when = when.replace(tzinfo=UTC)
        self.publish_button.setEnabled(False)
        self.outcome_label.setText("Sending…")
        ctx, article_id = self.ui_ctx.services, self.article_id

        def queue_and_send() -> list[JobOutcome]:
            from newsdesk.services.editing import storage_errors

            with storage_errors(), ctx.session() as s:  # dbwork's guard, then the network
                if when is not None:
                    update_article(s, article_id, {"scheduled_at": when}, touch=False)
                job_ids = {
                    publishing.queue_publish(s, article_id, n, status=status).id or 0 for n in names
                }
            return publishing.run_outbox(ctx, job_ids=job_ids)

        self.ui_ctx.tasks.run(queue_and_send, self.on_sent, self.on_failed, owner=self)

    def _send_again(self, queue: Callable[[Session], set[int]], kept: list[JobOutcome]) -> None:
        """Queue again (a post made anew, an overwrite) and send, on a worker."""
        ctx = self.ui_ctx.services

        def work() -> list[JobOutcome]:
            from newsdesk.services.editing import storage_errors

            with storage_errors(), ctx.session() as s:
                ids = queue(s)
            return publishing.run_outbox(ctx, job_ids=ids)

        self.ui_ctx.tasks.run(work, lambda more: self.on_sent(kept + more), self.on_failed,
                              owner=self)  # fmt: skip

    def on_sent(self, outcomes: list[JobOutcome]) -> None:
        gone = [o for o in outcomes if o.status == "failed" and o.reason == "remote-gone"]
        if gone and self.ui_ctx.prompts.confirm(
            "Create the post anew?",
            "\n\n".join(o.message for o in gone),
            ok="Create anew",
        ):
            article_id, status = self.article_id, str(self.status.currentData())
            self._send_again(
                lambda s: {
                    publishing.queue_publish(
                        s, article_id, o.target, status=status, recreate=True
                    ).id
                    or 0
                    for o in gone
                },
                [o for o in outcomes if o not in gone],
            )
            return
        changed = [o for o in outcomes if o.status == "failed" and o.reason == "remote-changed"]
        if changed and self.ui_ctx.prompts.confirm(
            "Overwrite edits on the site?",
            "\n\n".join(o.message for o in changed),
            ok="Overwrite",
            destructive=True,
        ):
            self._send_again(
                lambda s: {publishing.retry_job(s, o.job_id, force=True).id or 0 for o in changed},
                [o for o in outcomes if o not in changed],
            )
            return
        self.outcome_label.setText(
            "\n".join(_describe(o) for o in outcomes) or "Waiting in the outbox"
        )
        self.publish_button.setEnabled(True)
        self.finished_publishing.emit(outcomes)

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
    tail = (
        " It waits in the Outbox (Article → Outbox) and goes out on its own once the site answers."
        if o.status == "queued"
        else ""
    )
    return f"{mark} {o.target}: {o.message}{tail}"
