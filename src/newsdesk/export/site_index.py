"""Every file of an exported static site, kept in the library (tables of revision 0016).

For each output folder: each file's input fingerprint, its stamp as the export left it, its
recipe (what it is made from), its sitemap shard and date, and which articles it shows. With
the per-article change numbers the triggers keep, a re-export after one edit finds the files
that show the edited article with one indexed query, and no whole-site planning happens.

The folder's manifest holds only a digest of the (path, fingerprint) list; the library's copy
is used only while the digests agree (anything else rebuilds the site whole).
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Iterable
from itertools import islice
from pathlib import Path
from typing import Any, NamedTuple

from newsdesk.core.safe_paths import Stamp
from newsdesk.export.site_db import Db

MODULUS = 1 << 256


def site_key(target: Path) -> int:
    """The folder's key in the library's tables (63 bits of its path's digest)."""
    return int.from_bytes(hashlib.sha256(str(target).encode()).digest()[:8], "big") >> 1


def entry_hash(path: str, fingerprint: str) -> int:
    return int.from_bytes(hashlib.sha256(f"{path}\0{fingerprint}".encode()).digest(), "big")


def plan_digest(items: Iterable[tuple[str, str]]) -> int:
    """An order-free digest of (path, fingerprint) pairs: a sum, so one changed file updates
    it without reading the others."""
    return sum(entry_hash(p, fp) for p, fp in items) % MODULUS


def token(digest: int) -> str:
    return f"{digest:064x}"


class FileRow(NamedTuple):
    """A file of an exported site as the library keeps it (a named tuple: made for each
    file a re-export reads, and cheaper to define than a dataclass)."""

    no: int
    path: str
    fingerprint: str
    size: int
    mtime_ns: int
    shard: int
    lastmod: str
    recipe: list[Any]


def load_stamps(db: Db, site: int) -> tuple[dict[str, str], dict[str, Stamp]]:
    """Every file the folder's last export wrote: fingerprints and stamps."""
    rows = db.rows(
        "SELECT path, fingerprint, size, mtime_ns FROM site_export_file WHERE site = ?", (site,)
    )
    return {p: fp for p, fp, _s, _m in rows}, {p: (s, m) for p, _fp, s, m in rows}


class Prepared(NamedTuple):
    """A folder's files made ready to record (``prepare``): their rows, stamps to come, and
    for each article the numbers of the files that show it."""

    site: int
    rows: list[list[Any]]
    shown_in: dict[int, array[int]]


def prepare(
    site: int,
    files: Iterable[tuple[str, str, int, str, list[Any]]],
    deps: dict[str, list[int]],
) -> Prepared:
    """The folder's files made ready to record, without the library (an export does it while
    its workers render, and holds no write lock meanwhile): ``files`` gives (path,
    fingerprint, shard, date, recipe) each, in the order they are numbered. The articles each
    file shows are gathered per article, in compact arrays of file numbers."""
    rows: list[list[Any]] = []
    shown_in: dict[int, array[int]] = {}  # article -> the numbers of the files showing it
    for no, (path, fp, shard, lastmod, recipe) in enumerate(files):
        rows.append([site, path, no, fp, -1, -1, shard, lastmod, _dump(recipe)])
        for aid in set(deps.get(path, ())):
            found = shown_in.get(aid)
            if found is None:
                shown_in[aid] = found = array("q")
            found.append(no)
    return Prepared(site, rows, shown_in)


def save(db: Db, ready: Prepared, stamps: dict[str, Stamp]) -> None:
    """Replace the folder's files with those ``prepare`` made ready, each with the stamp it
    has as written (a file without one is recorded unknown, -1, and rendered again next time).

    The articles each file shows are written last, in the order of the table's key: written
    file by file, each row landed at a random place in the key's index, and at 100,000
    articles (1.2 million rows, an index far larger than SQLite's page cache) most of the
    time went to pages read and spilled again."""
    site, rows, shown_in = ready
    forget(db, site)
    for start in range(0, len(rows), SAVE_BATCH):
        batch = rows[start : start + SAVE_BATCH]
        for row in batch:
            row[4], row[5] = stamps.get(row[1], (-1, -1))
        db.run_many(
            "INSERT INTO site_export_file (site, path, no, fingerprint, size, mtime_ns, shard,"
            " lastmod, recipe) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            batch,
        )
    dep_rows = ((site, aid, no) for aid in sorted(shown_in) for no in shown_in[aid])
    while deps := list(islice(dep_rows, DEP_BATCH)):
        db.run_many("INSERT INTO site_export_dep (site, article_id, no) VALUES (?, ?, ?)", deps)


SAVE_BATCH = 5_000  # file rows per statement
DEP_BATCH = 50_000  # (folder, article, file) rows per statement


def forget(db: Db, site: int) -> None:
    db.run("DELETE FROM site_export_dep WHERE site = ?", (site,))
    db.run("DELETE FROM site_export_file WHERE site = ?", (site,))


_COMPACT = json.JSONEncoder(separators=(",", ":"))  # one encoder, not one per file


def _dump(recipe: list[Any]) -> str:
    return _COMPACT.encode(recipe)


_ROW = "f.no, f.path, f.fingerprint, f.size, f.mtime_ns, f.shard, f.lastmod, f.recipe"


def showing(db: Db, site: int, article_ids: list[int]) -> list[FileRow]:
    """The files that show any of the articles. Written as a subquery so that the few
    dependency rows drive the lookup: as a join, SQLite walked every file of the site
    (60 ms at 100,000 articles, most of a one-edit re-export)."""
    return _select(
        db,
        "SELECT {row} FROM site_export_file f WHERE f.site = ? AND f.no IN"
        " (SELECT d.no FROM site_export_dep d WHERE d.site = ? AND d.article_id IN ({marks}))",
        (site, site),
        article_ids,
    )


def by_paths(db: Db, site: int, paths: list[str]) -> list[FileRow]:
    return _select(
        db, "SELECT {row} FROM site_export_file f WHERE f.site = ? AND f.path IN ({marks})",
        (site,), paths,
    )  # fmt: skip


def _select(db: Db, sql: str, head: tuple[int, ...], keys: list[Any]) -> list[FileRow]:
    """The folder's files the query finds for ``keys`` (none for no keys); ``head``: the
    parameters before them."""
    if not keys:
        return []
    found = db.rows(sql.format(row=_ROW, marks=",".join("?" * len(keys))), (*head, *keys))
    return [FileRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7])) for r in found]


def shard_pages(db: Db, site: int, shard: int) -> list[tuple[str, str]]:
    """The pages of a sitemap shard: (path, date)."""
    return [
        (p, m)
        for p, m in db.rows(
            "SELECT path, lastmod FROM site_export_file WHERE site = ? AND shard = ?",
            (site, shard),
        )
    ]


def update(db: Db, site: int, changed: list[tuple[str, str, Stamp, str]]) -> None:
    """Record files written again: (path, fingerprint, stamp, date)."""
    if changed:
        db.run_many(
            "UPDATE site_export_file SET fingerprint = ?, size = ?, mtime_ns = ?, lastmod = ?"
            " WHERE site = ? AND path = ?",
            [(fp, st[0], st[1], lastmod, site, path) for path, fp, st, lastmod in changed],
        )


def changed_since(db: Db, seq: int) -> list[int]:
    """The articles changed after library change number ``seq`` (0: something every page
    may show)."""
    return [
        r[0] for r in db.rows("SELECT article_id FROM site_article_change WHERE seq > ?", (seq,))
    ]
