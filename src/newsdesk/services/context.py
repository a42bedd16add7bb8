"""The services context: one object holding what a run of newsdesk works with.

Created explicitly by the CLI or the GUI and passed down; nothing is created at import time.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from newsdesk.paths import Paths, resolve_paths, resources_dir
from newsdesk.services.settings import neutral_site, save_settings, site_name_from
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

    def close(self) -> None:
        from newsdesk.services.search_server import close_server

        close_server(self.library.engine)  # its reader goes before the library's last writer
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
