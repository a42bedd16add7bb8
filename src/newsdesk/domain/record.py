"""``ArticleRecord``: everything about one article, detached from the database (no database
here, so the window's panes can import it before the library is open; ``core.articles``
reads and writes it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from newsdesk.domain.fields import spec
from newsdesk.domain.plain import plain
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
        return plain(self)


# Where each field goes is declared beside it (``domain.fields.FieldSpec``); ``domain.schema``
# derives the field lists the services, the history, the formats and the CLI use.
_CONTENT: dict[str, Any] = {"diffed": True, "history": "column", "restored": True}
# In the history and restored, so shown in a diff too: a restore must not bring back an old
# caption or credit that the comparison never showed.
_KEPT: dict[str, Any] = {"diffed": True, "history": "extra", "restored": True}
_NOTED: dict[str, Any] = {"history": "extra"}  # in the history, never restored
_IDENTITY: dict[str, Any] = {"editable": False, "copied": False}


@dataclass
class ArticleRecord:
    """Everything about one article, detached from the database."""

    # fmt: off
    headline: str = spec("", label="Headline", **_CONTENT, front_matter=("title", "headline"),
                         payload=True, cli="--headline")
    standfirst: str = spec("", label="Standfirst", **_CONTENT,
                           front_matter=("standfirst", "summary", "excerpt"),
                           ninjs="description:summary", payload=True, cli="--standfirst")
    body: str = spec("", label="Body", history="column", restored=True, cli="--body-file",
                     metavar="F", cli_help="Markdown body; - reads stdin")
    section: str | None = spec(None, label="Section", **_CONTENT, column=False,
                               front_matter=("section",), payload=True, cli="--section",
                               cli_help="no section when left out")
    tags: list[str] = spec(factory=list, label="Tags", kind="names", **_CONTENT, column=False,
                           front_matter=("tags",), payload=True, cli="--tag", metavar="T",
                           cli_help="repeat for several tags")
    byline: list[str] = spec(factory=list, label="Byline", kind="names", **_CONTENT,
                             column=False, front_matter=("byline", "authors", "author"),
                             payload=True, cli="--byline", metavar="B",
                             cli_help="repeat for several authors")
    dateline: str = spec("", label="Dateline", **_CONTENT, front_matter=("dateline",),
                         ninjs="located", payload=True, cli="--dateline", metavar="PLACE",
                         cli_help='e.g. "Doha, Qatar"')
    status: str = spec(Status.DRAFT.value, label="Status", diffed=True, history="column",
                       front_matter=("status",), cli="--status",
                       choices=tuple(s.value for s in Status))
    slug: str = spec("", label="Slug", **_NOTED, front_matter=("slug",), payload=True,
                     cli="--slug")
    published_at: datetime | None = spec(None, label="Published", kind="datetime",
                                         front_matter=("date", "publishDate"), payload=True,
                                         cli="--date", metavar="ISO",
                                         cli_help="publication date and time (ISO 8601)")
    scheduled_at: datetime | None = spec(None, label="Scheduled", kind="datetime",
                                         front_matter=("scheduled",), payload=True,
                                         cli="--schedule", metavar="ISO",
                                         cli_help="scheduled publication time (ISO 8601)")
    image_sha256: str | None = spec(None, label="Featured image", **_KEPT, cli="--image",
                                    metavar="FILE", cli_help="featured image")
    image_alt: str = spec("", label="Image description", **_KEPT, cli="--image-alt",
                          metavar="A")
    image_caption: str = spec("", label="Caption", **_KEPT, cli="--caption")
    image_credit: str = spec("", label="Credit", **_KEPT, cli="--credit")
    seo_description: str = spec("", label="SEO description", **_KEPT,
                                front_matter=("seo_description",), ninjs="description:seo",
                                payload=True, cli="--seo-description")
    editors_note: str = spec("", label="Editor's note", **_KEPT, front_matter=("editors_note",),
                             ninjs="ednote", cli="--editors-note")
    language: str = spec("en", label="Language", **_KEPT, front_matter=("language", "lang"),
                         payload=True, cli="--language")
    pinned: bool = spec(False, label="Pinned", kind="bool", **_NOTED, front_matter=("pinned",),
                        payload=True, cli="--pinned")
    # The newsroom's workflow (services.newsroom): stage changes go through
    # ``move_stage`` (permissions, pre-flight); an embargo holds publishing and site exports.
    stage: str = spec("draft", label="Stage", **_NOTED, front_matter=("stage",))
    embargo_at: datetime | None = spec(None, label="Embargo", kind="datetime", **_NOTED,
                                       front_matter=("embargo",), cli="--embargo",
                                       metavar="ISO", cli_help="not published or exported "
                                       "before this time; '' lifts it")
    assignee: str = spec("", label="Assignee", **_NOTED)
    word_budget: int = spec(0, label="Word budget", kind="int")
    deadline_at: datetime | None = spec(None, label="Deadline", kind="datetime")
    # Dated corrections and updates, oldest first; added with services.newsroom.add_correction.
    corrections: list[Correction] = spec(factory=list, label="Corrections", kind="list",
                                         **_NOTED, editable=False, column=False)
    # Identity and bookkeeping: set by the library, or carried over by an import.
    id: int | None = spec(None, label="Id", kind="int", **_IDENTITY)
    uuid: str | None = spec(None, label="UUID", copied=False, front_matter=("uuid",),
                            payload=True)
    version: int = spec(0, label="Version", kind="int", **_IDENTITY, payload=True)
    created_at: datetime | None = spec(None, label="Created", kind="datetime", copied=False,
                                       front_matter=("created",))
    updated_at: datetime | None = spec(None, label="Updated", kind="datetime", copied=False,
                                       front_matter=("lastmod",), payload=True)
    updated_by: str = spec("", label="Updated by", editable=False)
    word_count: int = spec(0, label="Words", kind="int", **_IDENTITY)
    body_html: str = spec("", label="Body (HTML)", **_IDENTITY)
    section_slug: str | None = spec(None, label="Section slug", **_IDENTITY, column=False)
    # fmt: on

    def to_json(self) -> dict[str, Any]:
        return plain(self)

    @property
    def last_correction_at(self) -> datetime | None:
        """When the newest correction or update was added: the page's "Updated" time."""
        return max((c.created_at for c in self.corrections), default=None)
