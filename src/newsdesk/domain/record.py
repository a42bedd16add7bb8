"""``ArticleRecord``: everything about one article, detached from the database (no database
here, so the window's panes can import it before the library is open; ``core.articles``
reads and writes it)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from newsdesk.domain.dates import iso_utc
from newsdesk.domain.status import Status


@dataclass(frozen=True)
class Correction:
    """A dated correction or update on a published article (only ever added)."""

    kind: str  # "correction" | "update"
    text: str
    created_at: datetime
    desk: str = ""

    @property
    def label(self) -> str:
        return "Correction" if self.kind == "correction" else "Update"

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "text": self.text,
            "created_at": iso_utc(self.created_at),
            "desk": self.desk,
        }


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
    language: str = "en"
    pinned: bool = False
    # The newsroom's workflow (services.newsroom): stage changes go through
    # ``move_stage`` (permissions, pre-flight); an embargo holds publishing and site exports.
    stage: str = "draft"
    embargo_at: datetime | None = None
    assignee: str = ""
    word_budget: int = 0
    deadline_at: datetime | None = None
    # Dated corrections and updates, oldest first; added with services.newsroom.add_correction.
    corrections: list[Correction] = field(default_factory=list)
    # Identity and bookkeeping: set by the library, or carried over by an import.
    id: int | None = None
    uuid: str | None = None
    version: int = 0
    created_at: datetime | None = None
    updated_at: datetime | None = None
    updated_by: str = ""
    word_count: int = 0
    body_html: str = ""
    section_slug: str | None = None

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, datetime):
                out[key] = iso_utc(value)
        out["corrections"] = [c.to_json() for c in self.corrections]
        return out

    @property
    def last_correction_at(self) -> datetime | None:
        """When the newest correction or update was added: the page's "Updated" time."""
        return max((c.created_at for c in self.corrections), default=None)
