"""Notes for the newsroom on an article: threaded (a reply names its parent), resolvable,
and never published or exported outside the library (no exporter or publisher reads them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from newsdesk.core.articles import _resolve_id, article_rows, session_desk
from newsdesk.core.changes import announce
from newsdesk.domain.plain import plain
from newsdesk.errors import NotFoundError, UserError
from newsdesk.services.newsroom import MAX_NOTE, record_event
from newsdesk.storage.models import ArticleNote
from newsdesk.storage.types import utcnow


@dataclass
class NoteView:
    id: int
    article_id: int
    parent_id: int | None
    created_at: datetime
    desk: str
    text: str
    resolved_at: datetime | None
    resolved_by: str
    replies: list[NoteView] = field(default_factory=list)

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None

    def to_json(self) -> dict[str, Any]:
        return plain(
            self, leave_out=("article_id", "resolved_at", "replies"), resolved=self.resolved,
            replies=self.replies,
        )  # fmt: skip


def _view(row: ArticleNote) -> NoteView:
    return NoteView(
        row.id or 0, row.article_id, row.parent_id, row.created_at, row.desk, row.text,
        row.resolved_at, row.resolved_by,
    )  # fmt: skip


def add_note(
    session: Session,
    article: str | int,
    text: str,
    parent_id: int | None = None,
    now: datetime | None = None,
) -> NoteView:
    article_id = _resolve_id(session, article)
    text = text.strip()
    if not text:
        raise UserError("A note needs some text")
    if len(text) > MAX_NOTE:
        raise UserError(f"A note has at most {MAX_NOTE} characters")
    if parent_id is not None:
        parent = session.get(ArticleNote, parent_id)
        if parent is None or parent.article_id != article_id:
            raise NotFoundError(f"Article {article} has no note {parent_id}")
        parent_id = parent.parent_id or parent.id  # replies stay one level deep, in order
    row = ArticleNote(
        article_id=article_id, parent_id=parent_id, created_at=now or utcnow(),
        desk=session_desk(session), text=text,
    )  # fmt: skip
    session.add(row)
    session.flush()
    record_event(session, article_id, "note", text[:120], now=row.created_at)
    return _view(row)


def resolve_note(
    session: Session, note_id: int, resolved: bool = True, now: datetime | None = None
) -> NoteView:
    row = session.get(ArticleNote, note_id)
    if row is None:
        raise NotFoundError(f"No note {note_id}")
    row.resolved_at = (now or utcnow()) if resolved else None
    row.resolved_by = session_desk(session) if resolved else ""
    session.add(row)
    session.flush()
    announce(session, row.article_id, "note")
    return _view(row)


def list_notes(
    session: Session, article: str | int, *, include_resolved: bool = True
) -> list[NoteView]:
    """The article's threads, oldest first, each with its replies."""
    rows = article_rows(session, ArticleNote, article)
    threads: dict[int, NoteView] = {}
    for row in rows:
        view = _view(row)
        if row.parent_id is None:
            threads[view.id] = view
        elif row.parent_id in threads:
            threads[row.parent_id].replies.append(view)
    out = list(threads.values())
    return out if include_resolved else [t for t in out if not t.resolved]


def open_note_count(session: Session, article: str | int) -> int:
    article_id = _resolve_id(session, article)
    return len(
        session.exec(
            select(ArticleNote.id).where(
                ArticleNote.article_id == article_id,
                col(ArticleNote.parent_id).is_(None),
                col(ArticleNote.resolved_at).is_(None),
            )
        ).all()
    )
