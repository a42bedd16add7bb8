"""Turning a library article into the ``PostPayload`` every publisher receives.

Which article fields go along is declared with the fields (``domain.schema.PAYLOAD_FIELDS``).
The body is the article's one rendering (``body_html``) with its dateline inserted, exactly as
on the preview page; images stay ``asset:SHA`` until a publisher knows their uploaded URLs.
"""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any

from sqlmodel import Session

from newsdesk.core.articles import ArticleRecord, get_article
from newsdesk.core.assets import get_asset
from newsdesk.core.pages import corrections_html
from newsdesk.core.settings import load_settings
from newsdesk.domain import schema
from newsdesk.errors import UserError
from newsdesk.publish.base import MediaFile, PostPayload
from newsdesk.publish.targets import check_post_status
from newsdesk.render.dateline import insert_dateline
from newsdesk.render.markdown import asset_refs
from newsdesk.storage.models import Status
from newsdesk.storage.types import utcnow


def default_status(rec: ArticleRecord) -> str:
    """What to ask the site for when the person did not say: follows the article's status."""
    if rec.status == Status.PUBLISHED:
        return "publish"
    if rec.status == Status.SCHEDULED or (rec.scheduled_at and rec.scheduled_at > utcnow()):
        return "future"
    return "draft"


def check_schedule(rec: ArticleRecord, status: str) -> None:
    if status == "future" and (rec.scheduled_at is None or rec.scheduled_at <= utcnow()):
        raise UserError(
            f"“{rec.headline or 'Untitled'}” has no schedule in the future; set one "
            "(newsdesk article edit ID --schedule 2030-01-01T08:00:00Z) or publish it now."
        )


def due_status(session: Session, ref: str | int, status: str, now: datetime) -> str:
    """The status to send now: a "future" post whose time has come goes out as published
    (it was held in the outbox by a site that cannot schedule, or retried after its time)."""
    if status != "future":
        return status
    rec = get_article(session, ref)
    return "publish" if rec.scheduled_at is not None and rec.scheduled_at <= now else status


def _media(
    session: Session, sha: str, alt: str = "", caption: str = "", credit: str = ""
) -> MediaFile:
    asset = get_asset(session, sha)
    return MediaFile(
        sha256=asset.sha256, filename=asset.filename, media_type=asset.media_type,
        data=asset.data, alt=alt, caption=caption, credit=credit,
    )  # fmt: skip


# The payload's own attributes; other declared payload fields travel in ``PostPayload.extra``.
_NAMED = {f.name for f in dataclasses.fields(PostPayload)}


def _copied(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value


def _joined(body: str, corrections: str) -> str:
    return f"{body}\n{corrections}" if corrections else body


def build_payload(session: Session, ref: str | int, status: str | None = None) -> PostPayload:
    rec = get_article(session, ref)
    chosen = check_post_status(status) if status else default_status(rec)
    check_schedule(rec, chosen)
    settings = load_settings(session)
    image = (
        _media(session, rec.image_sha256, rec.image_alt, rec.image_caption, rec.image_credit)
        if rec.image_sha256
        else None
    )
    assert rec.uuid is not None
    values = {name: _copied(getattr(rec, name)) for name in schema.PAYLOAD_FIELDS}
    extra = {name: values.pop(name) for name in list(values) if name not in _NAMED}
    values["language"] = rec.language or settings.language
    return PostPayload(
        **values,
        # Corrections and updates travel under the body, so a republish carries them.
        body_html=_joined(
            insert_dateline(rec.body_html, rec.dateline, settings.dateline_style),
            corrections_html(rec, settings),
        ),
        body_markdown=rec.body,
        status=chosen,
        image=image,
        images=[_media(session, sha) for sha in sorted(asset_refs(rec.body_html))],
        extra=extra,
    )
