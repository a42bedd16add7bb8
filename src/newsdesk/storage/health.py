"""Is a library file sound? SQLite's quick check at open, remembered while the file is as
newsdesk last left it (a check reads the whole file: a second or so for a very large one)."""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

_MAX_REMEMBERED = 32


def read_only_uri(path: Path) -> str:
    """A read-only URI. With no WAL file every change is in the main file, and ``immutable``
    keeps SQLite from creating (and leaving behind) empty -wal and -shm files beside it."""
    wal = path.with_name(path.name + "-wal")
    return f"{path.resolve().as_uri()}?mode=ro" + ("" if wal.exists() else "&immutable=1")


def quick_check(path: Path) -> str | None:
    """None when SQLite's quick check passes; otherwise what it found, in one line."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA quick_check(3)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    if rows == ["ok"]:
        return None
    lines = [ln.strip() for r in rows for ln in r.splitlines()]
    found = "; ".join(ln for ln in lines if ln and not ln.startswith("*** in database"))
    return found or "the quick check failed"


def file_stamp(path: Path) -> list[int] | None:
    """What the file (and its WAL) look like now: any write changes it. An empty WAL holds
    no change (a read-only reader leaves one behind): it counts as none."""
    try:
        st = path.stat()
    except OSError:
        return None
    stamp = [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns]
    try:
        wal = path.with_name(path.name + "-wal").stat()
    except OSError:
        return stamp
    if wal.st_size > 0:
        stamp += [wal.st_size, wal.st_mtime_ns]
    return stamp


class CheckMemory:
    """The stamps of library files found sound, kept in one small JSON file of the profile."""

    def __init__(self, store: Path | None) -> None:
        self.store = store

    def _load(self) -> dict[str, list[int]]:
        if self.store is None:
            return {}
        try:
            data = json.loads(self.store.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def is_known_sound(self, path: Path) -> bool:
        stamp = file_stamp(path)
        return stamp is not None and self._load().get(str(path.resolve())) == stamp

    def remember(self, path: Path, sound: bool) -> None:
        if self.store is None:
            return
        data = self._load()
        key = str(path.resolve())
        data.pop(key, None)
        stamp = file_stamp(path)
        if sound and stamp is not None:
            data[key] = stamp
        keep = dict(list(data.items())[-_MAX_REMEMBERED:])
        try:
            self.store.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.store.name}.", dir=self.store.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(keep, fh)
            os.replace(tmp, self.store)
        except OSError:
            pass  # only a memo: the next open checks the file again


def check_at_open(path: Path, memory: CheckMemory) -> str | None:
    """The quick check's finding for ``path`` (None: sound), skipped when the file is exactly
    as newsdesk last left it after finding it sound."""
    if memory.is_known_sound(path):
        return None
    problem = quick_check(path)
    memory.remember(path, problem is None)
    return problem
