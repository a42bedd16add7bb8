"""The static site's export state, kept in the library (table ``site_export``, revisions 0009
and 0016).

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
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import Session, col, select

from newsdesk import __version__
from newsdesk.core.settings import SiteSettings
from newsdesk.export.site_files import MANIFEST, manifest_bytes
from newsdesk.export.site_index import site_key
from newsdesk.storage.models import Article, SiteExport
from newsdesk.storage.types import utcnow


@dataclass
class Known:
    """What the library knows of a folder's last export."""

    row: SiteExport
    site: int  # the folder's key in site_export_file / site_export_dep
    digest: str  # of the files' list, as in the folder's manifest
    state: dict[str, Any]


def change_seq(session: Session) -> int | None:
    """The library's change number; None where it is not kept (a PostgreSQL library)."""
    conn = session.connection()
    if conn.dialect.name != "sqlite":
        return None
    try:
        row = conn.exec_driver_sql("SELECT seq FROM library_change WHERE id = 1").first()
    except (OperationalError, ProgrammingError):
        return None
    return int(row[0]) if row is not None else None


def state_key(settings: SiteSettings, theme_hash: str, status: str) -> str:
    return hashlib.sha256(
        repr((__version__, asdict(settings), theme_hash, status)).encode()
    ).hexdigest()


def _manifest_digest(target: Path) -> str | None:
    try:
        return hashlib.sha256((target / MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return None


def known(session: Session, target: Path, key: str, digest: str | None) -> Known | None:
    """The library's record of ``target`` when it describes the folder as it is (same
    settings, theme, status and version; the manifest in the folder the one it wrote)."""
    if digest is None:
        return None
    row = session.get(SiteExport, str(target))
    if row is None or row.state is None or row.state_key != key:
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


def embargo_ended(session: Session, since: str, now: datetime) -> bool:
    """Whether an article's embargo ended between ``since`` and ``now`` (its pages appear)."""
    try:
        moment = datetime.fromisoformat(since)
    except ValueError:
        return True
    ended = select(Article.id).where(
        col(Article.embargo_at) > moment, col(Article.embargo_at) <= now
    )
    return session.exec(ended.limit(1)).first() is not None


def unchanged(session: Session, known: Known, seq: int | None, now: datetime) -> bool:
    """True when nothing the site shows changed since the export ``known`` describes."""
    if seq is None or known.row.change_seq != seq:
        return False
    return not embargo_ended(session, str(known.state.get("moment", "")), now)


def remember(
    session: Session, target: Path, seq: int, key: str, files: int, state: dict[str, Any]
) -> None:
    """Record the export just finished (in the caller's transaction), with the digest of the
    manifest it wrote (not read back: a patch may be rolled forward later)."""
    digest = hashlib.sha256(manifest_bytes(str(state["digest"]))).hexdigest()
    row = session.get(SiteExport, str(target)) or SiteExport(
        out_path=str(target), change_seq=seq, state_key=key, manifest_sha256=digest, files=files
    )
    row.change_seq, row.state_key, row.manifest_sha256, row.files = seq, key, digest, files
    row.state = json.dumps(state)
    row.exported_at = utcnow()
    session.add(row)
    session.flush()
