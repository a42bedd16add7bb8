"""Revision history of an article: recording snapshots, autosave checkpoints with compaction,
listing, diffing and restoring.

Explicit saves, publishes, restores and imports are kept for ever; autosaves are thinned by
age (one per 10 minutes for the last two hours, one per hour for the last day, one per day
before), so a long writing session leaves a readable history of tens of revisions.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlmodel import Session, col, func, select

from newsdesk.core import taxonomy
from newsdesk.core.articles import (
    ArticleRecord,
    _resolve_id,
    article_rows,
    get_article,
    session_desk,
    update_article,
)
from newsdesk.domain import diff as word_diff
from newsdesk.domain import schema
from newsdesk.domain.dates import iso_utc
from newsdesk.errors import NotFoundError, UserError
from newsdesk.storage.models import ArticleRevision, Asset, RevisionKind
from newsdesk.storage.types import utcnow

KINDS = [k.value for k in RevisionKind]

# An autosave is worth a revision after this many words changed, or after this long with any
# change at all; the editor calls the checkpoint once the writer pauses for IDLE_PAUSE.
SIGNIFICANT_WORDS = 20
SIGNIFICANT_AGE = timedelta(minutes=5)
IDLE_PAUSE = timedelta(seconds=5)
# Autosave thinning: (younger than, keep one per).
THINNING = [
    (timedelta(hours=2), timedelta(minutes=10)),
    (timedelta(days=1), timedelta(hours=1)),
]
OLDEST_BUCKET = timedelta(days=1)

# Which fields a diff shows, which a revision keeps in ``extra_json``, and what a restore puts
# back, come from the article's declaration (``domain.schema``): a restore puts back the
# content, never the status, slug or pinning (restoring old wording must not unpublish a story
# or move its URL).
DIFF_FIELDS = schema.DIFF_FIELDS
EXTRA_FIELDS = list(schema.HISTORY_EXTRA)
RESTORED_FIELDS = list(schema.RESTORED_FIELDS)
_LISTS = {n for n in schema.HISTORY_COLUMNS if schema.BY_NAME[n].spec.kind == "names"}
# Corrections are only ever added (a restore never takes one away); stage and embargo are
# workflow (services.newsroom), recorded in the history but not restored.


def _extra_value(rec: ArticleRecord, name: str) -> Any:
    value = getattr(rec, name)
    if name == "corrections":  # as JSON stores them, so a snapshot equals its revision's
        return [c.to_json() for c in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Snapshot:
    """The editable content of an article at one moment."""

    headline: str = ""
    standfirst: str = ""
    body: str = ""
    section: str | None = None
    tags: tuple[str, ...] = ()
    byline: tuple[str, ...] = ()
    dateline: str = ""
    status: str = "draft"
    extra: dict[str, Any] = field(default_factory=dict)

    # Its fields (but ``extra``) are ``schema.HISTORY_COLUMNS``; a list is a tuple here and
    # JSON in the revision's ``<name>_json`` column.
    @classmethod
    def of_record(cls, rec: ArticleRecord) -> Snapshot:
        values: dict[str, Any] = {
            name: tuple(v) if isinstance(v := getattr(rec, name), list) else v
            for name in schema.HISTORY_COLUMNS
        }
        return cls(
            **values,
            extra={name: _extra_value(rec, name) for name in EXTRA_FIELDS},
        )

    @classmethod
    def of_revision(cls, rev: ArticleRevision) -> Snapshot:
        values: dict[str, Any] = {
            name: tuple(json.loads(getattr(rev, f"{name}_json")))
            if name in _LISTS
            else getattr(rev, name)
            for name in schema.HISTORY_COLUMNS
        }
        return cls(
            **values,
            extra=json.loads(rev.extra_json),
        )

    def columns(self) -> dict[str, Any]:
        """The revision's columns for this snapshot (``of_revision`` reads them back)."""
        out: dict[str, Any] = {
            f"{name}_json" if name in _LISTS else name: getattr(self, name)
            for name in schema.HISTORY_COLUMNS
        }
        for name in _LISTS:
            out[f"{name}_json"] = json.dumps(list(out[f"{name}_json"]), ensure_ascii=False)
        out["extra_json"] = json.dumps(self.extra, ensure_ascii=False, default=str)
        return out

    def value(self, name: str) -> Any:
        return self.extra.get(name) if name in EXTRA_FIELDS else getattr(self, name)

    def shown(self, name: str) -> str:
        """A field as a person reads it (an image by the start of its digest)."""
        value = self.value(name)
        if isinstance(value, tuple | list):
            return ", ".join(value)
        if name == "image_sha256" and value:
            return f"image {str(value)[:10]}"
        return "" if value is None else str(value)


@dataclass(frozen=True)
class RevisionInfo:
    """One revision as a history list shows it."""

    id: int
    article_id: int
    created_at: datetime
    kind: str
    headline: str
    word_count: int
    summary: str
    article_version: int
    desk: str = ""
    number: int = 0  # 1, 2, 3… within the article: what the CLI shows and takes

    def to_json(self) -> dict[str, Any]:
        return {
            "desk": self.desk,
            "id": self.id,
            "number": self.number,
            "article_id": self.article_id,
            "created_at": iso_utc(self.created_at),
            "kind": self.kind,
            "headline": self.headline,
            "word_count": self.word_count,
            "summary": self.summary,
            "article_version": self.article_version,
        }


def _info(rev: ArticleRevision) -> RevisionInfo:
    assert rev.id is not None
    return RevisionInfo(
        rev.id, rev.article_id, rev.created_at, rev.kind, rev.headline, rev.word_count,
        rev.summary, rev.article_version, rev.desk, rev.number,
    )  # fmt: skip


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str

    def to_json(self) -> dict[str, str]:
        return {"field": self.name, "label": self.label, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class RevisionDiff:
    """What changed between two snapshots: the listed fields and the body, word by word."""

    old: RevisionInfo | None
    new: RevisionInfo | None
    fields: list[FieldChange]
    body: list[word_diff.Segment]

    @property
    def body_stats(self) -> word_diff.DiffStats:
        return word_diff.stats(self.body)

    def inline_html(self) -> str:
        return word_diff.inline_html(self.body)

    def side_by_side_html(self) -> str:
        return word_diff.side_by_side_html(self.body)

    def inline_text(self) -> str:
        return word_diff.inline_text(self.body)

    def to_json(self) -> dict[str, Any]:
        stats = self.body_stats
        return {
            "old": self.old.to_json() if self.old else None,
            "new": self.new.to_json() if self.new else None,
            "fields": [f.to_json() for f in self.fields],
            "body": {
                "inserted": stats.inserted,
                "deleted": stats.deleted,
                "segments": [{"op": s.op, "text": s.text} for s in self.body],
                "inline": self.inline_text(),
            },
        }


def diff_snapshots(
    old: Snapshot, new: Snapshot
) -> tuple[list[FieldChange], list[word_diff.Segment]]:
    changes = [
        FieldChange(name, label, old.shown(name), new.shown(name))
        for name, label in DIFF_FIELDS.items()
        if old.shown(name) != new.shown(name)
    ]
    return changes, word_diff.diff_words(old.body, new.body)


def summarize(old: Snapshot | None, new: Snapshot) -> str:
    """A short line on what changed since ``old``: words in and out, fields touched."""
    if old is None:
        return "first version"
    stats = word_diff.stats_between(old.body, new.body)
    parts = [stats.describe()] if stats.changed else []
    parts += [
        f"{label.lower()} changed"
        for n, label in DIFF_FIELDS.items()
        if old.shown(n) != new.shown(n)
    ]
    added = (new.extra.get("corrections") or [])[len(old.extra.get("corrections") or []) :]
    parts += [f"{c['kind']} added: {c['text']}" for c in added]
    if old.extra.get("stage") != new.extra.get("stage") and new.extra.get("stage"):
        parts.append(f"stage {new.extra['stage'].replace('_', ' ')}")
    if not parts and old.extra != new.extra:
        parts.append("details changed")
    return "; ".join(parts) or "no changes"


def _latest(session: Session, article_id: int) -> ArticleRevision | None:
    return session.exec(
        select(ArticleRevision)
        .where(ArticleRevision.article_id == article_id)
        .order_by(col(ArticleRevision.created_at).desc(), col(ArticleRevision.id).desc())
        .limit(1)
    ).first()


def record_revision(
    session: Session, article: str | int, kind: str, now: datetime | None = None, *, note: str = ""
) -> RevisionInfo:
    """Snapshot the article as it is in the library now; ``note`` leads its summary.

    Saving again with nothing changed does not add a duplicate; an explicit save of exactly
    what the last autosave holds turns that autosave into a save, so it is kept. Publish and
    restore revisions are always recorded: they mark moments.
    """
    if kind not in KINDS:
        raise UserError(f"Unknown revision kind {kind!r}; use one of: {', '.join(KINDS)}")
    rec = get_article(session, article)
    assert rec.id is not None
    snap = Snapshot.of_record(rec)
    latest = _latest(session, rec.id)
    previous = Snapshot.of_revision(latest) if latest else None
    dedupe = kind in (RevisionKind.SAVE, RevisionKind.AUTOSAVE, RevisionKind.IMPORT)
    if latest is not None and previous == snap and dedupe:
        if latest.kind == RevisionKind.AUTOSAVE and kind == RevisionKind.SAVE:
            latest.kind = kind
            session.add(latest)
            session.flush()
        return _info(latest)
    rev = ArticleRevision(
        article_id=rec.id,
        created_at=now or utcnow(),
        kind=kind,
        **snap.columns(),
        word_count=rec.word_count,
        summary="; ".join(filter(None, [note, summarize(previous, snap)])),
        article_version=rec.version,
        desk=session_desk(session),
        number=_next_number(session, rec.id),
    )
    session.add(rev)
    session.flush()
    return _info(rev)


def is_significant(old: Snapshot | None, new: Snapshot, elapsed: timedelta | None) -> bool:
    """Whether a change deserves an autosave revision: enough words, any field, or enough time."""
    if old is None:
        return bool(new.body.strip() or new.headline.strip())
    if old == new:
        return False
    if old.extra != new.extra or any(old.shown(n) != new.shown(n) for n in DIFF_FIELDS):
        return True
    if word_diff.stats_between(old.body, new.body).changed >= SIGNIFICANT_WORDS:
        return True
    return elapsed is not None and elapsed >= SIGNIFICANT_AGE


def autosave_checkpoint(
    session: Session,
    article: str | int,
    now: datetime | None = None,
    *,
    last_edit_at: datetime | None = None,
) -> RevisionInfo | None:
    """Record an autosave revision if the writer has paused after a significant change.

    Call it from the editor's idle timer (the article already saved to the library). Returns
    the new revision, or None when the pause is too short or the change too small. Autosaves
    are compacted afterwards.
    """
    now = now or utcnow()
    if last_edit_at is not None and now - last_edit_at < IDLE_PAUSE:
        return None
    article_id = _resolve_id(session, article)
    latest = _latest(session, article_id)
    rec = get_article(session, article_id)
    old = Snapshot.of_revision(latest) if latest else None
    elapsed = now - latest.created_at if latest else None
    if not is_significant(old, Snapshot.of_record(rec), elapsed):
        return None
    info = record_revision(session, article_id, RevisionKind.AUTOSAVE, now)
    compact_autosaves(session, article_id, now)
    return info


def _bucket(created: datetime, now: datetime) -> tuple[int, int]:
    age = now - created
    width = OLDEST_BUCKET
    for younger_than, keep_one_per in THINNING:
        if age < younger_than:
            width = keep_one_per
            break
    seconds = int(width.total_seconds())
    return seconds, int(created.timestamp()) // seconds


def compact_autosaves(session: Session, article: str | int, now: datetime | None = None) -> int:
    """Thin the article's autosaves by age, keeping the newest in each time bucket and every
    revision of another kind. Returns how many were removed."""
    now = now or utcnow()
    revs = article_rows(session, ArticleRevision, article, newest_first=True)
    seen: set[tuple[int, int]] = set()
    doomed: list[int] = []
    for rev in revs:  # newest first, so the newest of each bucket survives
        if rev.kind != RevisionKind.AUTOSAVE:
            continue
        key = _bucket(rev.created_at, now)
        if key in seen:
            assert rev.id is not None
            doomed.append(rev.id)
        seen.add(key)
    if doomed:
        session.execute(sa_delete(ArticleRevision).where(col(ArticleRevision.id).in_(doomed)))
        _resummarize(session, list(reversed(revs)), set(doomed))
        session.flush()
    return len(doomed)


def _resummarize(session: Session, oldest_first: list[ArticleRevision], gone: set[int]) -> None:
    """A summary says what changed since the revision before; after thinning, the one before may
    be another, so those summaries are written again."""
    kept_before: ArticleRevision | None = None
    before: ArticleRevision | None = None
    for rev in oldest_first:
        if rev.id in gone:
            before = rev
            continue
        if kept_before is not before and kept_before is not None and rev.kind != "restore":
            rev.summary = summarize(Snapshot.of_revision(kept_before), Snapshot.of_revision(rev))
            session.add(rev)
        kept_before = before = rev


def list_revisions(session: Session, article: str | int) -> list[RevisionInfo]:
    """The article's revisions, newest first."""
    return [_info(r) for r in article_rows(session, ArticleRevision, article, newest_first=True)]


def _next_number(session: Session, article_id: int) -> int:
    highest = session.exec(
        select(func.max(ArticleRevision.number)).where(ArticleRevision.article_id == article_id)
    ).one()
    return (highest or 0) + 1


def revision_id(session: Session, article: str | int, number: int) -> int:
    """The id of the article's revision ``number`` (1, 2, 3… as history lists them)."""
    article_id = _resolve_id(session, article)
    found = session.exec(
        select(ArticleRevision.id)
        .where(ArticleRevision.article_id == article_id, ArticleRevision.number == number)
        .order_by(col(ArticleRevision.id).desc())
    ).first()
    if found is None:
        raise NotFoundError(
            f"Article {article} has no revision {number} (see 'newsdesk article history {article}')"
        )
    return found


def get_revision(session: Session, article: str | int, rev_id: int) -> ArticleRevision:
    article_id = _resolve_id(session, article)
    rev = session.get(ArticleRevision, int(rev_id))
    if rev is None or rev.article_id != article_id:
        raise NotFoundError(
            f"Article {article} has no revision {rev_id} (see 'newsdesk article history {article}')"
        )
    return rev


def diff_revisions(
    session: Session, article: str | int, old_id: int, new_id: int | None = None
) -> RevisionDiff:
    """What changed from revision ``old_id`` to ``new_id`` (or to the article as it is now)."""
    old = get_revision(session, article, old_id)
    if new_id is None:
        new_snap, new_info = Snapshot.of_record(get_article(session, article)), None
    else:
        new_rev = get_revision(session, article, new_id)
        new_snap, new_info = Snapshot.of_revision(new_rev), _info(new_rev)
    fields, body = diff_snapshots(Snapshot.of_revision(old), new_snap)
    return RevisionDiff(_info(old), new_info, fields, body)


def restore_revision(
    session: Session, article: str | int, rev_id: int, now: datetime | None = None
) -> tuple[ArticleRecord, RevisionInfo]:
    """Put the article's content back as it was in revision ``rev_id``.

    The current state is recorded first as a 'restore' revision, so restoring that one undoes
    the restore. Returns the restored article and that undo revision.
    """
    rev = get_revision(session, article, rev_id)
    when = rev.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
    undo = record_revision(
        session, rev.article_id, RevisionKind.RESTORE, now, note=f"before restoring {when}"
    )
    snap = Snapshot.of_revision(rev)
    changes: dict[str, Any] = {
        name: list(value) if isinstance(value, tuple) else value
        for name in RESTORED_FIELDS
        if (value := snap.value(name)) is not None or name in ("section", "image_sha256")
    }
    image = changes.get("image_sha256")
    if image is not None and session.get(Asset, image) is None:
        changes["image_sha256"] = None  # the image left the library since; keep the text
    section = changes.get("section")
    if section and taxonomy.find_section(session, section) is None:
        del changes["section"]  # the section was deleted since; leave the article where it is
    restored = update_article(session, rev.article_id, changes)
    return restored, undo
