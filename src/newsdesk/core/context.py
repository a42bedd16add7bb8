"""The services context: one object holding what a run of newsdesk works with.

Created explicitly by the CLI or the GUI and passed down; nothing is created at import time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from sqlmodel import Session

from newsdesk.core.desk import current_desk
from newsdesk.errors import LibraryBusy
from newsdesk.paths import Paths, resolve_paths, resources_dir
from newsdesk.storage.db import transaction
from newsdesk.storage.failures import explain
from newsdesk.storage.health import CheckMemory
from newsdesk.storage.library import Library, open_library

T = TypeVar("T")
# How long a save waits for another program's write (an import of a large archive) to finish.
WRITE_PATIENCE = 600.0


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

    def write(
        self,
        work: Callable[[Session], T],
        *,
        patience: float = WRITE_PATIENCE,
        on_wait: Callable[[], None] | None = None,
    ) -> T:
        """``work(session)`` in one transaction; while another program holds the library's
        write lock (a long import commits in batches, but a batch may outlast SQLite's busy
        timeout) run it again, for up to ``patience`` seconds, so a save is never lost to
        "database is locked". ``on_wait`` is called once, when the waiting begins."""
        deadline = time.monotonic() + patience
        delay = 0.25
        while True:
            try:
                with self.session() as session:
                    return work(session)
            except LibraryBusy:
                if time.monotonic() + delay > deadline:
                    raise
                if on_wait is not None:
                    on_wait()
                    on_wait = None
                time.sleep(delay)
                delay = min(delay * 2, 2.0)

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
