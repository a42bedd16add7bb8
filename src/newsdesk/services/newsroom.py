"""The newsroom's workflow on an article: dated corrections and updates, the embargo, editorial
stages with permissions and the pre-flight requirement, assignments, and the event log that
records who did each (the story's path).

Every change here records the desk of the session (``AppContext.session`` sets it) and leaves a
revision or an event behind, so the history shows it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col

from newsdesk.core.articles import (
    ArticleRecord,
    article_rows,
    get_article,
    session_desk,
    update_article,
)
from newsdesk.core.changes import announce
from newsdesk.core.revisions import record_revision
from newsdesk.domain.dates import iso_utc
from newsdesk.domain.plain import plain
from newsdesk.domain.record import Correction
from newsdesk.domain.stages import PUBLISHED, Workflow
from newsdesk.domain.stages import countdown as countdown  # re-exported for the CLI
from newsdesk.errors import UserError
from newsdesk.storage.models import (
    ArticleCorrection,
    ArticleEvent,
    PublishJob,
    SiteSetting,
    Status,
)
from newsdesk.storage.types import utcnow

CORRECTION_KINDS = ("correction", "update")
MAX_NOTE = 2000
WORKFLOW_KEY = "workflow"


# ------------------------------------------------------------------ events


@dataclass(frozen=True)
class EventInfo:
    id: int
    article_id: int
    created_at: datetime
    desk: str
    kind: str
    old_value: str
    new_value: str
    message: str

    def to_json(self) -> dict[str, Any]:
        return plain(self, rename={"old_value": "old", "new_value": "new"})


def record_event(
    session: Session,
    article_id: int,
    kind: str,
    message: str,
    old: str = "",
    new: str = "",
    now: datetime | None = None,
) -> ArticleEvent:
    event = ArticleEvent(
        article_id=article_id, created_at=now or utcnow(), desk=session_desk(session), kind=kind,
        old_value=old, new_value=new, message=message,
    )  # fmt: skip
    session.add(event)
    session.flush()
    announce(session, article_id, kind)
    return event


def list_events(session: Session, article: str | int) -> list[EventInfo]:
    """The article's path through the newsroom, oldest first."""
    rows = article_rows(session, ArticleEvent, article)
    return [
        EventInfo(
            r.id or 0,
            r.article_id,
            r.created_at,
            r.desk,
            r.kind,
            r.old_value,
            r.new_value,
            r.message,
        )
        for r in rows
    ]


# ------------------------------------------------------------------ corrections and updates


def add_correction(
    session: Session,
    article: str | int,
    text: str,
    kind: str = "correction",
    now: datetime | None = None,
) -> tuple[ArticleRecord, Correction]:
    """Add a dated correction (or update) to a published article; never replaces one.

    The article's version and ``updated_at`` move on, so feeds, the site export and every
    target see a changed story on the next export or publish.
    """
    if kind not in CORRECTION_KINDS:
        raise UserError(f"Unknown kind {kind!r}; use correction or update")
    text = " ".join(text.split())
    if not text:
        raise UserError(f"Write what the {kind} says (--text …)")
    if len(text) > MAX_NOTE:
        raise UserError(f"A {kind} has at most {MAX_NOTE} characters")
    rec = get_article(session, article)
    assert rec.id is not None
    if rec.published_at is None and rec.status != Status.PUBLISHED:
        raise UserError(
            f"“{rec.headline or 'Untitled'}” has not been published; change the text instead "
            f"of adding a {kind}"
        )
    now = now or utcnow()
    desk = session_desk(session)
    # The text as it was before, so the history shows the correction as its own step.
    record_revision(session, rec.id, "save", now)
    session.add(
        ArticleCorrection(article_id=rec.id, kind=kind, text=text, created_at=now, desk=desk)
    )
    session.flush()
    updated = update_article(session, rec.id, {"updated_at": now})
    record_revision(session, rec.id, "save", now)
    record_event(session, rec.id, kind, text, now=now)
    return updated, Correction(kind, text, now, desk)


# ------------------------------------------------------------------ embargo


def is_embargoed(rec: ArticleRecord, now: datetime | None = None) -> bool:
    return rec.embargo_at is not None and rec.embargo_at > (now or utcnow())


def set_embargo(
    session: Session, article: str | int, when: datetime | None, now: datetime | None = None
) -> ArticleRecord:
    """Set, move or lift (``None``) the embargo: a recorded change. Jobs waiting in the outbox
    for this article wait for the new time."""
    rec = get_article(session, article)
    assert rec.id is not None
    if when == rec.embargo_at:
        return rec
    now = now or utcnow()
    updated = update_article(session, rec.id, {"embargo_at": when})
    old, new = _iso(rec.embargo_at), _iso(when)
    if when is None:
        message = "embargo lifted"
    elif rec.embargo_at is None:
        message = f"embargoed until {new}"
    else:
        message = f"embargo moved to {new}"
    record_event(session, rec.id, "embargo", message, old, new, now)
    session.execute(
        update(PublishJob)
        .where(col(PublishJob.article_id) == rec.id, col(PublishJob.status) == "queued")
        .values(next_attempt_at=max(when or now, now))
    )
    return updated


def _iso(moment: datetime | None) -> str:
    return iso_utc(moment) or ""


# ------------------------------------------------------------------ stages


def load_workflow(session: Session) -> Workflow:
    row = session.get(SiteSetting, WORKFLOW_KEY)
    return Workflow.from_json(json.loads(row.value)) if row else Workflow()


def save_workflow(session: Session, workflow: Workflow) -> None:
    value = json.dumps(workflow.to_json(), ensure_ascii=False)
    row = session.get(SiteSetting, WORKFLOW_KEY) or SiteSetting(key=WORKFLOW_KEY, value=value)
    row.value = value
    session.add(row)
    session.flush()


def set_roles(session: Session, desk: str, roles: list[str]) -> Workflow:
    """Give a desk its roles in the site's workflow (an empty list takes them away)."""
    wf = load_workflow(session)
    others = {k: v for k, v in wf.roles.items() if k != desk}
    if roles:
        others[desk] = tuple(roles)
    new = Workflow(wf.stages, wf.transitions, others)
    save_workflow(session, new)
    return new


def move_stage(
    session: Session, article: str | int, target: str, now: datetime | None = None
) -> ArticleRecord:
    """Move the story to another stage, if the site's workflow lets this desk make that move
    and (where the move asks for it) the pre-flight checklist passes."""
    wf = load_workflow(session)
    rec = get_article(session, article)
    assert rec.id is not None
    wanted = wf.find(target)
    if wanted == rec.stage:
        raise UserError(f"“{rec.headline or 'Untitled'}” is already {wf.label(wanted)}")
    move = wf.transition(rec.stage, wanted)
    if move is None:
        nexts = ", ".join(wf.label(s) for s in wf.next_stages(rec.stage)) or "none"
        raise UserError(
            f"A story cannot go from {wf.label(rec.stage)} to {wf.label(wanted)}; "
            f"from {wf.label(rec.stage)} it may go to: {nexts}"
        )
    desk = session_desk(session)
    if not wf.may(desk, move):
        who = desk or "this desk (no name set: newsdesk desk set NAME)"
        raise UserError(
            f"{who} may not move a story from {wf.label(rec.stage)} to {wf.label(wanted)}; "
            f"that needs the role {' or '.join(move.roles)}"
        )
    if move.preflight:
        from newsdesk.services.publishing import preflight

        issues = preflight(session, rec.id)
        if issues:
            raise UserError(
                f"The pre-flight checklist must pass before {wf.label(wanted)}: "
                + "; ".join(issues)
            )
    now = now or utcnow()
    changes: dict[str, Any] = {"stage": wanted}
    if wanted == PUBLISHED and rec.status != Status.PUBLISHED:
        changes["status"] = Status.PUBLISHED.value
    updated = update_article(session, rec.id, changes, workflow=True)
    message = f"{wf.label(rec.stage)} → {wf.label(wanted)}"
    record_event(session, rec.id, "stage", message, rec.stage, wanted, now)
    record_revision(session, rec.id, "save", now, note=f"stage: {message}")
    return updated


# ------------------------------------------------------------------ assignments


def assign(
    session: Session,
    article: str | int,
    *,
    assignee: str | None = None,
    word_budget: int | None = None,
    deadline: datetime | bool | None = False,
) -> ArticleRecord:
    """Assign the story, give it a word budget or a deadline (``deadline=None`` clears it)."""
    rec = get_article(session, article)
    assert rec.id is not None
    changes: dict[str, Any] = {}
    if assignee is not None:
        changes["assignee"] = " ".join(assignee.split())
    if word_budget is not None:
        if word_budget < 0:
            raise UserError("A word budget cannot be negative")
        changes["word_budget"] = word_budget
    if deadline is not False:
        changes["deadline_at"] = deadline
    if not changes:
        raise UserError("Nothing to change: give an assignee, a word budget or a deadline")
    updated = update_article(session, rec.id, changes)
    parts = []
    if "assignee" in changes and changes["assignee"] != rec.assignee:
        parts.append(f"assigned to {changes['assignee']}" if changes["assignee"] else "unassigned")
    if "word_budget" in changes and changes["word_budget"] != rec.word_budget:
        parts.append(f"budget {changes['word_budget']} words")
    if "deadline_at" in changes and changes["deadline_at"] != rec.deadline_at:
        parts.append(f"deadline {_iso(changes['deadline_at']) or 'cleared'}")
    if parts:
        record_event(
            session, rec.id, "assignment", "; ".join(parts), rec.assignee, updated.assignee
        )
    return updated
