"""Reading an input file with limits: only regular files (never a FIFO, a device or a link to
one, which would hang or never end), never more than a set size. Front matter is read with
its own limits in ``importers/front_matter.py`` (YAML is imported only where it is read)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from newsdesk.errors import UserError

_CHUNK = 1 << 20


def read_limited(path: Path, limit: int, error: type[UserError] = UserError) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), or ``error``."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise error(f"Cannot read {path}: {exc.strerror or exc}") from exc
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise error(f"{path} is not a regular file (a device, pipe or socket); not imported")
        if st.st_size > limit:
            raise error(f"{path}: larger than {_size(limit)}; not imported")
        chunks: list[bytes] = []
        total = 0
        ended = False
        if st.st_size < _CHUNK:
            # A small regular file's read comes back short only at its end: one read holds
            # it if it did not grow since fstat (a folder of posts: no second, empty read each).
            chunks.append(os.read(fd, st.st_size + 1))
            total = len(chunks[0])
            ended = total <= st.st_size
        while not ended and total <= limit and (chunk := os.read(fd, _CHUNK)):
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew while being read
            raise error(f"{path}: larger than {_size(limit)}; not imported")
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"Cannot read {path}: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)


def _size(n: int) -> str:
    return f"{n // 2**20} MB" if n >= 2**20 else f"{n} bytes"
