"""The outbox: publish jobs kept in the library and run by ``drain_outbox`` (the CLI calls it
once, the app on a timer). Network trouble is retried with exponential backoff, jobs survive
restarts, and each post is made exactly once: a job always looks for the post it may already
have made (by our record, then on the site by UUID/slug) before creating one.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from newsdesk.core.context import AppContext
from newsdesk.core.liveness import claim_gone, claim_token
from newsdesk.domain.dates import iso_utc
from newsdesk.errors import UserError
from newsdesk.publish.base import MediaCache, PostPayload, Publisher, RemoteRef
from newsdesk.publish.http import PublishError, RemoteChanged, RemoteGone, redact
from newsdesk.publish.payload import build_payload, due_status
from newsdesk.publish.registry import make_publisher
from newsdesk.publish.secrets import get_secret, library_uuid
from newsdesk.publish.targets import TargetConfig
from newsdesk.storage.models import (
    Article,
    ArticleEvent,
    PublishJob,
    PublishLog,
    PublishTarget,
    RemotePost,
)
from newsdesk.storage.types import utcnow

log = logging.getLogger(__name__)

ACTIONS = ("publish", "update", "unpublish")
# A job is queued, running, done, failed, cancelled or "superseded": a failed job made moot
# by a later successful one for the same article/target.
# How a site's post status reads to a person.
STATUS_WORDS = {
    "publish": "published", "published": "published", "future": "scheduled",
    "scheduled": "scheduled", "draft": "draft", "pending": "pending review",
    "private": "private", "deleted": "deleted", "unpublished": "unpublished",
}  # fmt: skip
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
MAX_ATTEMPTS = 12
# A job "running" for longer than this was left by a process that died: run it again.
STALE_RUNNING = timedelta(minutes=15)

PublisherFactory = Callable[[TargetConfig, str | None], Publisher]


def backoff(attempts: int) -> timedelta:
    """Wait before attempt ``attempts + 1``: 30 s, 1 min, 2 min, … capped at an hour."""
    return min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)


def target_config(row: PublishTarget) -> TargetConfig:
    return TargetConfig(
        name=row.name, kind=row.kind, url=row.url, username=row.username,
        options=dict(row.options or {}), id=row.id,
    )  # fmt: skip


def add_log(
    session: Session, article_id: int | None, target: str, message: str, level: str = "info"
) -> None:
    session.add(PublishLog(article_id=article_id, target_name=target, message=message, level=level))
    # The publish log table is the record people read; the Python log only traces.
    log.info("%s: %s: %s", level, target, message)


@dataclass
class JobOutcome:
    """What happened to one job in one drain, for the CLI and the outbox panel."""

    job_id: int
    article_id: int
    target: str
    action: str
    status: str
    message: str
    remote_url: str = ""
    next_attempt_at: datetime | None = None
    warnings: list[str] = field(default_factory=list)
    # Why a job failed, for a question to the person: "remote-changed" (edited on the site:
    # overwrite?) or "remote-gone" (deleted there: create anew?).
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        if self.next_attempt_at:
            out["next_attempt_at"] = iso_utc(self.next_attempt_at)
        return out


class Held(Exception):
    """The site cannot schedule: the job waits in the outbox until the post's time."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


def status_words(status: str) -> str:
    return STATUS_WORDS.get(status, status or "unknown")


@dataclass
class _Work:
    job_id: int
    article_id: int
    action: str
    post_status: str
    force: bool
    attempts: int
    target: TargetConfig
    ref: RemoteRef | None
    known_hash: str
    media: MediaCache = field(default_factory=MediaCache)
    payload: PostPayload | None = None
    # The publisher's ``payload_format``: part of the fingerprint, so a post sent by an older
    # newsdesk, which built it differently, is sent again rather than "already up to date".
    payload_format: str = ""


def _recover_stale(session: Session, now: datetime) -> None:
    """Queue again the jobs left "running" by a process that stopped without finishing them:
    at once when that process is known to be gone (killed, crashed, the machine restarted),
    else after ``STALE_RUNNING``. The job then looks for the post it may already have made, so
    sending it again never makes a second one."""
    running = session.exec(select(PublishJob).where(PublishJob.status == "running")).all()
    for job in running:
        gone = bool(job.claimed_by) and claim_gone(job.claimed_by)
        if not gone and job.updated_at >= now - STALE_RUNNING:
            continue
        job.status, job.claimed_by, job.updated_at, job.next_attempt_at = "queued", "", now, now
        session.add(job)
        target = session.get(PublishTarget, job.target_id)
        why = "the process sending it stopped" if gone else "it was left running"
        add_log(session, job.article_id, target.name if target else "?",
                f"{job.action}: {why} before it finished; it is sent again", "warning")  # fmt: skip
    session.flush()


def _blocked(session: Session, job: PublishJob) -> bool:
    """An earlier unfinished job for the same article and target goes first."""
    earlier = session.exec(
        select(PublishJob.id).where(
            PublishJob.article_id == job.article_id,
            PublishJob.target_id == job.target_id,
            col(PublishJob.id) < job.id,
            col(PublishJob.status).in_(["queued", "running"]),
        )
    ).first()
    return earlier is not None


def _claim(
    session: Session, now: datetime, job_ids: set[int] | None, tried: set[int]
) -> int | None:
    # An embargoed article's jobs wait in the outbox until the embargo time (the embargo is
    # read at every drain, so moving or lifting it takes effect at once).
    embargoed = select(Article.id).where(col(Article.embargo_at) > now)
    q = (
        select(PublishJob)
        .where(
            PublishJob.status == "queued",
            col(PublishJob.next_attempt_at) <= now,
            col(PublishJob.article_id).not_in(embargoed),
        )
        .order_by(col(PublishJob.id))
    )
    for job in session.exec(q).all():
        assert job.id is not None
        if job.id in tried or (job_ids is not None and job.id not in job_ids):
            continue
        if _blocked(session, job):
            continue
        claimed = session.execute(
            update(PublishJob)
            .where(col(PublishJob.id) == job.id, col(PublishJob.status) == "queued")
            .values(status="running", updated_at=now, claimed_by=claim_token())
        )
        if claimed.rowcount == 1:  # type: ignore[attr-defined]
            return job.id
    return None


def _load(session: Session, job_id: int, now: datetime | None = None) -> _Work:
    job = session.get(PublishJob, job_id)
    assert job is not None
    target_row = session.get(PublishTarget, job.target_id)
    assert target_row is not None
    remote = _remote(session, job.article_id, job.target_id)
    ref = (
        RemoteRef(remote.remote_id, remote.remote_url, remote.remote_status, remote.remote_modified)
        if remote and remote.remote_id
        else None
    )
    work = _Work(
        job_id=job_id, article_id=job.article_id, action=job.action,
        post_status=job.post_status, force=job.force, attempts=job.attempts,
        target=replace(target_config(target_row), library=library_uuid(session)), ref=ref,
        known_hash=remote.last_published_hash if remote else "",
        media=MediaCache(dict(remote.media or {})) if remote else MediaCache(),
    )  # fmt: skip
    if job.action != "unpublish" or ref is None:
        # A post held for its time (or retried after it) goes out as published.
        status = due_status(session, job.article_id, job.post_status, now or utcnow())
        work.post_status = status
        work.payload = build_payload(session, job.article_id, status or None)
    return work


def _remote(session: Session, article_id: int, target_id: int) -> RemotePost | None:
    return session.exec(
        select(RemotePost).where(
            RemotePost.article_id == article_id, RemotePost.target_id == target_id
        )
    ).first()


def _perform(pub: Publisher, work: _Work) -> tuple[RemoteRef | None, str]:
    """Run the job against the site; returns the post's new state and a line for the log
    (ending with what the site's answer warns about)."""
    new, message = _send(pub, work)
    if new is not None and new.warnings:
        message += "; warning: " + "; ".join(new.warnings)
    return new, message


def _send(pub: Publisher, work: _Work) -> tuple[RemoteRef | None, str]:
    try:
        return _send_now(pub, work)
    except RemoteGone as exc:
        raise RemoteGone(
            f"{exc} Publish again with --recreate to make it anew (newsdesk publish "
            f"{work.article_id} --target {work.target.name} --recreate, or “Create anew” in "
            "the app); the old link stays in the publish log."
        ) from None


def _done(verb: str, post: PostPayload, new: RemoteRef) -> str:
    """What the site did, in its own words (a post asked for as published may be scheduled)."""
    said = status_words(new.status) if new.status else status_words(post.status)
    asked = status_words(post.status)
    line = f"{verb} ({said})" if verb == "updated" else f"{verb} as {said}"
    if new.status and said != asked:
        line += f"; newsdesk asked for {asked}"
    return line + (f" at {new.url}" if new.url else "")


def _send_now(pub: Publisher, work: _Work) -> tuple[RemoteRef | None, str]:
    ref, post = work.ref, work.payload
    if (
        post is not None
        and work.action != "unpublish"
        and post.status == "future"
        and post.scheduled_at is not None
        and not getattr(pub, "can_schedule", True)
    ):
        raise Held(post.scheduled_at)
    if ref is None and post is not None:
        # Our record has no post: the site may still have one (an answer lost on the way).
        ref = pub.find_existing(post)
        if ref is not None:
            found = f"found the post made by an earlier attempt ({ref.url or ref.remote_id})"
            if work.action == "unpublish":
                return pub.unpublish(ref), f"{found}; unpublished it"
            return pub.update(ref, post, work.media), f"{found}; updated it"
    if work.action == "unpublish":
        if ref is None:
            return None, "was not published there; nothing to unpublish"
        return pub.unpublish(ref), "unpublished"
    assert post is not None
    if ref is None:
        new = pub.publish(post, work.media)
        return new, _done("published", post, new)
    if not work.force:
        changed = pub.remote_changed_since(ref)
        if changed is not None:
            when = "" if changed.startswith("its ") else f" (modified {changed})"
            what = f": {changed}" if changed.startswith("its ") else ""
            raise RemoteChanged(
                f"The post on {work.target.name} was edited on the site since newsdesk last "
                f"published it{when}{what}. Publishing would "
                "overwrite those edits: check the site, then publish again with --force "
                "(or answer “Overwrite” in the app)."
            )
        if work.known_hash == post.content_hash(work.payload_format) and ref.status == post.status:
            return ref, "already up to date; nothing sent"
    was = ref.url or ref.remote_id
    new = pub.update(ref, post, work.media)
    message = _done("updated", post, new)
    if new.remote_id != ref.remote_id:
        message += f" (a new post: the old one was {was})"
    return new, message


def _record_success(
    session: Session, work: _Work, new: RemoteRef | None, message: str, now: datetime
) -> JobOutcome:
    remote = _remote(session, work.article_id, work.target.id or 0)
    if new is not None:
        if remote is None:
            remote = RemotePost(
                article_id=work.article_id, target_id=work.target.id or 0, remote_id=""
            )
        remote.remote_id, remote.remote_url = new.remote_id, new.url
        remote.remote_status, remote.remote_modified = new.status, new.modified
        remote.media = dict(work.media.items)
        if work.payload is not None and work.action != "unpublish":
            remote.last_published_hash = work.payload.content_hash(work.payload_format)
            remote.last_published_version = work.payload.version
            remote.last_published_at = now
        elif work.action == "unpublish":
            remote.last_published_hash = ""
        session.add(remote)
    _finish(session, work.job_id, "done", "", now)
    session.add(
        ArticleEvent(
            article_id=work.article_id,
            created_at=now,
            desk=str(session.info.get("desk", "")),
            kind=work.action,
            new_value=work.target.name,
            message=f"{work.target.name}: {message}",
        )
    )
    _supersede(session, work, now)
    warnings = list(new.warnings) if new else []
    add_log(session, work.article_id, work.target.name, f"{work.action}: {message}",
            "warning" if warnings else "info")  # fmt: skip
    return JobOutcome(
        work.job_id, work.article_id, work.target.name, work.action, "done", message,
        remote_url=new.url if new else "", warnings=warnings,
    )  # fmt: skip


def _supersede(session: Session, work: _Work, now: datetime) -> None:
    """Older failed jobs of this article on this target are moot once a later one succeeded."""
    session.execute(
        update(PublishJob)
        .where(
            col(PublishJob.article_id) == work.article_id,
            col(PublishJob.target_id) == work.target.id,
            col(PublishJob.id) < work.job_id,
            col(PublishJob.status) == "failed",
        )
        .values(status="superseded", updated_at=now)
    )


def _record_held(session: Session, work: _Work, until: datetime, now: datetime) -> JobOutcome:
    when = iso_utc(until)
    message = (
        f"{work.target.name} cannot schedule posts: held in the outbox until {when}, "
        "then published (by 'newsdesk outbox run' or the app)"
    )
    _finish(session, work.job_id, "queued", "", now, next_attempt_at=until)
    add_log(session, work.article_id, work.target.name, f"{work.action}: {message}")
    return JobOutcome(work.job_id, work.article_id, work.target.name, work.action, "held",
                      message, next_attempt_at=until)  # fmt: skip


def _finish(
    session: Session, job_id: int, status: str, error: str, now: datetime, **more: Any
) -> None:
    session.execute(
        update(PublishJob)
        .where(col(PublishJob.id) == job_id)
        .values(status=status, last_error=error, updated_at=now, **more)
    )


def _save_media(session: Session, work: _Work) -> None:
    """Images that went up before a failure are remembered, so a retry does not upload twice."""
    if not work.media.items:
        return
    remote = _remote(session, work.article_id, work.target.id or 0)
    if remote is None:
        remote = RemotePost(article_id=work.article_id, target_id=work.target.id or 0, remote_id="")
    remote.media = dict(work.media.items)
    session.add(remote)


def _record_failure(
    session: Session, work: _Work, exc: UserError, secret: str | None, now: datetime
) -> JobOutcome:
    message = redact(str(exc), [secret or ""])
    attempts = work.attempts + 1
    _save_media(session, work)
    retry = isinstance(exc, PublishError) and exc.retryable and attempts < MAX_ATTEMPTS
    if retry:
        when = now + backoff(attempts)
        _finish(
            session, work.job_id, "queued", message, now, attempts=attempts, next_attempt_at=when
        )
        add_log(session, work.article_id, work.target.name,
                f"{work.action}: attempt {attempts} failed, will retry: {message}", "warning")  # fmt: skip
        return JobOutcome(work.job_id, work.article_id, work.target.name, work.action, "queued",
                          message, next_attempt_at=when)  # fmt: skip
    _finish(session, work.job_id, "failed", message, now, attempts=attempts)
    add_log(session, work.article_id, work.target.name, f"{work.action} failed: {message}", "error")
    reason = (
        "remote-changed" if isinstance(exc, RemoteChanged)
        else "remote-gone" if isinstance(exc, RemoteGone) else ""
    )  # fmt: skip
    return JobOutcome(
        work.job_id, work.article_id, work.target.name, work.action, "failed", message,
        reason=reason,
    )  # fmt: skip


def _default_factory(target: TargetConfig, secret: str | None) -> Publisher:
    return make_publisher(target, secret)


def drain_outbox(
    ctx: AppContext,
    now: datetime | None = None,
    *,
    job_ids: set[int] | None = None,
    factory: PublisherFactory = _default_factory,
    max_jobs: int = 200,
) -> list[JobOutcome]:
    """Run every job that is due at ``now`` (or only ``job_ids``), one after another.

    Each job's claim, and its result, are committed
    on their own, so a crash at any point leaves the outbox in a state the next drain handles.
    """
    now = now or utcnow()
    with ctx.session() as session:
        _recover_stale(session, now)
    outcomes: list[JobOutcome] = []
    publishers: dict[int, tuple[Publisher, str | None]] = {}
    tried: set[int] = set()
    try:
        for _ in range(max_jobs):
            with ctx.session() as session:
                job_id = _claim(session, now, job_ids, tried)
            if job_id is None:
                break
            tried.add(job_id)
            outcomes.append(_run(ctx, job_id, now, publishers, factory))
    finally:
        for pub, _secret in publishers.values():
            pub.close()
    return outcomes


def _run(
    ctx: AppContext,
    job_id: int,
    now: datetime,
    publishers: dict[int, tuple[Publisher, str | None]],
    factory: PublisherFactory,
) -> JobOutcome:
    try:
        with ctx.session() as session:
            work = _load(session, job_id, now)
    except UserError as exc:  # e.g. a schedule in the past: nothing was sent
        with ctx.session() as session:
            return _fail_unloaded(session, job_id, exc, now)
    except BaseException:
        _mark_internal_error(ctx, job_id, now)
        raise
    secret: str | None = None
    try:
        target_id = work.target.id or 0
        if target_id not in publishers:
            lib = work.target.library
            secret = get_secret(lib, work.target.name) if work.target.needs_secret else None
            publishers[target_id] = (factory(work.target, secret), secret)
        pub, secret = publishers[target_id]
        work.payload_format = getattr(pub, "payload_format", "")
        try:
            new, message = _perform(pub, work)
        finally:
            _remember(ctx, work.target, pub)
    except Held as held:
        with ctx.session() as session:
            return _record_held(session, work, held.until, now)
    except UserError as exc:
        with ctx.session() as session:
            return _record_failure(session, work, exc, secret, now)
    except BaseException:
        _mark_internal_error(ctx, job_id, now)
        raise
    with ctx.session() as session:
        return _record_success(session, work, new, message, now)


def _remember(ctx: AppContext, target: TargetConfig, pub: Publisher) -> None:
    """Keep what the publisher learned about the site (e.g. properties a Micropub server
    refuses) in the target's options, so the next run sends it right the first time."""
    learned: dict[str, Any] = getattr(pub, "learned", None) or {}
    if not learned:
        return
    with ctx.session() as session:
        row = session.get(PublishTarget, target.id)
        if row is not None:
            row.options = {**(row.options or {}), **learned}
            session.add(row)
    learned.clear()


def _mark_internal_error(ctx: AppContext, job_id: int, now: datetime) -> None:
    """A bug, not a site problem: never leave the job "running"; the traceback goes on."""
    with ctx.session() as session:
        _finish(session, job_id, "failed", "internal error (see the log)", now)


def _fail_unloaded(session: Session, job_id: int, exc: UserError, now: datetime) -> JobOutcome:
    job = session.get(PublishJob, job_id)
    assert job is not None
    target = session.get(PublishTarget, job.target_id)
    name = target.name if target else "?"
    _finish(session, job_id, "failed", str(exc), now, attempts=job.attempts + 1)
    add_log(session, job.article_id, name, f"{job.action} failed: {exc}", "error")
    return JobOutcome(job_id, job.article_id, name, job.action, "failed", str(exc))


def enqueue(
    session: Session,
    article_id: int,
    target_id: int,
    action: str,
    post_status: str = "",
    *,
    force: bool = False,
    now: datetime | None = None,
) -> PublishJob:
    """Add a job, or refresh the same still-waiting one (so the outbox never holds duplicates)."""
    if action not in ACTIONS:
        raise UserError(f"Unknown action {action!r}; use one of: {', '.join(ACTIONS)}")
    now = now or utcnow()
    _recover_stale(session, now)  # a job left by a killed process is refreshed, not queued behind
    waiting = session.exec(
        select(PublishJob).where(
            PublishJob.article_id == article_id,
            PublishJob.target_id == target_id,
            PublishJob.action == action,
            PublishJob.status == "queued",
        )
    ).first()
    job = waiting or PublishJob(article_id=article_id, target_id=target_id, action=action)
    job.post_status, job.force = post_status, force or job.force
    job.next_attempt_at, job.updated_at = now, now
    session.add(job)
    session.flush()
    return job
