"""The static site's export state, kept in the library (table ``site_export``, revisions 0009,
0016 and, for PostgreSQL, 0017).

After each export the library records, for that output folder, the library's change number
(``library_change.seq``, bumped by triggers on everything a site is made from), a key of the
settings, theme, status and newsdesk version, the digest of the files' list (also in the
folder's manifest) and what a quick re-export needs (``state``). A re-export that finds the
key and digest unchanged trusts the library's list of the folder's files (``site_index``):
with the same change number and no embargo ended since, it has nothing to do — known from one
row, without loading, planning or reading the site.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

from newsdesk import __version__
from newsdesk.core.settings import SiteSettings
from newsdesk.export.site_db import Db
from newsdesk.export.site_files import MANIFEST, manifest_bytes
from newsdesk.export.site_index import forget, site_key


class ExportRow(NamedTuple):
    """The library's row for a folder (table ``site_export``)."""

    change_seq: int
    state_key: str
    manifest_sha256: str
    files: int
    state: str | None


class Known(NamedTuple):
    """What the library knows of a folder's last export."""

    row: ExportRow
    site: int  # the folder's key in site_export_file / site_export_dep
    digest: str  # of the files' list, as in the folder's manifest
    state: dict[str, Any]


def change_seq(db: Db) -> int | None:
    """The library's change number (kept by triggers on SQLite and PostgreSQL alike)."""
    rows = db.rows("SELECT seq FROM library_change WHERE id = 1")
    return int(rows[0][0]) if rows else None


def state_key(settings: SiteSettings, theme_hash: str, status: str) -> str:
    return hashlib.sha256(
        repr((__version__, asdict(settings), theme_hash, status)).encode()
    ).hexdigest()


def _manifest_digest(target: Path) -> str | None:
    try:
        return hashlib.sha256((target / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return None


def known(db: Db, target: Path, key: str, digest: str | None) -> Known | None:
    """The library's record of ``target`` when it describes the folder as it is (same
    settings, theme, status and version; the manifest in the folder the one it wrote)."""
    if digest is None:
        return None
    found = db.rows(
        "SELECT change_seq, state_key, manifest_sha256, files, state FROM site_export"
        " WHERE out_path = ?",
        (str(target),),
    )
    if not found:
        return None
    row = ExportRow(*found[0])
    if row.state is None or row.state_key != key:
        return None
    try:
        state = json.loads(row.state)
    except ValueError:
        return None
    if not isinstance(state, dict) or state.get("digest") != digest:
        return None
    if _manifest_digest(target) != row.manifest_sha256:
        return None
    return Known(row, site_key(target), digest, state)


def embargo_ended(db: Db, since: str, now: datetime) -> bool:
    """Whether an article's embargo ended between ``since`` and ``now`` (its pages appear)."""
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        return True
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return bool(
        db.rows(
            "SELECT 1 FROM article WHERE embargo_at > ? AND embargo_at <= ? LIMIT 1",
            (db.time(moment), db.time(now)),
        )
    )


def unchanged(db: Db, known: Known, seq: int | None, now: datetime) -> bool:
    """True when nothing the site shows changed since the export ``known`` describes."""
    if seq is None or known.row.change_seq != seq:
        return False
    return not embargo_ended(db, str(known.state.get("moment", "")), now)


def remember(db: Db, target: Path, seq: int, key: str, files: int, state: dict[str, Any]) -> None:
    """Record the export just finished (in the caller's transaction), with the digest of the
    manifest it wrote (not read back: a patch may be rolled forward later)."""
    digest = hashlib.sha256(manifest_bytes(str(state["digest"]))).hexdigest()
    db.run(
        "INSERT INTO site_export (out_path, change_seq, state_key, manifest_sha256, files,"
        " exported_at, state) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (out_path) DO UPDATE SET"
        " change_seq = excluded.change_seq, state_key = excluded.state_key,"
        " manifest_sha256 = excluded.manifest_sha256, files = excluded.files,"
        " exported_at = excluded.exported_at, state = excluded.state",
        (
            str(target), seq, key, digest, files,
            db.time(datetime.now(UTC).replace(microsecond=0)), json.dumps(state),
        ),
    )  # fmt: skip


def forget_gone(db: Db, target: Path) -> int:
    """Forget every folder but ``target`` that the library recorded and that holds no site any
    more (deleted, moved, emptied): the records of each folder ever exported to (a row per
    file, and per file and article shown, 14,000 rows for a 1,000-article site) would
    otherwise stay in the library for good. Not in a library other machines share: a folder
    missing here may be someone else's. A folder on a drive that is not mounted is forgotten
    too; its next export is then a whole one. Returns how many were forgotten."""
    if db.shared:
        return 0
    gone = [
        out_path
        for (out_path,) in db.rows(
            "SELECT out_path FROM site_export WHERE out_path <> ?", (str(target),)
        )
        if not os.path.exists(os.path.join(out_path, MANIFEST))
    ]
    for out_path in gone:
        forget(db, site_key(Path(out_path)))
        db.run("DELETE FROM site_export WHERE out_path = ?", (out_path,))
    return len(gone)
