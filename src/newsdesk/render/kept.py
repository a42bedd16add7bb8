"""Small things made once and kept between runs in this user's cache folder (the one Jinja
keeps compiled templates in): compiled catalogues, parsed theme descriptions. Each is kept
under the digest of what it was made from and ends with the digest of its own bytes, so a
changed source or a damaged copy is made again, never served stale."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

_DIGEST = 32  # a kept file ends with the SHA-256 of the bytes before it


@lru_cache(maxsize=1)
def cache_dir() -> Path | None:
    """The folder Jinja keeps compiled templates in (only this user's; Jinja checks that),
    or None when there is none."""
    import jinja2

    try:
        return Path(jinja2.FileSystemBytecodeCache().directory)
    except (OSError, RuntimeError):
        return None


def read_kept(path: Path) -> bytes | None:
    """A kept file's bytes, or None when there is none or it is not whole."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    body, digest = data[:-_DIGEST], data[-_DIGEST:]
    return body if len(data) > _DIGEST and hashlib.sha256(body).digest() == digest else None


def keep(path: Path, body: bytes) -> None:
    """Write ``body`` for the next run (atomically; a cache: a failure to write it only
    costs making it again)."""
    import contextlib
    import os
    import tempfile

    try:
        fd, name = tempfile.mkstemp(dir=path.parent, prefix=".kept-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body + hashlib.sha256(body).digest())
        os.replace(name, path)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(name)  # a half-written copy must not stay behind (a full disk)
