"""``export site`` with nothing to do, told from a current library file with the standard
library alone (``export.site_lean``): the command's start-up is most of its time then."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def unchanged_site(
    db: str | None, basedir: str | None, out: Path, status: str, base_url: str | None
) -> dict[str, Any] | None:
    """The export's report when nothing needs doing; None when the full way must tell."""
    from newsdesk.export.site_lean import unchanged
    from newsdesk.paths import resolve_paths
    from newsdesk.storage.quick import open_current

    paths = resolve_paths(db, basedir)
    if paths.db_url is not None:
        return None
    conn = open_current(paths.db_path)
    if conn is None:
        return None
    try:
        return unchanged(conn, out, status, base_url)
    finally:
        conn.close()
