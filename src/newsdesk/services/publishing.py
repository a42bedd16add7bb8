"""Publishing use-cases shared by the CLI and the app: targets, the outbox, per-article state.

Secrets go to the OS keyring (``publish.secrets``); the library keeps only the target's name,
kind, URL, user name and options.
"""

from __future__ import annotations

import re
import socket
import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete as sa_delete
from sqlmodel import Session, col, select

from newsdesk.core.articles import get_article
from newsdesk.core.context import AppContext
from newsdesk.core.settings import load_settings
from newsdesk.domain.dates import iso_utc
from newsdesk.domain.report import DoctorReport
from newsdesk.errors import NotFoundError, UserError
from newsdesk.publish import secrets, wp_authorize
from newsdesk.publish.payload import build_payload
from newsdesk.publish.payload import default_status as default_status  # for the front ends
from newsdesk.publish.registry import make_publisher
from newsdesk.publish.targets import (
    ADDRESS_HINTS,
    KIND_LABELS,
    KINDS,
    OPTIONS,
    POST_STATUSES,
    SECRET_LABELS,
    TargetConfig,
    check_kind,
    check_post_status,
    kind_label,
    normalise_ghost_url,
    parse_options,
)
from newsdesk.publish.wp_authorize import AuthorizeCancelled as AuthorizeCancelled
from newsdesk.services.outbox import (
    JobOutcome,
    add_log,
    drain_outbox,
    enqueue,
    target_config,
)
from newsdesk.storage.models import Article, PublishJob, PublishLog, PublishTarget, RemotePost
from newsdesk.storage.types import utcnow

# What the CLI needs of the targets' vocabulary comes through here (cli imports no publish/).
__all__ = [
    "ADDRESS_HINTS", "KINDS", "KIND_LABELS", "OPTIONS", "POST_STATUSES", "SECRET_LABELS",
    "JobOutcome", "drain_outbox", "kind_label", "parse_options",
]  # fmt: skip


# ---------------------------------------------------------------- targets


def _target_row(session: Session, name: str) -> PublishTarget:
    row = session.exec(select(PublishTarget).where(PublishTarget.name == name)).first()
    if row is None:
        raise NotFoundError(f"No publish target called {name!r} (see 'newsdesk target list')")
    return row


def _check_url(kind: str, url: str) -> str:
    url = url.strip()
    if kind == "folder":
        if not url:
            raise UserError("A folder target needs the path of the Hugo content folder")
        return url
    if not url.startswith(("http://", "https://")):
        raise UserError(f"{url!r} is not a web address; give it with https://")
    if "@" in url.split("://", 1)[1].split("/", 1)[0]:  # user:password@host
        raise UserError(
            "A target's address must not hold a user name or password (they would be kept in "
            "the library and shown in lists and logs); give the address alone, the user with "
            "--user, and the password when asked (it is kept in the keyring)"
        )
    if kind == "ghost":
        return normalise_ghost_url(url)
    return url.rstrip("/") if kind == "wordpress" else url


def add_target(
    session: Session,
    name: str,
    kind: str,
    url: str,
    username: str = "",
    secret: str | None = None,
    options: dict[str, Any] | None = None,
) -> TargetConfig:
    """Add a named target; its secret (if the kind needs one) goes to the keyring."""
    name, kind = name.strip(), check_kind(kind)
    if not name:
        raise UserError("A target needs a name")
    if session.exec(select(PublishTarget.id).where(PublishTarget.name == name)).first():
        raise UserError(f"There is already a target called {name!r}; remove it first")
    config = TargetConfig(name, kind, _check_url(kind, url), username.strip(), options or {})
    if kind == "wordpress" and not config.username:
        raise UserError("A WordPress target needs --user (the WordPress user name)")
    if config.needs_secret and not secret:
        raise UserError(f"A {kind} target needs its secret ({config.kind} credentials)")
    row = PublishTarget(
        name=config.name, kind=kind, url=config.url, username=config.username,
        options=config.options,
    )  # fmt: skip
    session.add(row)
    session.flush()
    library = secrets.library_uuid(session)
    if config.needs_secret and secret:
        secrets.store_secret(library, name, secret)
    return replace(target_config(row), library=library)


def set_options(session: Session, name: str, options: dict[str, Any]) -> TargetConfig:
    """Change a target's settings (``publish.targets.OPTIONS``); an empty value unsets one."""
    row = _target_row(session, name)
    merged = {**(row.options or {}), **options}
    row.options = {k: v for k, v in merged.items() if v not in ("", [], None)}
    session.add(row)
    session.flush()
    return get_target(session, name)


def set_secret(session: Session, name: str, secret: str) -> TargetConfig:
    """Replace the target's secret (a rotated application password, a new token)."""
    config = get_target(session, name)
    if not config.needs_secret:
        raise UserError(f"A {config.kind} target has no secret")
    secrets.store_secret(config.library, config.name, secret.strip())
    return config


def add_wordpress_target_authorized(
    ctx: AppContext,
    name: str,
    url: str,
    open_browser: Callable[[str], None],
    *,
    timeout: float = wp_authorize.TIMEOUT,
    cancel: threading.Event | None = None,
) -> TargetConfig:
    """Add a WordPress target through the site's approval page (network and waiting: call it off
    the GUI thread); the application password WordPress hands back goes to the keyring only."""
    name, url = name.strip(), _check_url("wordpress", url)
    if not name:
        raise UserError("A target needs a name")
    with ctx.session() as session:  # refuse before the person goes through the browser
        if session.exec(select(PublishTarget.id).where(PublishTarget.name == name)).first():
            raise UserError(f"There is already a target called {name!r}; remove it first")
    # WordPress refuses a second password with the same name for a user: make each one unique
    # and recognisable in the person's profile (Users → Profile → Application Passwords).
    stamp = utcnow().astimezone().strftime("%Y-%m-%d %H:%M:%S")
    app_name = f"{wp_authorize.APP_NAME} – {name} on {socket.gethostname()}, {stamp}"
    user, password = wp_authorize.authorize(
        url, open_browser, timeout, app_name=app_name, cancel=cancel
    )
    with ctx.session() as session:
        return add_target(session, name, "wordpress", url, user, password)


def list_targets(session: Session) -> list[TargetConfig]:
    rows = session.exec(select(PublishTarget).order_by(col(PublishTarget.name))).all()
    library = secrets.library_uuid(session) if rows else ""
    return [replace(target_config(r), library=library) for r in rows]


def get_target(session: Session, name: str) -> TargetConfig:
    config = target_config(_target_row(session, name))
    return replace(config, library=secrets.library_uuid(session))


def remove_target(session: Session, name: str) -> TargetConfig:
    """Forget the target, its secret, its waiting jobs and where its posts are."""
    row = _target_row(session, name)
    config = replace(target_config(row), library=secrets.library_uuid(session))
    session.execute(sa_delete(PublishJob).where(col(PublishJob.target_id) == row.id))
    session.execute(sa_delete(RemotePost).where(col(RemotePost.target_id) == row.id))
    session.delete(row)
    session.flush()
    secrets.delete_secret(config.library, name)
    return config


def check_target(config: TargetConfig) -> DoctorReport:
    """Run the connection doctor (network; call it off the GUI thread)."""
    secret = secrets.get_secret(config.library, config.name) if config.needs_secret else None
    if config.needs_secret and not secret:
        report = DoctorReport()
        report.add(
            "secret", False, f"no secret for {config.name} in the keyring",
            f"Store it: newsdesk target secret {config.name}",
        )  # fmt: skip
        return report
    publisher = make_publisher(config, secret)
    try:
        return publisher.doctor()
    finally:
        publisher.close()


def _publisher_for(config: TargetConfig) -> Any:
    secret = secrets.get_secret(config.library, config.name) if config.needs_secret else None
    if config.needs_secret and not secret:
        raise UserError(f"No secret for {config.name}; store it: newsdesk target secret "
                        f"{config.name}")  # fmt: skip
    return make_publisher(config, secret)


def remote_terms(config: TargetConfig) -> dict[str, list[str]]:
    """The site's own categories and tags (network; call it off the GUI thread). Empty for
    targets that have none (a webhook, a folder, a Micropub server without ``q=category``)."""
    publisher = _publisher_for(config)
    try:
        terms = getattr(publisher, "terms", None)
        return dict(terms()) if terms else {}
    finally:
        publisher.close()


@dataclass(frozen=True)
class TermPlan:
    """For one taxonomy of a target: the article's terms the site has, and those it will make."""

    taxonomy: str
    existing: list[str]
    created: list[str]

    def line(self) -> str:
        have = ", ".join(self.existing) or "—"
        new = ", ".join(self.created) or "—"
        return f"{self.taxonomy}: on the site {have}; will be created {new}"


def terms_plan(
    config: TargetConfig, section: str | None, tags: list[str], site: dict[str, list[str]]
) -> list[TermPlan]:
    """Which of the article's section and tags the site already has (``site`` from
    ``remote_terms``), and which publishing will create."""
    if config.kind == "wordpress":
        wanted = {"categories": [section] if section else [], "tags": list(tags)}
    elif config.kind == "ghost":
        wanted = {"tags": ([section] if section else []) + list(tags)}
    elif config.kind == "micropub" and "categories" in site:
        wanted = {"categories": list(tags) + ([section] if section else [])}
    else:
        return []
    plans = []
    for taxonomy, names in wanted.items():
        known = {n.rsplit(" › ", 1)[-1].casefold() for n in site.get(taxonomy, [])}
        have = [n for n in names if n.casefold() in known]
        plans.append(TermPlan(taxonomy, have, [n for n in names if n not in have]))
    return plans


# ------------------------------------------------------------------ outbox


def queue_publish(
    session: Session,
    article: str | int,
    target: str,
    *,
    status: str | None = None,
    force: bool = False,
    recreate: bool = False,
) -> PublishJob:
    """Put a publish (or update) of the article into the outbox; checks it can be built.
    ``recreate``: the post was deleted on the site; make it anew (the old link stays in the
    publish log)."""
    rec = get_article(session, article)
    row = _target_row(session, target)
    if recreate:
        forget_remote(session, rec.id or 0, row)
    chosen = check_post_status(status) if status else ""
    payload = build_payload(session, rec.id or 0, chosen or None)  # refuses a stale schedule
    job = enqueue(
        session, rec.id or 0, row.id or 0, "publish", chosen or payload.status, force=force
    )
    add_log(session, rec.id, row.name, f"publish ({job.post_status}) queued")
    return job


def forget_remote(session: Session, article_id: int, row: PublishTarget) -> None:
    """Drop the link to a post deleted on the site, so the next publish creates it anew."""
    remote = session.exec(
        select(RemotePost).where(
            RemotePost.article_id == article_id, RemotePost.target_id == row.id
        )
    ).first()
    if remote is None or not remote.remote_id:
        return
    was = remote.remote_url or remote.remote_id
    remote.remote_id, remote.remote_url, remote.remote_status = "", "", ""
    remote.remote_modified, remote.last_published_hash = "", ""
    session.add(remote)
    add_log(session, article_id, row.name, f"link to {was} dropped: the post is made anew")


def create_folder(session: Session, target: str) -> TargetConfig:
    """Make a folder target's missing content folder (``publish --create``)."""
    from pathlib import Path

    config = get_target(session, target)
    if config.kind != "folder":
        raise UserError(f"{config.name} is a {config.kind} target: --create is for folders")
    root = Path(config.url.removeprefix("file://")).expanduser()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Cannot create {root}: {exc.strerror or exc}") from None
    return config


def queue_unpublish(session: Session, article: str | int, target: str) -> PublishJob:
    rec = get_article(session, article)
    row = _target_row(session, target)
    job = enqueue(session, rec.id or 0, row.id or 0, "unpublish")
    add_log(session, rec.id, row.name, "unpublish queued")
    return job


def run_outbox(
    ctx: AppContext, now: datetime | None = None, job_ids: set[int] | None = None
) -> list[JobOutcome]:
    return drain_outbox(ctx, now, job_ids=job_ids)


@dataclass(frozen=True)
class JobView:
    id: int
    article_id: int
    headline: str
    target: str
    action: str
    post_status: str
    status: str
    attempts: int
    next_attempt_at: datetime
    last_error: str
    updated_at: datetime

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["next_attempt_at"], out["updated_at"] = (
            iso_utc(self.next_attempt_at),
            iso_utc(self.updated_at),
        )
        return out


def list_jobs(
    session: Session,
    *,
    statuses: list[str] | None = None,
    article: int | None = None,
    ended_most: int | None = None,
) -> list[JobView]:
    """The outbox's jobs, newest first. ``ended_most``: every waiting, running or failed job,
    but only that many of the newest ended ones (``ENDED``; the app's outbox: a library's
    whole publishing past, read every minute, grew without end)."""
    q = (
        select(PublishJob, Article.headline, PublishTarget.name)
        .join(Article, col(Article.id) == PublishJob.article_id)
        .join(PublishTarget, col(PublishTarget.id) == PublishJob.target_id)
        .order_by(col(PublishJob.id).desc())
    )
    if statuses:
        q = q.where(col(PublishJob.status).in_(statuses))
    if article is not None:
        q = q.where(PublishJob.article_id == article)
    if ended_most is None:
        rows = list(session.exec(q).all())
    else:
        ended = col(PublishJob.status).in_(ENDED)
        rows = list(session.exec(q.where(~ended)).all())
        rows += session.exec(q.where(ended).limit(ended_most)).all()
        rows.sort(key=lambda row: -(row[0].id or 0))
    return [
        JobView(
            job.id or 0, job.article_id, headline, target, job.action, job.post_status,
            job.status, job.attempts, job.next_attempt_at, job.last_error, job.updated_at,
        )
        for job, headline, target in rows
    ]  # fmt: skip


ENDED = ("done", "cancelled", "superseded")  # nothing more will happen to such a job


def _job(session: Session, job_id: int) -> PublishJob:
    job = session.get(PublishJob, job_id)
    if job is None:
        raise NotFoundError(f"No job {job_id} in the outbox (see 'newsdesk outbox list')")
    return job


def retry_job(session: Session, job_id: int, *, force: bool = False) -> PublishJob:
    """Send a failed (or waiting) job again now."""
    job = _job(session, job_id)
    if job.status not in ("queued", "failed"):
        raise UserError(f"Job {job_id} is {job.status}; only waiting or failed jobs can be retried")
    job.status, job.next_attempt_at, job.updated_at = "queued", utcnow(), utcnow()
    job.force = force or job.force
    session.add(job)
    session.flush()
    return job


def cancel_job(session: Session, job_id: int) -> PublishJob:
    job = _job(session, job_id)
    if job.status not in ("queued", "failed"):
        raise UserError(
            f"Job {job_id} is {job.status}; only waiting or failed jobs can be cancelled"
        )
    job.status, job.updated_at = "cancelled", utcnow()
    session.add(job)
    session.flush()
    return job


# ------------------------------------------------------------ article state


@dataclass(frozen=True)
class TargetState:
    """An article on one target: where it is, and what is waiting or went wrong."""

    target: str
    kind: str
    remote_id: str
    remote_url: str
    remote_status: str
    last_published_at: datetime | None
    up_to_date: bool
    pending: str  # the waiting job's action, or ""
    last_error: str

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["last_published_at"] = iso_utc(self.last_published_at)
        return out


def article_state(session: Session, article: str | int) -> list[TargetState]:
    rec = get_article(session, article)
    out = []
    for row in session.exec(select(PublishTarget).order_by(col(PublishTarget.name))).all():
        remote = session.exec(
            select(RemotePost).where(
                RemotePost.article_id == rec.id, RemotePost.target_id == row.id
            )
        ).first()
        last_job = session.exec(
            select(PublishJob)
            .where(PublishJob.article_id == rec.id, PublishJob.target_id == row.id)
            .order_by(col(PublishJob.id).desc())
        ).first()
        pending = last_job.action if last_job and last_job.status in ("queued", "running") else ""
        error = last_job.last_error if last_job and last_job.status != "done" else ""
        out.append(
            TargetState(
                target=row.name,
                kind=row.kind,
                remote_id=remote.remote_id if remote else "",
                remote_url=remote.remote_url if remote else "",
                remote_status=remote.remote_status if remote else "",
                last_published_at=remote.last_published_at if remote else None,
                up_to_date=bool(remote and remote.last_published_version == rec.version),
                pending=pending,
                last_error=error,
            )
        )
    return out


def publish_log(
    session: Session, article: str | int | None = None, limit: int = 200
) -> list[PublishLog]:
    q = select(PublishLog).order_by(col(PublishLog.id).desc()).limit(limit)
    if article is not None:
        q = q.where(PublishLog.article_id == get_article(session, article).id)
    return list(session.exec(q).all())


# ---------------------------------------------------------------- pre-flight


_IMG = re.compile(r"<img\b[^>]*>")
_ALT = re.compile(r'\balt="([^"]*)"')


def preflight(session: Session, article: str | int) -> list[str]:
    """What an editor should fix before publishing (empty when all is well)."""
    rec = get_article(session, article)
    budget = load_settings(session).headline_budget
    issues = []
    if rec.image_sha256 and not rec.image_alt.strip():
        issues.append("The featured image has no alt text")
    missing = [tag for tag in _IMG.findall(rec.body_html) if not _alt_of(tag).strip()]
    if missing:
        issues.append(f"{len(missing)} image(s) in the body have no alt text")
    if len(rec.headline) > budget:
        issues.append(f"The headline is {len(rec.headline)} characters; the budget is {budget}")
    if not rec.headline.strip():
        issues.append("The article has no headline")
    if not rec.section:
        issues.append("The article has no section")
    return issues


def _alt_of(img_tag: str) -> str:
    found = _ALT.search(img_tag)
    return found.group(1) if found else ""


def what_targets_receive(session: Session, article: str | int, status: str | None) -> list[str]:
    """One line per target: what it will get and whether it is a new post or an update."""
    rec = get_article(session, article)
    payload = build_payload(session, rec.id or 0, status)
    images = len(payload.all_media())
    lines = []
    for config in list_targets(session):
        remote = session.exec(
            select(RemotePost).where(
                RemotePost.article_id == rec.id, RemotePost.target_id == config.id
            )
        ).first()
        verb = (
            f"updates {remote.remote_url or remote.remote_id}"
            if remote and remote.remote_id
            else "new post"
        )
        parts = [f"{config.name} ({kind_label(config.kind)}): {verb} as {payload.status}"]
        if config.kind in ("wordpress", "micropub", "folder"):
            parts.append(f"category {payload.section or '—'}")
        elif config.kind == "ghost":
            parts.append(f"primary tag {payload.section or '—'}")
        parts.append(f"tags {', '.join(payload.tags) or '—'}")
        parts.append(f"{images} image(s)")
        if payload.status == "future" and payload.scheduled_at:
            parts.append(f"scheduled {iso_utc(payload.scheduled_at)}")
            if config.kind == "micropub":  # Micropub cannot schedule
                parts.append("held in the outbox until then")
        lines.append("; ".join(parts))
    return lines
