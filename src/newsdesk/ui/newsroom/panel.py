"""The Newsroom panel of the open article: its stage (and a menu of the moves the site's
workflow allows), who else is editing it (with Take over), the embargo, the assignment with
its deadline count-down, the corrections and updates, and the newsroom's notes.

Every change goes through the services on a worker (``run_in_library``); refused moves (a
missing role, a failing pre-flight check) come back as messages through the prompt seam.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSpinBox,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.domain.record import ArticleRecord
from newsdesk.domain.stages import Workflow, countdown
from newsdesk.errors import NotFoundError, UserError
from newsdesk.ui.dbwork import run_in_library
from newsdesk.ui.tables import wrap_rows

if TYPE_CHECKING:
    from sqlmodel import Session

    from newsdesk.services.notes import NoteView
    from newsdesk.services.presence import Editor
    from newsdesk.ui.context import UiContext

log = logging.getLogger(__name__)

NOTE_ROLE = Qt.ItemDataRole.UserRole
STAGE_COLOURS = {
    "draft": "#6b7280",
    "ready_for_edit": "#b45309",
    "edited": "#1d4ed8",
    "ready_to_publish": "#047857",
    "published": "#15803d",
    "spiked": "#b91c1c",
}


@dataclass
class NewsroomView:
    """What the panel shows, read in one transaction."""

    record: ArticleRecord
    workflow: Workflow
    notes: list[NoteView] = field(default_factory=list)
    others: list[Editor] = field(default_factory=list)
    notice: str = ""


def _when(moment: datetime) -> str:
    local = moment.astimezone()
    today = datetime.now(local.tzinfo).date()
    return local.strftime("%H:%M") if local.date() == today else local.strftime("%d %b %H:%M")


class NewsroomPanel(QWidget):
    """Shows and changes the open article's workflow. ``article_changed(rec)`` fires after a
    change here (the window reloads its fields), ``presence_changed(text)`` with the banner."""

    article_changed = Signal(object)
    refreshed = Signal()
    # For the window's status bar: the stage (label, colour) and the presence line ("" if none).
    indicators_changed = Signal(str, str, str)

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from newsdesk.services.presence import HEARTBEAT, new_client_id

        self.ui_ctx = ui_ctx
        self.article_id: int | None = None
        self.view: NewsroomView | None = None
        self.client_id = new_client_id()
        self._presence_shown = False
        self._build()
        self._heartbeat = QTimer(self, interval=int(HEARTBEAT.total_seconds() * 1000))
        self._heartbeat.timeout.connect(self._beat)
        self._clock = QTimer(self, interval=30_000)  # the deadline count-down
        self._clock.timeout.connect(self._show_deadline)
        self._clock.start()
        self.set_article(None)

    # -- building -----------------------------------------------------------------------------

    def _build(self) -> None:
        self.presence_banner = QLabel()
        self.presence_banner.setObjectName("presenceBanner")
        self.presence_banner.setWordWrap(True)
        self.presence_banner.setStyleSheet(
            "#presenceBanner { background: #fff4d6; color: #5c3b00; padding: 6px 8px;"
            " border: 1px solid #e8c56a; border-radius: 4px; }"
        )
        self.take_over_button = QPushButton("Take over")
        self.take_over_button.setToolTip("Edit this story yourself; the other desk is told")
        self.take_over_button.clicked.connect(self.on_take_over)
        banner = QHBoxLayout()
        banner.addWidget(self.presence_banner, 1)
        banner.addWidget(self.take_over_button)

        self.stage_chip = QLabel()
        self.stage_chip.setObjectName("stageChip")
        self.stage_chip.setAccessibleName("Editorial stage")
        self.move_button = QToolButton()
        self.move_button.setText("Move to…")
        self.move_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.move_menu = QMenu(self.move_button)
        self.move_button.setMenu(self.move_menu)
        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setStyleSheet("color: palette(mid);")
        stage_row = QHBoxLayout()
        stage_row.addWidget(self.stage_chip)
        stage_row.addStretch(1)
        stage_row.addWidget(self.move_button)

        self.embargo_label = QLabel()
        self.embargo_edit = QDateTimeEdit()
        self.embargo_edit.setCalendarPopup(True)
        self.embargo_edit.setDisplayFormat("dd MMM yyyy HH:mm")
        self.embargo_edit.setAccessibleName("Embargo time")
        self.embargo_set = QPushButton("Embargo")
        self.embargo_set.clicked.connect(self.on_set_embargo)
        self.embargo_lift = QPushButton("Lift")
        self.embargo_lift.clicked.connect(lambda: self._embargo(None))
        embargo_row = QHBoxLayout()
        embargo_row.addWidget(self.embargo_edit, 1)
        embargo_row.addWidget(self.embargo_set)
        embargo_row.addWidget(self.embargo_lift)

        self.assignee = QLineEdit(placeholderText="Nobody")
        self.assignee.setAccessibleName("Assigned to")
        self.budget = QSpinBox(maximum=100_000, singleStep=50)
        self.budget.setSpecialValueText("No budget")
        self.budget.setAccessibleName("Word budget")
        self.words_label = QLabel()
        self.deadline_edit = QDateTimeEdit()
        self.deadline_edit.setCalendarPopup(True)
        self.deadline_edit.setDisplayFormat("dd MMM yyyy HH:mm")
        self.deadline_edit.setAccessibleName("Deadline")
        self.deadline_label = QLabel()
        self.assign_button = QPushButton("Assign")
        self.assign_button.clicked.connect(self.on_assign)
        form = QFormLayout()
        form.addRow("Stage", stage_row)
        form.addRow("", self.path_label)
        form.addRow("Embargo", embargo_row)
        form.addRow("", self.embargo_label)
        form.addRow("Assigned to", self.assignee)
        budget_row = QHBoxLayout()
        budget_row.addWidget(self.budget, 1)
        budget_row.addWidget(self.words_label)
        form.addRow("Word budget", budget_row)
        form.addRow("Deadline", self.deadline_edit)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline_label, 1)
        deadline_row.addWidget(self.assign_button)
        form.addRow("", deadline_row)

        self.corrections = QTreeWidget()
        self.corrections.setHeaderLabels(["", "Who, when", "Text"])
        self.corrections.setRootIsDecorated(False)
        wrap_rows(self.corrections)
        self.corrections.setColumnWidth(0, 84)
        self.corrections.setColumnWidth(1, 150)
        self.corrections.setAccessibleName("Corrections and updates")
        self.add_correction_button = QPushButton("Add correction…")
        self.add_correction_button.clicked.connect(lambda: self.on_add_correction("correction"))
        self.add_update_button = QPushButton("Add update…")
        self.add_update_button.clicked.connect(lambda: self.on_add_correction("update"))
        corr_box = QGroupBox("Corrections and updates")
        corr_layout = QVBoxLayout(corr_box)
        corr_layout.addWidget(self.corrections)
        corr_buttons = QHBoxLayout()
        corr_buttons.addWidget(self.add_correction_button)
        corr_buttons.addWidget(self.add_update_button)
        corr_layout.addLayout(corr_buttons)

        self.notes = QTreeWidget()
        self.notes.setHeaderLabels(["Note", "Who, when"])
        wrap_rows(self.notes)
        header = self.notes.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.notes.setAccessibleName("Newsroom notes")
        self.note_text = QLineEdit(
            placeholderText="Write a note for the newsroom (never published)"
        )
        self.note_text.returnPressed.connect(self.on_add_note)
        self.reply_button = QPushButton("Reply")
        self.reply_button.clicked.connect(lambda: self.on_add_note(reply=True))
        self.resolve_button = QPushButton("Resolve")
        self.resolve_button.clicked.connect(self.on_resolve)
        notes_box = QGroupBox("Notes")
        notes_layout = QVBoxLayout(notes_box)
        notes_layout.addWidget(self.notes)
        notes_layout.addWidget(self.note_text)
        note_buttons = QHBoxLayout()
        add_note = QPushButton("Add note")
        add_note.clicked.connect(lambda: self.on_add_note())
        for button in (add_note, self.reply_button, self.resolve_button):
            note_buttons.addWidget(button)
        notes_layout.addLayout(note_buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(banner)
        layout.addLayout(form)
        layout.addWidget(corr_box, 1)
        layout.addWidget(notes_box, 2)

    # -- loading ------------------------------------------------------------------------------

    def set_article(self, article_id: int | None) -> None:
        """Show another article (None: none); announces this desk on it, leaves the last."""
        previous, self.article_id = self.article_id, article_id
        if previous is not None and previous != article_id and self.ui_ctx.is_open:
            self._leave(previous)
        self.view = None
        self.setEnabled(article_id is not None)
        self.presence_banner.hide()
        self.take_over_button.hide()
        self._presence_shown = False
        if article_id is None:
            self._heartbeat.stop()
            self.indicators_changed.emit("", "", "")
            self.stage_chip.setText("")
            self.corrections.clear()
            self.notes.clear()
            return
        self._announce()
        self._heartbeat.start()

    def _leave(self, article_id: int) -> None:
        from newsdesk.services.presence import close_article

        client = self.client_id
        run_in_library(
            self.ui_ctx, lambda s: close_article(s, article_id, client), lambda _r: None,
            title="Newsroom", owner=self,
        )  # fmt: skip

    def _load(self, session: Session, article_id: int) -> NewsroomView:
        from newsdesk.services import newsroom, notes, presence
        from newsdesk.services.editing import get_article

        return NewsroomView(
            get_article(session, article_id),
            newsroom.load_workflow(session),
            notes.list_notes(session, article_id),
            presence.others(session, article_id, self.client_id),
        )

    def _announce(self) -> None:
        from newsdesk.services.presence import open_article

        article_id, client, desk = self.article_id, self.client_id, self.ui_ctx.services.desk
        assert article_id is not None

        def work(session: Session) -> NewsroomView:
            open_article(session, article_id, client, desk)
            return self._load(session, article_id)

        run_in_library(
            self.ui_ctx, work, self._show, title="Newsroom", owner=self, on_error=self._failed
        )

    def refresh(self) -> None:
        """Read the article's workflow again (another desk changed something)."""
        article_id = self.article_id
        if article_id is None or not self.ui_ctx.is_open:
            return
        run_in_library(
            self.ui_ctx, lambda s: self._load(s, article_id), self._show, title="Newsroom",
            owner=self, on_error=self._failed,
        )  # fmt: skip

    def _failed(self, exc: UserError) -> None:
        """An article gone meanwhile (the Trash, another desk) leaves the panel empty, with no
        box saying "No article '9' in the library"; anything else is said."""
        if isinstance(exc, NotFoundError):
            self.set_article(None)
            return
        self.ui_ctx.prompts.error("Newsroom", str(exc))

    def _beat(self) -> None:
        from newsdesk.services.presence import heartbeat

        article_id, client, desk = self.article_id, self.client_id, self.ui_ctx.services.desk
        if article_id is None:
            return

        def work(session: Session) -> NewsroomView:
            beat = heartbeat(session, article_id, client, desk)
            view = self._load(session, article_id)
            view.notice = beat.notice
            return view

        run_in_library(self.ui_ctx, work, self._show, title="Newsroom", owner=self)

    # -- showing ------------------------------------------------------------------------------

    def _show(self, view: NewsroomView) -> None:
        if self.article_id != view.record.id:
            return  # another article was opened meanwhile
        self.view = view
        rec, wf = view.record, view.workflow
        colour = STAGE_COLOURS.get(rec.stage, "#374151")
        self.stage_chip.setText(wf.label(rec.stage))
        self.stage_chip.setStyleSheet(
            f"#stageChip {{ background: {colour}; color: white; padding: 2px 10px;"
            " border-radius: 9px; font-weight: 600; }"
        )
        self.move_menu.clear()
        for name in wf.next_stages(rec.stage):
            action = self.move_menu.addAction(wf.label(name))
            action.triggered.connect(lambda _checked=False, n=name: self.move_to(n))
        self.move_button.setEnabled(bool(wf.next_stages(rec.stage)))
        self._show_presence(view)
        self._show_embargo(rec)
        self.assignee.setText(rec.assignee)
        self.budget.setValue(rec.word_budget)
        self.words_label.setText(
            f"{rec.word_count:,} of {rec.word_budget:,} words" if rec.word_budget else ""
        )
        self._show_deadline()
        self._show_corrections(rec)
        self._show_notes(view.notes)
        stage = wf.label(rec.stage)
        if rec.embargo_at is not None and rec.embargo_at > datetime.now(UTC):
            stage += f" · Embargoed until {rec.embargo_at.astimezone():%d %b %H:%M}"
        self.indicators_changed.emit(
            stage, colour, self.presence_banner.text() if self._presence_shown else ""
        )
        self.refreshed.emit()

    def _show_presence(self, view: NewsroomView) -> None:
        from newsdesk.services.presence import describe

        if view.notice:
            self.presence_banner.setText(view.notice)
            self._presence_shown = True
            self.presence_banner.show()
            self.take_over_button.show()
            self.take_over_button.setText("Take it back")
            return
        text = describe(view.others)
        self._presence_shown = bool(text)
        self.presence_banner.setText(f"{text}. You can read it, or take over." if text else "")
        self.presence_banner.setVisible(bool(text))
        self.take_over_button.setVisible(bool(text))
        self.take_over_button.setText("Take over")

    def _show_embargo(self, rec: ArticleRecord) -> None:
        active = rec.embargo_at is not None and rec.embargo_at > datetime.now(UTC)
        if rec.embargo_at is not None:
            when = rec.embargo_at.astimezone().strftime("%d %b %Y, %H:%M")
            self.embargo_label.setText(
                f"<b>Embargoed until {when}</b>: not published or exported before then"
                if active
                else f"Embargo passed ({when})"
            )
            self.embargo_edit.setDateTime(_qt_time(rec.embargo_at))
        else:
            self.embargo_label.setText("No embargo")
            self.embargo_edit.setDateTime(QDateTime.currentDateTime().addSecs(3600))
        self.embargo_label.setStyleSheet("color: #b91c1c;" if active else "")
        self.embargo_lift.setEnabled(rec.embargo_at is not None)

    def _show_deadline(self) -> None:
        rec = self.view.record if self.view else None
        if rec is None or rec.deadline_at is None:
            self.deadline_label.setText("No deadline")
            self.deadline_label.setStyleSheet("")
            if rec is not None:
                self.deadline_edit.setDateTime(QDateTime.currentDateTime().addSecs(4 * 3600))
            return
        left = countdown(rec.deadline_at)
        self.deadline_label.setText(left)
        self.deadline_label.setStyleSheet("color: #b91c1c;" if "overdue" in left else "")
        self.deadline_edit.setDateTime(_qt_time(rec.deadline_at))

    def _show_corrections(self, rec: ArticleRecord) -> None:
        self.corrections.clear()
        for c in rec.corrections:
            who = f"{c.desk}, " if c.desk else ""
            item = QTreeWidgetItem([c.label, f"{who}{_when(c.created_at)}", c.text])
            item.setToolTip(2, c.text)
            self.corrections.addTopLevelItem(item)
        published = rec.published_at is not None or rec.status == "published"
        self.add_correction_button.setEnabled(published)
        self.add_update_button.setEnabled(published)
        tip = "" if published else "Only a published story gets corrections; change the text"
        self.add_correction_button.setToolTip(tip)
        self.add_update_button.setToolTip(tip)

    def _show_notes(self, threads: list[NoteView]) -> None:
        self.notes.clear()
        for thread in threads:
            item = self._note_item(thread)
            for reply in thread.replies:
                item.addChild(self._note_item(reply))
            self.notes.addTopLevelItem(item)
            item.setExpanded(not thread.resolved)

    @staticmethod
    def _note_item(note: NoteView) -> QTreeWidgetItem:
        by = f"{note.desk or '—'}, {_when(note.created_at)}"
        text = f"✓ {note.text}" if note.resolved else note.text
        item = QTreeWidgetItem([text, by])
        item.setData(0, NOTE_ROLE, note.id)
        item.setToolTip(
            0, note.text + (f"\nResolved by {note.resolved_by}" if note.resolved else "")
        )
        if note.resolved:
            item.setForeground(0, item.foreground(0).color().lighter(160))
        return item

    # -- changing -----------------------------------------------------------------------------

    def _change(self, work: Any) -> None:
        """Run ``work(session)`` (returning the article) on a worker, then show the result."""
        article_id = self.article_id
        if article_id is None:
            return

        def job(session: Session) -> NewsroomView:
            work(session, article_id)
            return self._load(session, article_id)

        def done(view: NewsroomView) -> None:
            self._show(view)
            self.article_changed.emit(view.record)

        run_in_library(self.ui_ctx, job, done, title="Newsroom", on_failed=self.refresh, owner=self)

    def move_to(self, stage: str) -> None:
        from newsdesk.services.newsroom import move_stage

        self._change(lambda s, a: move_stage(s, a, stage))

    def on_set_embargo(self) -> None:
        moment = datetime.fromtimestamp(self.embargo_edit.dateTime().toSecsSinceEpoch(), UTC)
        self._embargo(moment)

    def _embargo(self, moment: datetime | None) -> None:
        from newsdesk.services.newsroom import set_embargo

        self._change(lambda s, a: set_embargo(s, a, moment))

    def on_assign(self) -> None:
        from newsdesk.services.newsroom import assign

        name, budget = self.assignee.text(), self.budget.value()
        deadline = datetime.fromtimestamp(self.deadline_edit.dateTime().toSecsSinceEpoch(), UTC)
        self._change(
            lambda s, a: assign(s, a, assignee=name, word_budget=budget, deadline=deadline)
        )

    def on_add_correction(self, kind: str) -> None:
        from newsdesk.services.newsroom import add_correction

        label = "correction" if kind == "correction" else "update"
        text = self.ui_ctx.prompts.ask_text(
            f"Add {label}",
            f"What does the {label} say? It is dated now, shown under the story, and kept.",
        )
        if text and text.strip():
            self._change(lambda s, a: add_correction(s, a, text, kind))

    def on_add_note(self, reply: bool = False) -> None:
        from newsdesk.services.notes import add_note

        text = self.note_text.text().strip()
        if not text:
            return
        parent = None
        current = self.notes.currentItem()
        if reply and current is not None:
            parent = current.data(0, NOTE_ROLE)
        self.note_text.clear()
        self._change(lambda s, a: add_note(s, a, text, parent))

    def on_resolve(self) -> None:
        from newsdesk.services.notes import resolve_note

        item = self.notes.currentItem()
        if item is None:
            return
        top = item.parent() or item
        note_id = int(top.data(0, NOTE_ROLE))
        resolved = not top.text(0).startswith("✓ ")
        self._change(lambda s, _a: resolve_note(s, note_id, resolved))

    def on_take_over(self) -> None:
        from newsdesk.services.presence import take_over

        client, desk = self.client_id, self.ui_ctx.services.desk
        self._change(lambda s, a: take_over(s, a, client, desk))

    def shutdown(self) -> None:
        """The window closes: this desk leaves the article at once (not after it expires)."""
        self._heartbeat.stop()
        self._clock.stop()
        if self.article_id is not None and self.ui_ctx.is_open:
            from newsdesk.services.editing import storage_errors
            from newsdesk.services.presence import close_article

            try:
                with storage_errors(), self.ui_ctx.services.session() as session:
                    close_article(session, self.article_id, self.client_id)
            except UserError as exc:  # an unwritable library: the mark expires by itself
                log.warning("could not leave article %s: %s", self.article_id, exc)


def _qt_time(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))
