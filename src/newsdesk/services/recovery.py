"""``library recover``: copy what can be read of a damaged library file into a new one. The
damaged library is never opened the usual way (no migration, no sample), only read."""

from __future__ import annotations

from pathlib import Path

from newsdesk.errors import UserError
from newsdesk.paths import resolve_paths
from newsdesk.storage.recover import RecoverReport, recover_library


def recover_library_file(db: str | None, basedir: str | None, out: Path) -> RecoverReport:
    """Recover the library ``--db``/``--basedir`` name into the new file ``out``."""
    paths = resolve_paths(db, basedir)
    if paths.db_url is not None:
        raise UserError("recover works on a library file; a database server has its own tools")
    return recover_library(paths.db_path, out.expanduser().resolve())
