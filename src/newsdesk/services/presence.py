"""Who has an article open: each running app announces the article it opens and keeps the
announcement alive with a heartbeat; an announcement not renewed for ``EXPIRES`` is gone (the
desk closed the app, lost the network, or crashed). Another desk opening the story sees
"Aled Morgan is editing (since 10:02)" and may read it, or take over, which leaves a notice
for the first desk at its next heartbeat.

Works the same on a shared PostgreSQL library and on a library file that several processes
on one machine share; ``core.changes`` tells the other desks at once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import Session, col, select

from newsdesk.core.changes import announce
from newsdesk.storage.models import Article, Presence
from newsdesk.storage.types import utcnow

HEARTBEAT = timedelta(seconds=10)
EXPIRES = timedelta(seconds=30)


def new_client_id() -> str:
    """One per running app, so two windows of the same desk are told apart."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class Editor:
    """Another desk with the article open."""

    desk: str
    client_id: str
    since: datetime
    seen_at: datetime

    @property
    def line(self) -> str:
        """ "Aled Morgan is editing (since 10:02)"."""
        when = self.since.astimezone().strftime("%H:%M")
        return f"{self.desk or 'Someone'} is editing (since {when})"


@dataclass(frozen=True)
class HeartbeatResult:
    others: list[Editor]
    taken_over_by: str = ""  # set when another desk took the article over from this one

    @property
    def notice(self) -> str:
        if not self.taken_over_by:
            return ""
        return f"{self.taken_over_by} took over this story; your changes are no longer saved to it"


def _row(session: Session, article_id: int, client_id: str) -> Presence | None:
    return session.exec(
        select(Presence).where(Presence.article_id == article_id, Presence.client_id == client_id)
    ).first()


def others(
    session: Session, article_id: int, client_id: str, now: datetime | None = None
) -> list[Editor]:
    """The other desks editing the article now (expired announcements left out), oldest first."""
    cutoff = (now or utcnow()) - EXPIRES
    rows = session.exec(
        select(Presence)
        .where(
            Presence.article_id == article_id,
            Presence.client_id != client_id,
            col(Presence.seen_at) > cutoff,
            Presence.taken_over_by == "",
        )
        .order_by(col(Presence.since))
    ).all()
    return [Editor(r.desk, r.client_id, r.since, r.seen_at) for r in rows]


def open_article(
    session: Session, article_id: int, client_id: str, desk: str, now: datetime | None = None
) -> list[Editor]:
    """Announce that this app has the article open; returns who else is editing it."""
    now = now or utcnow()
    session.execute(delete(Presence).where(col(Presence.seen_at) <= now - EXPIRES))
    if session.get(Article, article_id) is None:
        return []  # moved to the Trash (or deleted elsewhere) since it was opened
    row = _row(session, article_id, client_id)
    if row is None:
        row = Presence(
            article_id=article_id, client_id=client_id, desk=desk, since=now, seen_at=now
        )
    row.seen_at, row.desk, row.taken_over_by = now, desk, ""
    session.add(row)
    session.flush()
    announce(session, article_id, "presence")
    return others(session, article_id, client_id, now)


def heartbeat(
    session: Session, article_id: int, client_id: str, desk: str, now: datetime | None = None
) -> HeartbeatResult:
    """Renew the announcement (every ``HEARTBEAT``); says if another desk took over."""
    now = now or utcnow()
    row = _row(session, article_id, client_id)
    if row is not None and row.taken_over_by:
        return HeartbeatResult(others(session, article_id, client_id, now), row.taken_over_by)
    if row is None:  # expired meanwhile (the laptop slept): announce again
        return HeartbeatResult(open_article(session, article_id, client_id, desk, now))
    row.seen_at = now
    session.add(row)
    session.flush()
    return HeartbeatResult(others(session, article_id, client_id, now))


def close_article(session: Session, article_id: int, client_id: str) -> None:
    session.execute(
        delete(Presence).where(
            col(Presence.article_id) == article_id, col(Presence.client_id) == client_id
        )
    )
    announce(session, article_id, "presence")


def take_over(
    session: Session, article_id: int, client_id: str, desk: str, now: datetime | None = None
) -> list[Editor]:
    """Take the story over from the desks editing it; they are told at their next heartbeat
    (and at once through ``core.changes``). Returns whom it was taken from."""
    now = now or utcnow()
    displaced = others(session, article_id, client_id, now)
    session.execute(
        update(Presence)
        .where(col(Presence.article_id) == article_id, col(Presence.client_id) != client_id)
        .values(taken_over_by=desk or "Another desk")
    )
    open_article(session, article_id, client_id, desk, now)
    if displaced:
        from newsdesk.services.newsroom import record_event

        names = ", ".join(e.desk or "another desk" for e in displaced)
        record_event(session, article_id, "takeover", f"took over from {names}", now=now)
    return displaced


def describe(editors: list[Editor]) -> str:
    """One line for the editor's banner: "Aled Morgan is editing (since 10:02)"."""
    if not editors:
        return ""
    if len(editors) == 1:
        return editors[0].line
    first = editors[0]
    return f"{first.line} and {len(editors) - 1} more"
