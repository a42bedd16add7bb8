"""``ArticleRecord``: everything about one article, detached from the database (no database
here, so the window's panes can import it before the library is open; ``services.articles``
reads and writes it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.domain.dates import iso_utc
from newsdesk.domain.status import Status


@dataclass
class ArticleRecord:
    """Everything about one article, detached from the database."""

    headline: str = ""
    standfirst: str = ""
    body: str = ""
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    dateline: str = ""
    status: str = Status.DRAFT.value
    slug: str = ""
    published_at: datetime | None = None
    scheduled_at: datetime | None = None
    image_sha256: str | None = None
    image_alt: str = ""
    image_caption: str = ""
    image_credit: str = ""
    seo_description: str = ""
    editors_note: str = ""
    correction_note: str = ""
    language: str = "en"
    pinned: bool = False
    # Identity and bookkeeping: set by the library, or carried over by an import.
    id: int | None = None
    uuid: str | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    word_count: int = 0
    body_html: str = ""
    section_slug: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, datetime):
                out[key] = iso_utc(value)
        return out
