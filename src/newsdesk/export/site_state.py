"""The static site's export state, kept in the library (table ``site_export``, revision 0009).

After each export the library records, for that output folder, the library's change number
(``library_change.seq``, bumped by triggers on everything a site is made from), a key of the
settings, theme, status and newsdesk version, and the digest of the manifest written. A
re-export that finds all three unchanged, the manifest on disk the one recorded and every file
as the export left it (size and modification time, as ``safe_paths`` stamps them) has nothing
to do — known from one row and a stat per file, without loading or planning the site.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from pathlib import Path

from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlmodel import Session

from newsdesk import __version__
from newsdesk.core.safe_paths import stamp_of
from newsdesk.core.settings import SiteSettings
from newsdesk.export.site_files import MANIFEST, OldSite
from newsdesk.storage.models import SiteExport
from newsdesk.storage.types import utcnow


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


def unchanged(session: Session, target: Path, seq: int | None, key: str, old: OldSite) -> bool:
    """True when the site in ``target`` is exactly what exporting now would write."""
    if seq is None or not old.files:
        return False
    row = session.get(SiteExport, str(target))
    if row is None or row.change_seq != seq or row.state_key != key:
        return False
    if _manifest_digest(target) != row.manifest_sha256 or row.files != len(old.files):
        return False
    root = f"{target}/"
    stamps = old.stamps
    return all(
        (stamp := stamp_of(root + path)) is not None and stamp == stamps.get(path)
        for path in old.files
    )  # a file someone changed or removed is written again by the full check


def remember(session: Session, target: Path, seq: int | None, key: str, files: int) -> None:
    """Record the export just finished (in the caller's transaction)."""
    digest = _manifest_digest(target)
    if seq is None or digest is None:
        return
    row = session.get(SiteExport, str(target)) or SiteExport(
        out_path=str(target), change_seq=seq, state_key=key, manifest_sha256=digest, files=files
    )
    row.change_seq, row.state_key, row.manifest_sha256, row.files = seq, key, digest, files
    row.exported_at = utcnow()
    session.add(row)
    session.flush()
