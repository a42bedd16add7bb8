"""Where newsdesk keeps things: every directory is resolved here, with overrides for tests."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import NamedTuple

APP_NAME = "newsdesk"
LIBRARY_FILENAME = "library.newsdesk"


class Paths(NamedTuple):
    """The directories one run of newsdesk uses. (A named tuple, not a dataclass: importing
    ``dataclasses`` costs ~7 ms of every command's start, and a re-export with nothing to do
    needs no other dataclass.)"""

    data_dir: Path
    config_dir: Path
    log_dir: Path
    # For a database URL: the URL with any password hidden, a name to show; nothing is read
    # or written there (the library is ``db_url``).
    db_path: Path
    db_url: str | None = None

    @property
    def is_default_library(self) -> bool:
        return self.db_url is None and self.db_path == self.data_dir / LIBRARY_FILENAME

    @property
    def library_target(self) -> str | Path:
        """What to open: the database URL of a shared library, else the library file."""
        return self.db_url if self.db_url is not None else self.db_path


def is_database_url(target: str | os.PathLike[str]) -> bool:
    """True for ``postgresql+psycopg://...`` and the like; a path never has a scheme."""
    return isinstance(target, str) and re.match(r"^[a-z][a-z0-9+.-]*://", target) is not None


def redact_url(url: str) -> str:
    """The URL with its password (if any) replaced, fit for logs and window titles."""
    return re.sub(r"^([^:/]+://[^:@/]*):[^@/]*@", r"\1:***@", url)


def resolve_paths(db: str | os.PathLike[str] | None = None, basedir: str | None = None) -> Paths:
    """Resolve all directories; ``basedir`` (or NEWSDESK_BASEDIR) keeps everything in one folder."""
    base = basedir or os.environ.get("NEWSDESK_BASEDIR")
    if base:
        root = Path(base).expanduser().resolve()
        data_dir, config_dir, log_dir = root / "data", root / "config", root / "logs"
    else:
        import platformdirs  # here: a command given --db may need none of it (~5 ms)

        data_dir = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
        config_dir = Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
        log_dir = Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    chosen = named_library(db)
    if isinstance(chosen, str):
        return Paths(data_dir, config_dir, log_dir, Path(redact_url(chosen)), db_url=chosen)
    db_path = chosen if chosen is not None else data_dir / LIBRARY_FILENAME
    return Paths(data_dir=data_dir, config_dir=config_dir, log_dir=log_dir, db_path=db_path)


def named_library(db: str | os.PathLike[str] | None = None) -> Path | str | None:
    """The library ``db`` (or NEWSDESK_DB) names, as :func:`resolve_paths` resolves it: a
    database URL, the file's absolute path, or None for the profile's own library (where that
    is, ``resolve_paths`` tells). Needs no platformdirs (~5 ms of a quick command's start)."""
    chosen = db or os.environ.get("NEWSDESK_DB")
    if not chosen:
        return None
    if is_database_url(str(chosen)):
        return str(chosen)
    return Path(chosen).expanduser().resolve()


def _bundle_dir() -> Path | None:
    """Where a PyInstaller bundle keeps its data files (``sys._MEIPASS``), when running frozen."""
    root = getattr(sys, "_MEIPASS", None)
    return Path(root) / "newsdesk" if getattr(sys, "frozen", False) and root else None


def resources_dir() -> Path:
    """The resources/ folder (themes, sample articles, catalogues, help): package data beside
    this module, in a checkout and in an installed wheel alike; in the PyInstaller bundle,
    its data folder's copy."""
    bundle = _bundle_dir()
    if bundle is not None:
        return bundle / "resources"
    return Path(__file__).resolve().parent / "resources"


def migrations_dir() -> Path:
    bundle = _bundle_dir()
    if bundle is not None:  # Alembic reads the revision scripts as files, not from the archive
        return bundle / "storage" / "migrations"
    return Path(__file__).resolve().parent / "storage" / "migrations"
