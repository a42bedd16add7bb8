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

from newsdesk.errors import LibraryBusy
from newsdesk.paths import Paths, resolve_paths, resources_dir
from newsdesk.services.settings import neutral_site, save_settings, site_name_from
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
    # through this context records it (services.desk).
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

    def close(self) -> None:
        self.library.close()


def open_context(
    db: str | None = None, basedir: str | None = None, *, seed: bool | None = None
) -> AppContext:
    """Open the library (creating it if missing). The default library gets sample content."""
    paths = resolve_paths(db, basedir)
    checks = CheckMemory(paths.data_dir / "library-checks.json") if paths.db_url is None else None
    library = open_library(paths.library_target, checks=checks)
    from newsdesk.services.desk import current_desk

    desk = current_desk(paths.config_dir).name
    ctx = AppContext(paths=paths, library=library, resources=resources_dir(), desk=desk)
    if seed is None:
        seed = paths.is_default_library
    if library.created and seed:
        from newsdesk.services.sample import seed_sample_library

        seed_sample_library(ctx)
    elif library.created:
        # The sample site's name, tagline and "fictional sample content" footer stay in the
        # sample library: a person's own library starts neutral, named after its file.
        with ctx.session() as session:
            save_settings(session, neutral_site(site_name_from(str(paths.library_target))))
    return ctx
