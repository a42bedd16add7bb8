"""Paths inside an output folder: every file an export writes (or removes) is checked here.

A relative path is made of plain names (no empty part, ``.``, ``..``, backslash, control
character, leading slash); a path about to be written is also resolved, so a symlinked folder
planted in the output cannot lead a write outside it.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from pathlib import Path

from newsdesk.errors import UserError


def relative_problem(rel: object) -> str | None:
    """Why ``rel`` is not a plain relative path inside a folder, or None."""
    if not isinstance(rel, str) or not rel:
        return "not a file name"
    if rel.startswith("/") or "\\" in rel:
        return "not a relative path"
    printable = rel.isprintable()  # no control character or surrogate in it (nor others)
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            return "leaves its folder" if part == ".." else "has an empty part"
        if not printable and any(unicodedata.category(ch) in ("Cc", "Cs") for ch in part):
            return "holds a control character"
    return None


def check_relative(rel: str, root: Path) -> str:
    problem = relative_problem(rel)
    if problem is not None:
        raise UserError(f"Refused to write {rel!r} in {root}: the path {problem}")
    return rel


def inside(root: Path, rel: str) -> Path:
    """``root / rel``, refused unless it stays inside ``root`` once symlinks are resolved."""
    check_relative(rel, root)
    path = root / rel
    real_root = os.path.realpath(root)
    real_parent = os.path.realpath(path.parent)
    if real_parent != real_root and not real_parent.startswith(real_root + os.sep):
        raise UserError(f"Refused to write {rel!r}: it would land outside {root}")
    return path


# ----------------------------------------------------------------------------- deletion
# What a file looked like when newsdesk left it: (size, mtime in ns). A hard link or a copy
# made with copy2 keeps both; a file someone changed since almost never does.
Stamp = tuple[int, int]


def stamp_of(path: str | Path) -> Stamp | None:
    """The stamp of a regular file (never through a symlink), None for anything else."""
    try:
        st = os.lstat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns) if stat.S_ISREG(st.st_mode) else None


def removable(root: Path, rel: str, stamp: object) -> Path | None:
    """``root / rel`` when it may be deleted: a plain relative path whose folder, symlinks
    resolved, is inside ``root``, naming a regular file that still holds what the export
    wrote there (its ``stamp`` as recorded then). None otherwise: leave it alone.

    A manifest read from disk decides nothing on its own; this is the one check every
    deletion of an export's files goes through."""
    if relative_problem(rel) is not None or not is_stamp(stamp):
        return None
    path = root / rel
    real_root = os.path.realpath(root)
    real_parent = os.path.realpath(path.parent)
    if real_parent != real_root and not real_parent.startswith(real_root + os.sep):
        return None
    if stamp_of(path) != tuple(stamp):  # type: ignore[arg-type]
        return None
    return path


def is_stamp(stamp: object) -> bool:
    return (
        isinstance(stamp, (list, tuple))
        and len(stamp) == 2
        and all(isinstance(n, int) and not isinstance(n, bool) for n in stamp)
    )


def prune_empty(root: Path, folder: Path) -> None:
    """Remove ``folder`` and its parents while they are empty real folders below ``root``."""
    while folder != root and root in folder.parents:
        try:
            if os.path.islink(folder) or any(folder.iterdir()):
                return
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
