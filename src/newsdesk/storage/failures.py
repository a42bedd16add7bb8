"""What a failed database call means to the person using newsdesk, in one line.

Never the SQL statement or its parameters (they hold article text): the library, what
happened (disk full, read-only, busy, damaged) and what to do.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from newsdesk.errors import LibraryBusy, LibraryError


def _reason(exc: BaseException) -> tuple[str, BaseException]:
    orig = getattr(exc, "orig", None) or exc
    return (str(orig).strip().splitlines() or [type(orig).__name__])[0], orig


def explain(
    exc: BaseException, path: Path | None, *, damage: str | None = None
) -> LibraryError | None:
    """A ``LibraryError`` for an SQLite failure a person can act on; None for anything else
    (a bug, which keeps its traceback)."""
    reason, orig = _reason(exc)
    if not isinstance(orig, sqlite3.Error):
        return None
    where = f"The library {path}" if path is not None else "The library"
    low = reason.lower()
    if "readonly" in low or "read-only" in low:
        if damage is not None and path is not None:
            from newsdesk.storage.library import damaged_message

            return LibraryError(damaged_message(path, damage))
        return LibraryError(
            f"{where} could not be written: it is read-only (check the permissions of the "
            "file and its folder); nothing was saved."
        )
    if "disk is full" in low or "database or disk is full" in low:
        return LibraryError(
            f"{where} could not be written: the disk is full; nothing was saved. "
            "Free some space and try again."
        )
    if "locked" in low or "busy" in low:
        return LibraryBusy(
            f"{where} is busy: another program kept it locked too long; nothing was saved. "
            "Try again in a moment."
        )
    if "disk i/o error" in low:
        return LibraryError(
            f"{where} could not be read or written (disk I/O error); check the disk."
        )
    if "unable to open" in low:
        return LibraryError(f"{where} cannot be opened ({reason}).")
    if isinstance(orig, sqlite3.DatabaseError) and (
        "malformed" in low or "not a database" in low or "corrupt" in low
    ):
        from newsdesk.storage.library import damaged_message

        if path is None:
            return LibraryError(f"The library is damaged ({reason}).")
        return LibraryError(damaged_message(path, reason))
    return None
