"""The library's tables. Plain SQLModel/SQLAlchemy so a shared PostgreSQL can replace SQLite."""

from __future__ import annotations

import uuid as uuid_mod
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from newsdesk.domain.status import Status as Status  # re-exported; it lives in domain
from newsdesk.storage.types import UTCDateTime, utcnow


def _new_uuid() -> str:
    return str(uuid_mod.uuid4())


class _Named(SQLModel):
    """The columns a section, a tag and an author share: a key, a unique name, a unique slug."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    slug: str = Field(unique=True)


class _OfArticle(SQLModel):
    """A row that belongs to one article and goes with it (deleting the article deletes it)."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", index=True, ondelete="CASCADE")


class Section(_Named, table=True):
    __tablename__ = "section"

    position: int = Field(default=0, index=True)
    description: str = ""


class Tag(_Named, table=True):
    __tablename__ = "tag"

    description: str = ""
    slug_locked: bool = False


class Author(_Named, table=True):
    __tablename__ = "author"

    bio: str = ""


class Asset(SQLModel, table=True):
    """An image kept inside the library file, addressed by the SHA-256 of its bytes."""

    __tablename__ = "asset"

    sha256: str = Field(primary_key=True, max_length=64)
    filename: str
    media_type: str
    size: int
    width: int | None = None
    height: int | None = None
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Article(SQLModel, table=True):
    __tablename__ = "article"
    __table_args__ = (
        Index("ix_article_status_updated", "status", "updated_at"),
        Index("ix_article_embargo_at", "embargo_at"),  # embargoes ended since an export (0016)
        # Bodies a bulk import stored without rendering them (migration 0015).
        Index(
            "ix_article_unrendered",
            "id",
            sqlite_where=text("body_html = ''"),
            postgresql_where=text("body_html = ''"),
        ),
    )

    # An integer key keeps full-text rowids stable (VACUUM may renumber implicit rowids);
    # the UUID is the article's identity outside this library.
    id: int | None = Field(default=None, primary_key=True)
    uuid: str = Field(default_factory=_new_uuid, unique=True, max_length=36)
    slug: str = Field(unique=True)
    headline: str = Field(default="", index=True)  # the library list sorts by it (0009)
    standfirst: str = ""
    body: str = ""
    body_html: str = ""
    section_id: int | None = Field(
        default=None, foreign_key="section.id", index=True, ondelete="SET NULL"
    )
    status: str = Field(default=Status.DRAFT.value, index=True)
    dateline: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    scheduled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    image_sha256: str | None = Field(default=None, foreign_key="asset.sha256", ondelete="SET NULL")
    image_alt: str = ""
    image_caption: str = ""
    image_credit: str = ""
    seo_description: str = ""
    editors_note: str = ""
    language: str = "en"
    pinned: bool = False
    word_count: int = Field(default=0, index=True)  # the library list sorts by it (0009)
    # Denormalised copies for the full-text index, kept by core.articles.
    tags_text: str = ""
    byline_text: str = ""
    version: int = 1
    # The newsroom's workflow (services.newsroom): the editorial stage, an embargo nothing
    # publishes or exports before, who the story is assigned to, its length and deadline.
    stage: str = Field(default="draft", index=True)
    updated_by: str = ""  # the desk that saved it last
    embargo_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    assignee: str = Field(default="", index=True)
    word_budget: int = 0
    deadline_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ArticleTag(SQLModel, table=True):
    __tablename__ = "article_tag"

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    tag_id: int = Field(foreign_key="tag.id", primary_key=True, ondelete="CASCADE", index=True)
    position: int = 0


class ArticleAuthor(SQLModel, table=True):
    __tablename__ = "article_author"

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    author_id: int = Field(
        foreign_key="author.id", primary_key=True, ondelete="CASCADE", index=True
    )
    position: int = 0


class ArticleAsset(SQLModel, table=True):
    """Which assets an article's body uses, so an asset in use is never pruned."""

    __tablename__ = "article_asset"

    article_id: int = Field(foreign_key="article.id", primary_key=True, ondelete="CASCADE")
    asset_sha256: str = Field(foreign_key="asset.sha256", primary_key=True, ondelete="CASCADE")


class SiteSetting(SQLModel, table=True):
    """Site settings as JSON values by key; core.settings gives them types and defaults."""

    __tablename__ = "site_setting"

    key: str = Field(primary_key=True)
    value: str


class PersonalWord(SQLModel, table=True):
    """A word the spell checker accepts because a person added it ("Add to dictionary")."""

    __tablename__ = "personal_word"

    word: str = Field(primary_key=True)
    language: str = Field(primary_key=True)  # "en", "de"…: the article language it was added in
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class RevisionKind(StrEnum):
    SAVE = "save"
    AUTOSAVE = "autosave"
    PUBLISH = "publish"
    RESTORE = "restore"
    IMPORT = "import"


class ArticleRevision(SQLModel, table=True):
    """A snapshot of an article's editable fields at one moment (core.revisions)."""

    __tablename__ = "article_revision"
    __table_args__ = (
        Index("ix_article_revision_article_created", "article_id", "created_at"),
        Index("ix_article_revision_article_number", "article_id", "number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    kind: str = RevisionKind.SAVE.value
    headline: str = ""
    standfirst: str = ""
    body: str = ""
    section: str | None = None
    tags_json: str = "[]"
    byline_json: str = "[]"
    dateline: str = ""
    status: str = Status.DRAFT.value
    # The remaining editable fields (image, notes, language…) as one JSON object.
    extra_json: str = "{}"
    word_count: int = 0
    summary: str = ""
    article_version: int = 0
    desk: str = ""  # who saved it: "Priya Raman" (core.desk)
    # 1, 2, 3… within its article (migration 0013): what history shows, diff and restore take.
    number: int = 0


class PublishTarget(SQLModel, table=True):
    """A place articles are published to. The secret is in the OS keyring, never here."""

    __tablename__ = "publish_target"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    kind: str
    url: str
    username: str = ""
    options: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class PublishJob(_OfArticle, table=True):
    """One publish/update/unpublish of an article to a target, waiting in the outbox or done."""

    __tablename__ = "publish_job"
    __table_args__ = (Index("ix_publish_job_status_next", "status", "next_attempt_at"),)

    target_id: int = Field(foreign_key="publish_target.id", index=True, ondelete="CASCADE")
    action: str
    post_status: str = ""
    force: bool = False
    status: str = Field(default="queued")
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    last_error: str = ""
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    # Which process is sending a "running" job (``core.liveness.claim_token``), so a job left
    # by a killed process is sent again at once instead of after ``STALE_RUNNING``.
    claimed_by: str = ""


class RemotePost(_OfArticle, table=True):
    """Where an article lives on a target: the remote id and URL, and what we last sent."""

    __tablename__ = "remote_post"
    __table_args__ = (UniqueConstraint("article_id", "target_id"),)

    target_id: int = Field(foreign_key="publish_target.id", index=True, ondelete="CASCADE")
    remote_id: str
    remote_url: str = ""
    remote_status: str = ""
    remote_modified: str = ""
    last_published_version: int = 0
    last_published_hash: str = ""
    last_published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    media: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class PublishLog(SQLModel, table=True):
    """What happened when publishing, per article and target, for people to read."""

    __tablename__ = "publish_log"

    id: int | None = Field(default=None, primary_key=True)
    time: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    article_id: int | None = Field(
        default=None, foreign_key="article.id", index=True, ondelete="SET NULL"
    )
    target_name: str = ""
    level: str = "info"
    message: str


class ArticleCorrection(_OfArticle, table=True):
    """A dated correction or update on an article: only ever added, never changed or removed."""

    __tablename__ = "article_correction"

    kind: str = "correction"  # correction | update
    text: str
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    desk: str = ""


class ArticleEvent(SQLModel, table=True):
    """Something that happened to an article in the newsroom (a stage change, an embargo set or
    lifted, an assignment, a publish), with who did it: the story's path."""

    __tablename__ = "article_event"
    __table_args__ = (Index("ix_article_event_article_created", "article_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    desk: str = ""
    kind: str
    old_value: str = ""
    new_value: str = ""
    message: str = ""


class ArticleNote(_OfArticle, table=True):
    """A note for the newsroom on an article: threaded by ``parent_id``, resolvable, never
    published or exported outside the library."""

    __tablename__ = "article_note"

    parent_id: int | None = Field(
        default=None, foreign_key="article_note.id", index=True, ondelete="CASCADE"
    )
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    desk: str = ""
    text: str
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    resolved_by: str = ""


class Presence(_OfArticle, table=True):
    """A desk that has an article open, kept alive by a heartbeat (services.presence)."""

    __tablename__ = "presence"
    __table_args__ = (UniqueConstraint("article_id", "client_id"),)

    client_id: str  # one per running app, so two windows of one desk are told apart
    desk: str = ""
    since: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    seen_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    taken_over_by: str = ""


class TrashItem(SQLModel, table=True):
    """An article moved to the Trash: its row and every row hanging on it, kept as one JSON
    snapshot (services.trash), so a trashed article is in no list, search, export or outbox
    and comes back whole on restore. ``article_id`` is the id it had, not a foreign key."""

    __tablename__ = "trash_item"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(index=True)
    uuid: str = Field(index=True, max_length=36)
    headline: str = ""
    slug: str = ""
    status: str = ""
    word_count: int = 0
    trashed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    snapshot: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class LibraryChange(SQLModel, table=True):
    """One row (id 1) whose ``seq`` grows with every change to what a site is made from
    (SQLite triggers of revision 0009): equal numbers mean nothing changed in between."""

    __tablename__ = "library_change"

    id: int | None = Field(default=None, primary_key=True)
    seq: int = 0


class SiteExport(SQLModel, table=True):
    """The state of the last static-site export into one folder (export/site.py)."""

    __tablename__ = "site_export"

    out_path: str = Field(primary_key=True)
    change_seq: int  # library_change.seq the export was made from
    state_key: str  # settings, theme, status and newsdesk version, hashed
    manifest_sha256: str  # the manifest it wrote into the folder
    files: int
    exported_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    state: str | None = None  # JSON: what a quick re-export needs beside the files (0016)


class SiteExportFile(SQLModel, table=True):
    """One file of an exported static site (revision 0016): its input fingerprint, how the
    export left it (size, modification time), how to make it again (``recipe``) and, for a
    page, its sitemap shard and date, so one edit re-renders its pages without planning the
    whole site. ``site`` is the folder's key (``export.site_index.site_key``)."""

    __tablename__ = "site_export_file"
    __table_args__ = (
        Index("ix_site_export_file_no", "site", "no", unique=True),
        # covering: a sitemap shard's pages are read from the index alone (revision 0019)
        Index("ix_site_export_file_shard", "site", "shard", "path", "lastmod"),
    )

    site: int = Field(
        primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False}
    )  # 63 bits: bigint (revision 0017)
    path: str = Field(primary_key=True)
    no: int  # the file's number in this site (what ``site_export_dep`` points at)
    fingerprint: str
    size: int = Field(sa_type=BigInteger)
    mtime_ns: int = Field(sa_type=BigInteger)
    shard: int = -1  # the sitemap shard listing this page; -1: not a page
    lastmod: str = ""  # the page's date in the sitemap (ISO), "" for none
    recipe: str  # JSON: what the page is made from (export.site_builder)


class SiteExportDep(SQLModel, table=True):
    """Which files of an exported site show an article (its page, cards, listings, feeds)."""

    __tablename__ = "site_export_dep"

    site: int = Field(
        primary_key=True, sa_type=BigInteger, sa_column_kwargs={"autoincrement": False}
    )
    article_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    no: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})


class SiteArticleChange(SQLModel, table=True):
    """The library change number at each article's latest change (triggers of revisions 0016
    and, on PostgreSQL, 0017); article 0 stands for a change to what every page shows (sections, tags, authors,
    assets, settings)."""

    __tablename__ = "site_article_change"

    article_id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    seq: int = Field(index=True)


class SiteLook(SQLModel, table=True):
    """A learned copy of a site's article page (newsdesk.looks): sanitised HTML whose file
    references read ``nd-look:<sha>.<ext>``, and the selectors of the article's parts.
    Several snapshots may share a name; the newest is the one in use."""

    __tablename__ = "site_look"
    __table_args__ = (Index("ix_site_look_name_taken", "name", "taken_at"),)

    id: int | None = Field(default=None, primary_key=True)
    name: str
    target_name: str = ""
    platform: str = "generic"
    source_url: str
    taken_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    html: str
    # part name -> CSS selector; detected ones, with the person's corrections on top
    parts: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    corrected: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class LookFile(SQLModel, table=True):
    """A stylesheet, font or theme image of a learned look, addressed by its SHA-256 like
    the library's assets (the same bytes are kept once across snapshots)."""

    __tablename__ = "look_file"

    sha256: str = Field(primary_key=True, max_length=64)
    media_type: str
    size: int
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    source_url: str = ""


class SiteLookFile(SQLModel, table=True):
    """Which files a snapshot uses (a file no snapshot uses can be dropped)."""

    __tablename__ = "site_look_file"

    look_id: int = Field(foreign_key="site_look.id", primary_key=True, ondelete="CASCADE")
    file_sha256: str = Field(
        foreign_key="look_file.sha256", primary_key=True, ondelete="CASCADE", index=True
    )
