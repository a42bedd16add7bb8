"""Writing export output so that a failure never leaves anything half-written."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from newsdesk.errors import UserError


def current_umask() -> int:
    """The process umask, read without changing it where Linux allows (/proc; thread-safe)."""
    try:
        for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def follow_umask(path: Path | int, *, folder: bool) -> None:
    """Give a folder from mkdtemp (0700) or a file from mkstemp (0600) the mode a plain
    mkdir/open would have had, so exported output is as readable as the user's umask allows."""
    mode = (0o777 if folder else 0o666) & ~current_umask()
    if isinstance(path, int):
        os.fchmod(path, mode)
    else:
        os.chmod(path, mode)


@contextmanager
def atomic_directory(target: Path, *, merge: bool = False) -> Iterator[Path]:
    """Yield a scratch folder beside ``target``; on success its files land in ``target``.

    Without ``merge`` the whole folder is swapped in (an existing ``target`` is replaced);
    with ``merge`` each file replaces its namesake in ``target`` one by one (os.replace is
    atomic per file), and other files in ``target`` are left alone. On error nothing changes.
    """
    target = target.resolve()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        )
        follow_umask(scratch, folder=True)
    except OSError as exc:
        raise UserError(f"Cannot write to {target.parent}: {exc.strerror or exc}") from exc
    try:
        yield scratch
        _fsync_tree(scratch)
        if merge and target.exists():
            for path in sorted(scratch.rglob("*")):
                dest = target / path.relative_to(scratch)
                if path.is_dir():
                    dest.mkdir(parents=True, exist_ok=True)
                else:
                    os.replace(path, dest)
        else:
            swap_in(scratch, target)
    except OSError as exc:
        raise UserError(f"Export to {target} failed and was undone: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one atomic step (Linux renameat2); False where that is unavailable."""
    import ctypes  # here: only a whole-site swap needs it (~2 ms to import)

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return bool(result == 0)


def _remove_tree(path: Path) -> None:
    shutil.rmtree(path, ignore_errors=True)


def swap_in(scratch: Path, target: Path, discard: Callable[[Path], None] = _remove_tree) -> None:
    """Put the folder ``scratch`` where ``target`` is, then ``discard`` the old one.

    An atomic exchange where the kernel has one; otherwise two renames, undone if the second
    fails, so ``target`` always holds a whole old or a whole new tree.
    """
    if not target.exists():
        os.rename(scratch, target)
        return
    if _exchange(scratch, target):
        discard(scratch)
        return
    old = target.with_name(f".{target.name}.old-{os.getpid()}")
    os.rename(target, old)
    try:
        os.rename(scratch, target)
    except OSError:
        os.rename(old, target)
        raise
    discard(old)


def _fsync_tree(root: Path) -> None:
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as fh:
                os.fsync(fh.fileno())


def atomic_write_bytes(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write a file via a temporary sibling and rename, so readers never see half of it.

    The file gets the umask's mode, or 0600 when ``private``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        if not private:
            follow_umask(fd, folder=False)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def sync_filesystem(path: Path) -> None:
    """Flush to disk everything written on the filesystem that holds ``path``, in one call.

    For thousands of new files one flush costs far less than an fsync each (every fsync
    waits for a journal commit). Linux syncfs(2) flushes that filesystem alone; elsewhere
    os.sync() flushes them all.
    """
    fd = os.open(path, os.O_RDONLY)
    try:
        syncfs = _load_syncfs()
        if syncfs is None or syncfs(fd) != 0:
            os.sync()
    finally:
        os.close(fd)


def flushes_one_filesystem() -> bool:
    """Whether :func:`sync_filesystem` flushes one filesystem (Linux), not all of them."""
    return _load_syncfs() is not None


@cache
def _load_syncfs() -> Any:
    import ctypes  # here, on first use: ~2 ms of the start-up of every export

    try:
        return ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
