"""Paths inside an output folder: every file an export writes (or removes) is checked here.

A relative path is made of plain names (no empty part, ``.``, ``..``, backslash, control
character, leading slash); a path about to be written is also resolved, so a symlinked folder
planted in the output cannot lead a write outside it.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

from newsdesk.errors import UserError


def relative_problem(rel: object) -> str | None:
    """Why ``rel`` is not a plain relative path inside a folder, or None."""
    if not isinstance(rel, str) or not rel:
        return "not a file name"
    if rel.startswith("/") or "\\" in rel:
        return "not a relative path"
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            return "leaves its folder" if part == ".." else "has an empty part"
        if any(unicodedata.category(ch) in ("Cc", "Cs") for ch in part):
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
