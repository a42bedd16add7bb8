"""The services context: one object holding what a run of newsdesk works with.

Created explicitly by the CLI or the GUI and passed down; nothing is created at import time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from newsdesk.core.desk import current_desk
from newsdesk.paths import Paths, resolve_paths, resources_dir
from newsdesk.storage.db import transaction
from newsdesk.storage.failures import explain
from newsdesk.storage.health import CheckMemory
from newsdesk.storage.library import Library, open_library


@dataclass
class AppContext:
    paths: Paths
    library: Library
    resources: Path
    # Who is working ("Priya Raman"): every revision, stage change, note and publish made
    # through this context records it (core.desk).
    desk: str = ""

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A transaction: committed when the block ends, rolled back on any error. A failure
        of the database a person can act on (disk full, read-only, damaged) is a
        ``LibraryError`` that names the library, never the SQL or the article's text."""
        from sqlalchemy.exc import DBAPIError

        try:
            with transaction(self.library.session_factory) as session:
                session.info["desk"] = self.desk
                yield session
        except DBAPIError as exc:
            lib = self.library
            explained = explain(exc, lib.path, damage=lib.damage)
            if explained is None:
                raise
            if lib.checks is not None and lib.path is not None and "damaged" in str(explained):
                lib.checks.remember(lib.path, False)  # check it again at the next open
            raise explained from None

    def damage_warning(self) -> str | None:
        """What a person should know about a library file found damaged when it was opened
        (it opened anyway, read-only where needed); None for a healthy one."""
        if self.library.damage is None or self.library.path is None:
            return None
        from newsdesk.storage.library import damaged_message

        return damaged_message(self.library.path, self.library.damage)

    def close(self) -> None:
        from newsdesk.core.search_server import close_server

        close_server(self.library.engine)  # its reader goes before the library's last writer
        self.library.close()


def open_library_context(db: str | None = None, basedir: str | None = None) -> AppContext:
    """Open the library (creating it if missing) as the person at this desk. A new library is
    left empty: ``services.opening.open_context`` seeds it or names it."""
    paths = resolve_paths(db, basedir)
    checks = CheckMemory(paths.data_dir / "library-checks.json") if paths.db_url is None else None
    library = open_library(paths.library_target, checks=checks)
    desk = current_desk(paths.config_dir).name
    return AppContext(paths=paths, library=library, resources=resources_dir(), desk=desk)
