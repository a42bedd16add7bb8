"""Everything the static site shows, loaded in a few bulk queries, with the related-article
modules worked out in memory exactly as ``core.pages.related_articles`` picks them."""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from newsdesk.core.pages import MORE_FROM_SECTION, MOST_POPULAR, READ_MORE
from newsdesk.domain.record import ArticleRecord, Correction
from newsdesk.domain.status import Status
from newsdesk.export.site_db import Db, in_list, utc
from newsdesk.render.body_html import stored_or_rendered

if TYPE_CHECKING:
    from sqlmodel import Session

_META_COLUMNS = (
    "id", "uuid", "slug", "headline", "standfirst", "section_id", "status", "published_at",
    "updated_at", "created_at", "image_sha256", "image_alt", "pinned", "version",
)  # fmt: skip
# The rest of an ArticleRecord, loaded only for the pages that are (re)written. Not the
# Markdown ``body``: pages and feeds show ``body_html`` (the body is a third of the bytes read).
_FULL_COLUMNS = (
    "id", "body_html", "dateline", "scheduled_at", "image_caption", "image_credit",
    "seo_description", "editors_note", "language", "word_count", "embargo_at",
)  # fmt: skip


class MetaRow(NamedTuple):
    """An article's ``_META_COLUMNS`` as the ORM gives them (aware datetimes, a bool pin)."""

    id: int
    uuid: str
    slug: str
    headline: str
    standfirst: str
    section_id: int | None
    status: str
    published_at: datetime | None
    updated_at: datetime | None
    created_at: datetime | None
    image_sha256: str | None
    image_alt: str
    pinned: bool
    version: int


def _meta_row(r: Any) -> MetaRow:
    return MetaRow(
        r[0], r[1], r[2], r[3], r[4], r[5], r[6], utc(r[7]), utc(r[8]), utc(r[9]), r[10], r[11],
        bool(r[12]), r[13],
    )  # fmt: skip


class SectionRow(NamedTuple):
    """A section as the site shows it: a plain tuple, read thousands of times per export (an
    ORM object's attributes go through SQLAlchemy's instrumentation each time)."""

    id: int
    name: str
    slug: str
    position: int
    description: str


def _ts(moment: datetime | None) -> float:
    return moment.timestamp() if moment else 0.0


@dataclass
class SiteData:
    """Rows by id, taxonomy, and per-article tags, byline and related-article ids."""

    sections: dict[int, SectionRow]
    meta: dict[int, Any]  # id -> row with the _META attributes
    pages: list[int]  # ids of the articles that get a page, newest first
    tags: dict[int, tuple[str, str]]  # tag id -> (name, slug)
    article_tags: dict[int, list[int]] = field(default_factory=dict)
    bylines: dict[int, list[str]] = field(default_factory=dict)
    published: list[int] = field(default_factory=list)  # newest first, as the renderer orders
    popular_order: list[int] = field(default_factory=list)  # Most popular, one spare

    def token(self, article_id: int) -> str:
        """What changes whenever anything the article shows changes (every save bumps version)."""
        return self._tokens[article_id]

    def _token(self, article_id: int) -> str:
        row = self.meta[article_id]
        return f"{article_id}:{row.version}:{row.updated_at.isoformat() if row.updated_at else ''}"

    def related(self, article_id: int) -> dict[str, list[int]]:
        return self._related[article_id]

    def compute_related(self) -> None:
        """Read more (shared tags first, then section), More from <section>, Most popular."""
        rank = {aid: i for i, aid in enumerate(self.published)}
        by_tag: dict[int, list[int]] = defaultdict(list)
        by_section: dict[int, list[int]] = defaultdict(list)
        for aid in self.published:
            for tid in self.article_tags.get(aid, ()):
                by_tag[tid].append(aid)
            sid = self.meta[aid].section_id
            if sid is not None:
                by_section[sid].append(aid)
        popular_order = sorted(self.published, key=lambda a: (not self.meta[a].pinned, rank[a]))[
            : MOST_POPULAR + 1
        ]
        self.popular_order = popular_order
        self._related: dict[int, dict[str, list[int]]] = {}
        self._tokens = {aid: self._token(aid) for aid in self.meta}
        pairs = _pair_index(self.published, self.article_tags)
        for aid in self.pages:
            tids = self.article_tags.get(aid, ())
            read_more = _read_more(aid, tids, by_tag, rank, pairs)
            sid = self.meta[aid].section_id
            same = []
            if sid is not None:
                same = [
                    a
                    for a in by_section.get(sid, [])[: READ_MORE + MORE_FROM_SECTION + 1]
                    if a != aid
                ]
                same = same[: READ_MORE + MORE_FROM_SECTION]
            seen = {aid, *read_more}
            for other in same:
                if len(read_more) >= READ_MORE:
                    break
                if other not in seen:
                    read_more.append(other)
                    seen.add(other)
            more_from = [a for a in same if a not in seen][:MORE_FROM_SECTION]
            popular = [a for a in popular_order if a != aid][:MOST_POPULAR]
            self._related[aid] = {
                "read_more": read_more,
                "more_from_section": more_from,
                "most_popular": popular,
            }

    def tag_slugs(self, article_id: int) -> list[tuple[str, str]]:
        return [self.tags[t] for t in self.article_tags.get(article_id, ())]

    def fingerprint(self, article_id: int) -> str:
        """The article page's inputs: itself, its tags, and every card it shows."""
        related = self._related[article_id]
        tokens = self._tokens
        parts = [tokens[article_id], repr(self.tag_slugs(article_id))]
        for key in ("read_more", "more_from_section", "most_popular"):
            parts += [tokens[a] for a in related[key]]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


_NONE: tuple[int, ...] = ()


def _pair_index(published: list[int], article_tags: dict[int, list[int]]) -> dict[Any, list[int]]:
    """For each two distinct tags that some published article has both of, those articles,
    in the order of ``published`` (newest first), each once."""
    pairs: dict[Any, list[int]] = defaultdict(list)
    for aid in published:
        tids = article_tags.get(aid, ())
        found = {
            (a, b) if a < b else (b, a) for i, a in enumerate(tids) for b in tids[i + 1 :] if a != b
        }
        for pair in found:
            pairs[pair].append(aid)
    return dict(pairs)


def _sharing_two(
    tids: list[int] | tuple[()], sets: list[frozenset[int]], pairs: dict[Any, list[int]]
) -> set[int]:
    """The published articles having two of ``tids`` (``sets[i]`` holds those with ``tids[i]``):
    what intersecting every two of ``sets`` gives, read from the pair index (intersecting
    tag sets of hundreds of articles for every page was most of the planning of a site)."""
    multi: set[int] = set()
    for i in range(len(tids)):
        for j in range(i + 1, len(tids)):
            a, b = tids[i], tids[j]
            if a == b:  # a tag listed twice: every article with it
                multi |= sets[i]
            else:
                multi.update(pairs.get((a, b) if a < b else (b, a), _NONE))
    return multi


def _read_more(
    aid: int,
    tids: list[int] | tuple[()],
    by_tag: dict[int, list[int]],
    rank: dict[int, int],
    pairs: dict[Any, list[int]],
) -> list[int]:
    """Up to READ_MORE articles sharing the most tags with ``aid``, newest first among equals
    (what ``_shared_tags`` picks). Those sharing two tags or more grow with the site (tens
    per page at 100,000 articles, each ranked in Python: 2.9 million sort keys, most of the
    site's planning); here they are counted in C, and only the few sharing three or more and
    the newest of each pair's list are ranked."""
    lists = [by_tag[t] for t in tids]
    if len(set(tids)) != len(tids):  # a tag listed twice: the general way
        sets = [frozenset(ids) for ids in lists]
        return _shared_tags(aid, lists, sets, rank, _sharing_two(tids, sets, pairs))
    found = [
        pairs[key]
        for i, a in enumerate(tids)
        for b in tids[i + 1 :]
        if (key := (a, b) if a < b else (b, a)) in pairs
    ]
    # How many of the pair lists hold each article: C(k, 2) for an article sharing k tags,
    # so ranking by it ranks by k.
    counts: Counter[int] = Counter()
    for ids in found:
        counts.update(ids)
    own = counts.pop(aid, 0)
    heavy: list[int] = []
    if sum(map(len, found)) - own > len(counts):  # someone is in two lists: shares 3+ tags
        heavy = [a for a, n in counts.items() if n > 1]
    picked = sorted(heavy, key=lambda a: (-counts[a], rank[a]))[:READ_MORE]
    need = READ_MORE - len(picked)
    if need > 0:
        newest: list[int] = []  # each list is newest first: its first few suffice
        for ids in found:
            taken = 0
            for a in ids:
                if counts.get(a) == 1:
                    newest.append(a)
                    taken += 1
                    if taken >= need:
                        break
        picked += sorted(newest, key=rank.__getitem__)[:need]
    return picked + _sharing_one(aid, lists, rank, counts, READ_MORE - len(picked))


def _sharing_one(
    aid: int,
    lists: list[list[int]],
    rank: dict[int, int],
    multi: Collection[int],
    need: int,
) -> list[int]:
    """The ``need`` newest articles having one of ``lists``' tags and not in ``multi``."""
    if need <= 0:
        return []
    singles: list[int] = []
    for items in lists:
        taken = 0
        for a in items:
            if a != aid and a not in multi:
                singles.append(a)
                taken += 1
                if taken >= need:
                    break
    return sorted(set(singles), key=rank.__getitem__)[:need]


def _shared_tags(
    aid: int,
    lists: list[list[int]],
    sets: list[frozenset[int]],
    rank: dict[int, int],
    multi: set[int],
) -> list[int]:
    """Up to READ_MORE articles sharing the most tags with ``aid``, newest first among equals.

    ``lists`` are the tags' articles, each newest first, ``sets`` the same as sets, and
    ``multi`` those sharing two of them or more (``_sharing_two``; changed here). Few
    candidates share several tags; the rest share one, and the newest of those are at the
    front of the lists."""
    multi.discard(aid)
    picked = sorted(multi, key=lambda a: (-sum(a in s for s in sets), rank[a]))[:READ_MORE]
    return picked + _sharing_one(aid, lists, rank, multi, READ_MORE - len(picked))


def _order_key(row: Any) -> tuple[bool, float, int]:
    # SQLite sorts NULL last under DESC; newest first, then by id.
    return (row.published_at is None, -_ts(row.published_at), row.id)


def load_site_data(source: Session | Db, status: str, now: datetime | None = None) -> SiteData:
    """What the site shows. An embargoed article (embargo after ``now``) is left out entirely:
    no page, no card, no feed entry.

    Plain SQL, the same over a session (the app, PostgreSQL) and over a plain ``sqlite3``
    connection (``newsdesk export site`` without the ORM: ``services.site_full``); rows are
    made what the ORM gives (``MetaRow``: aware datetimes, a bool pin)."""
    from newsdesk.export.site_db import db_of

    db = db_of(source)
    moment = now or datetime.now(UTC).replace(microsecond=0)
    rows = [
        _meta_row(r)
        for r in db.rows(
            f"SELECT {', '.join(_META_COLUMNS)} FROM article"
            " WHERE embargo_at IS NULL OR embargo_at <= ?",
            (db.time(moment),),
        )
    ]
    meta = {row.id: row for row in rows}
    ordered = sorted(rows, key=_order_key)
    tags = {tid: (name, slug) for tid, name, slug in db.rows("SELECT id, name, slug FROM tag")}
    article_tags: dict[int, list[int]] = defaultdict(list)
    for aid, tid in db.rows(
        "SELECT article_id, tag_id FROM article_tag ORDER BY article_id, position"
    ):
        article_tags[aid].append(tid)
    bylines: dict[int, list[str]] = defaultdict(list)
    for aid, name in db.rows(
        "SELECT aa.article_id, a.name FROM article_author aa JOIN author a ON a.id = aa.author_id"
        " ORDER BY aa.article_id, aa.position"
    ):
        bylines[aid].append(name)
    data = SiteData(
        sections=_sections(db),
        meta=meta,
        pages=[r.id for r in ordered if r.status == status],
        tags=tags,
        article_tags=dict(article_tags),
        bylines=dict(bylines),
        published=[r.id for r in ordered if r.status == Status.PUBLISHED.value],
    )
    data.compute_related()
    return data


def _sections(db: Db) -> dict[int, SectionRow]:
    return {
        r[0]: SectionRow(*r)
        for r in db.rows(
            "SELECT id, name, slug, position, description FROM section ORDER BY position, name"
        )
    }


def load_partial(
    source: Session | Db,
    ids: set[int],
    related: dict[int, tuple[list[int], list[int]]],
    popular: list[int],
) -> SiteData:
    """What some pages of an exported site show, for a re-export of those pages alone:
    the given articles' rows, their tags and bylines, and the related modules (read more,
    more from the section) the site was planned with; ``popular`` is the Most popular order."""
    from newsdesk.export.site_db import db_of

    db = db_of(source)
    sections = _sections(db)
    wanted = sorted(ids | set(popular))
    meta: dict[int, Any] = {}
    article_tags: dict[int, list[int]] = defaultdict(list)
    bylines: dict[int, list[str]] = defaultdict(list)
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for r in db.rows(
            f"SELECT {', '.join(_META_COLUMNS)} FROM article WHERE {in_list('id', chunk)}"
        ):
            meta[r[0]] = _meta_row(r)
        for aid, tid in db.rows(
            f"SELECT article_id, tag_id FROM article_tag WHERE {in_list('article_id', chunk)}"
            " ORDER BY article_id, position"
        ):
            article_tags[aid].append(tid)
        for aid, name in db.rows(
            "SELECT aa.article_id, a.name FROM article_author aa JOIN author a"
            f" ON a.id = aa.author_id WHERE {in_list('aa.article_id', chunk)}"
            " ORDER BY aa.article_id, aa.position"
        ):
            bylines[aid].append(name)
    tags = {tid: (name, slug) for tid, name, slug in db.rows("SELECT id, name, slug FROM tag")}
    data = SiteData(sections, meta, [], tags, dict(article_tags), dict(bylines), [])
    data.popular_order = list(popular)
    data._tokens = {aid: data._token(aid) for aid in meta}
    data._related = {
        aid: {
            "read_more": list(read_more),
            "more_from_section": list(more_from),
            "most_popular": [a for a in popular if a != aid][:MOST_POPULAR],
        }
        for aid, (read_more, more_from) in related.items()
    }
    return data


def _utc_given(value: Any) -> datetime:
    moment = utc(value)
    assert moment is not None  # a NOT NULL column
    return moment


def load_records(db: Db, data: SiteData, ids: list[int]) -> dict[int, ArticleRecord]:
    """Records for the given articles, built from bulk queries (no per-article queries); their
    Markdown ``body`` is left empty (the site shows ``body_html``)."""
    out: dict[int, ArticleRecord] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        full = db.rows(
            f"SELECT {', '.join(_FULL_COLUMNS)} FROM article WHERE {in_list('id', chunk)}"
        )
        corrections: dict[int, list[Correction]] = defaultdict(list)
        for aid, kind, text, created, desk in db.rows(
            "SELECT article_id, kind, text, created_at, desk FROM article_correction"
            f" WHERE {in_list('article_id', chunk)} ORDER BY created_at, id"
        ):
            corrections[aid].append(Correction(kind, text, _utc_given(created), desk))
        unrendered = [row[0] for row in full if not row[1]]  # see bulk imports
        bodies: dict[int, str] = {}
        if unrendered:
            bodies = dict(
                db.rows(f"SELECT id, body FROM article WHERE {in_list('id', unrendered)}")
            )
        for (
            aid,
            body_html,
            dateline,
            scheduled,
            caption,
            credit,
            seo,
            note,
            lang,
            words,
            embargo,
        ) in full:
            m = data.meta[aid]
            section = data.sections.get(m.section_id) if m.section_id else None
            out[aid] = ArticleRecord(
                headline=m.headline, standfirst=m.standfirst,
                section=section.name if section else None,
                tags=[name for name, _slug in data.tag_slugs(aid)],
                byline=list(data.bylines.get(aid, [])), dateline=dateline,
                status=m.status, slug=m.slug, published_at=m.published_at,
                scheduled_at=utc(scheduled), image_sha256=m.image_sha256,
                image_alt=m.image_alt, image_caption=caption,
                image_credit=credit, seo_description=seo,
                editors_note=note, embargo_at=utc(embargo),
                corrections=corrections.get(aid, []),
                language=lang, pinned=m.pinned, id=aid, uuid=m.uuid,
                version=m.version, created_at=m.created_at, updated_at=m.updated_at,
                word_count=words,
                body_html=stored_or_rendered(bodies.get(aid, ""), body_html),
                section_slug=section.slug if section else None,
            )  # fmt: skip
    return out
