"""Putting a built static site on disk so that an interrupted export leaves the old one whole.

Two ways to put the new site in place, both leaving the previous site whole if the export
stops before it commits:
- rebuild: the whole new tree is built beside the target (unchanged files hard-linked from
  the old one) and exchanged with it in one rename;
- patch (few files changed): the changed files are written to a staging folder beside the
  target; a COMMIT file written atomically marks the point of no return, then each file is
  renamed into place. A run that finds a committed staging folder finishes it first (roll
  forward), one without COMMIT is discarded. Creating thousands of folders again for one
  edited article would cost more than the whole rest of the export.
"""

from __future__ import annotations

import json
import marshal
import os
import shutil
import signal
import struct
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk import __version__
from newsdesk.core import atomic
from newsdesk.core.progress import Progress
from newsdesk.core.safe_paths import (
    Stamp,
    inside,
    is_stamp,
    prune_empty,
    relative_problem,
    removable,
)
from newsdesk.errors import UserError

MANIFEST = ".newsdesk-site.json"
# Format 2 kept the stamps of the files written here (format 3 keeps them in the library).
STAMPS = ".newsdesk-site-stamps.json"
# 3: the manifest holds the digest of the files' list; the list is in the library
# (``site_index``). 2: the list and its stamps were in the folder (still read).
SITE_FORMAT = 3
Producer = Callable[[], bytes]
Plan = dict[str, tuple[str, Producer]]  # path -> (fingerprint, how to make its bytes)
COMMIT = "COMMIT"


@dataclass(frozen=True)
class OldSite:
    """What the manifest on disk says the previous export wrote. Read from disk, so only a
    hint: a file is kept or removed only once ``safe_paths`` has checked it."""

    files: dict[str, str] = field(default_factory=dict)  # path -> input fingerprint
    stamps: dict[str, Stamp] = field(default_factory=dict)  # path -> as the export left it
    digest: str | None = None  # format 3: the digest of the files' list (kept in the library)


def _read_manifest(target: Path) -> OldSite:
    path = target / MANIFEST
    if not target.exists():
        return OldSite()
    if not path.is_file():
        if any(target.iterdir()):
            raise UserError(
                f"{target} is not empty and is not a site newsdesk exported; "
                "choose an empty or new folder (newsdesk replaces the whole folder)"
            )
        return OldSite()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return OldSite()  # a damaged manifest only costs a full rebuild
    if isinstance(data, dict) and data.get("format") == SITE_FORMAT:
        digest = data.get("files_digest")
        return OldSite(digest=digest if isinstance(digest, str) else None)
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not all(
        isinstance(v, str) and relative_problem(k) is None for k, v in files.items()
    ):
        return OldSite()  # damaged or tampered with: a full rebuild, and nothing it lists goes
    try:
        raw = json.loads((target / STAMPS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raw = None
    stamps = {
        k: (v[0], v[1])
        for k, v in (raw.items() if isinstance(raw, dict) else ())
        if k in files and is_stamp(v)
    }
    return OldSite(files, stamps)


_REMOVE = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
_removers: list[Any] = []  # the removing processes started (polled, so none is left a zombie)


def _discard(path: Path) -> None:
    """Remove an old tree without waiting: renamed aside, then deleted by a process of its own
    that carries on after the export, and after the command, has ended. Removing the 48,000
    files and folders of a 20,000-article site took 11 s here, which the command used to wait
    for before it could end (a third of a re-export that rebuilt the site). Where no such
    process can be started (a frozen app, no interpreter to run), a thread removes it, which
    the command waits for. Anything left by a killed removal or a power cut is removed by the
    next export (``recover``)."""
    trash = path.with_name(f"{path.name}.{os.getpid()}.trash")
    os.rename(path, trash)
    if _remove_aside(trash):
        return
    threading.Thread(
        target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True}, name="discard-site"
    ).start()


def _remove_aside(tree: Path) -> bool:
    """``tree`` removed by a new process in a session of its own (a terminal's Ctrl+C does not
    reach it); False when none could be started."""
    import subprocess
    import sys

    if getattr(sys, "frozen", False) or not sys.executable:
        return False
    _removers[:] = [p for p in _removers if p.poll() is None]
    try:
        _removers.append(
            subprocess.Popen(
                [sys.executable, "-I", "-S", "-c", _REMOVE, str(tree)],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        )  # fmt: skip
    except OSError:
        return False
    return True


def swap_in(scratch: Path, target: Path) -> None:
    """Put ``scratch`` where ``target`` is; the old tree is removed in the background."""
    atomic.swap_in(scratch, target, _discard)


def _read_commit(staging: Path) -> tuple[list[str], dict[str, Any], bool] | None:
    """A staging folder's COMMIT: the files to write, to remove, and whether the files wait
    flat (``files/<n>`` for the n-th path to write, not ``files/<path>``); None when it is not
    one this newsdesk wrote (damaged, an older format, or planted: a path leaving the folder)."""
    try:
        commit = json.loads((staging / COMMIT).read_text(encoding="utf-8"))
        write, remove, flat = commit["write"], commit["remove"], commit.get("flat", False)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None
    if not isinstance(write, list) or not isinstance(remove, dict) or flat not in (True, False):
        return None
    if any(relative_problem(rel) is not None for rel in [*write, *remove]):
        return None
    return write, remove, flat


def staged_name(index: int, rel: str) -> str:
    """Where the n-th file of a patch waits in its staging folder's ``files``: flat, so no
    folder is made and removed again for it (removing one cost ~1 ms on ext4); the manifest
    keeps its name."""
    return rel if rel == MANIFEST else str(index)


def _apply_patch(staging: Path, target: Path) -> bool:
    """Move a committed patch's files into the site (idempotent: safe to run again). False
    when the patch could not be trusted whole: the caller then rebuilds the site."""
    commit = _read_commit(staging)
    whole = commit is not None
    if commit is not None:
        write, remove, flat = commit
        files = staging / "files"
        for index, rel in enumerate(write):
            src = files / (staged_name(index, rel) if flat else rel)
            if src.exists():
                try:
                    dest = inside(target, rel)  # checked before any folder is made for it
                except UserError:
                    whole = False  # a symlinked folder planted in the site: not through it
                    continue
                dest.parent.mkdir(parents=True, exist_ok=True)
                os.replace(src, dest)
        for rel, stamp in remove.items():
            path = removable(target, rel, stamp)
            if path is not None:
                path.unlink()
                prune_empty(target, path.parent)
    shutil.rmtree(staging, ignore_errors=True)
    return whole


def recover(target: Path) -> bool:
    """Finish a committed patch, drop unfinished scratch folders of earlier (killed) runs.
    False when a staging folder could not be trusted: the next export rebuilds the site."""
    trusted = True
    for path in sorted(target.parent.glob(f".{target.name}.*.staging")):
        if (path / COMMIT).is_file() and target.is_dir():
            trusted = _apply_patch(path, target) and trusted
        else:
            shutil.rmtree(path, ignore_errors=True)
    for pattern in (f".{target.name}.*.partial", f".{target.name}.*.trash"):
        for path in target.parent.glob(pattern):
            shutil.rmtree(path, ignore_errors=True)
    return trusted


def manifest_bytes(digest: str) -> bytes:
    manifest = {
        "format": SITE_FORMAT,
        "generator": f"newsdesk {__version__}",
        "files_digest": digest,
    }
    return (json.dumps(manifest, sort_keys=True, indent=1) + "\n").encode()


def _write_all(
    root: Path,
    paths: list[str],
    plan: Plan,
    progress: Progress,
    carry_from: Path | None = None,
    *,
    manifest: bytes,
    workers: int = 1,
    reopen: Callable[[], None] = lambda: None,
    preload: Callable[[list[str]], None] = lambda paths: None,
    warm: Callable[[list[str]], None] = lambda paths: None,
    meanwhile: Callable[[], None] = lambda: None,
) -> dict[str, Stamp]:
    """Render ``paths`` into ``root``; with ``carry_from``, link every other planned file.
    ``preload`` loads in bulk what some paths need (each process its own share); ``warm``
    readies what every process would otherwise load for itself, before workers are forked;
    ``meanwhile`` is other work of this process, done while the workers render (before this
    process takes pages of its own). Returns the stamps of the files rendered (a rename into
    the site keeps them)."""
    todo = set(paths)
    root.mkdir(parents=True, exist_ok=True)
    made: set[str] = set()
    if carry_from is not None:
        for path in sorted(plan):
            if path not in todo:
                _ensure_parent(root, path, made)
                _carry_over(carry_from / path, root / path)
    ordered = sorted(todo)
    if workers > 1 and hasattr(os, "fork"):
        warm(ordered)
        stamps = _render_forked(root, ordered, plan, progress, workers, reopen, preload, meanwhile)
    else:
        meanwhile()
        preload(ordered)
        stamps = {}
        for path in ordered:
            stamps[path] = _write_one(root, path, plan, made)
            progress.advance()
    (root / MANIFEST).write_bytes(manifest)
    return stamps


def _ensure_parent(root: Path, path: str, made: set[str]) -> None:
    parent = path.rpartition("/")[0]
    if parent and parent not in made:
        try:  # one mkdir for the usual case (the grandparent is there), not makedirs' checks
            os.mkdir(f"{root}/{parent}")
        except FileNotFoundError:
            os.makedirs(f"{root}/{parent}", exist_ok=True)
        except FileExistsError:
            pass
        made.add(parent)


_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_CLOEXEC", 0)


def _write_one(root: Path, path: str, plan: Plan, made: set[str]) -> Stamp:
    _ensure_parent(root, path, made)
    return write_file(f"{root}/{path}", plan[path][1]())


def write_file(path: str, data: bytes) -> Stamp:
    """open, write, close and nothing more (no buffered file object: thousands of pages);
    the file's stamp as written (``safe_paths.stamp_of`` would give the same)."""
    fd = os.open(path, _WRITE_FLAGS, 0o666)
    try:
        _write_all_bytes(fd, data)
        st = os.fstat(fd)
    finally:
        os.close(fd)
    return (st.st_size, st.st_mtime_ns)


CHUNK_MOST = 64  # pages a process takes at a time (fewer for small sites: see _chunk_size)
_CHUNK = struct.Struct("<I")


def _chunk_size(pages: int, workers: int) -> int:
    """Small enough that the processes finish together (a loaded machine slows one more than
    another), large enough that taking a chunk (a pipe read, its records in one query) costs
    next to nothing; at most 4,096 chunks, so their numbers fit in a pipe's buffer at once."""
    return max(1, min(CHUNK_MOST, pages // (workers * 16)), -(-pages // 4096))


def _render_forked(
    root: Path,
    paths: list[str],
    plan: Plan,
    progress: Progress,
    workers: int,
    reopen: Callable[[], None],
    preload: Callable[[list[str]], None],
    meanwhile: Callable[[], None] = lambda: None,
) -> dict[str, Stamp]:
    """Share the rendering among forked processes (they inherit the loaded data; each opens
    its own database connection). The pages go in chunks that each process takes from one
    pipe as it is ready for more, so all keep busy to the end; the parent does ``meanwhile``
    first, then renders too and reports progress for all. Returns the stamps of the files
    written (each process hands back those of its own), so they need no second look."""
    size = _chunk_size(len(paths), workers)
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    prctl = _load_prctl()  # before forking: no worker imports ctypes for itself
    task_read, task_write = os.pipe()
    os.write(task_write, b"".join(_CHUNK.pack(i) for i in range(len(chunks))))  # fits: <16 KB
    os.close(task_write)  # every chunk is in the pipe: a reader finding it empty is done
    children: list[tuple[int, int]] = []
    parent = os.getpid()
    try:
        for _ in range(workers - 1):
            read_end, write_end = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: render, hand back stamps or the failure, never return
                os.close(read_end)
                _work_in_child(
                    parent, root, chunks, task_read, write_end, plan, reopen, preload, prctl
                )
            os.close(write_end)
            children.append((pid, read_end))
        stamps: dict[str, Stamp] = {}
        taken = 0
        try:
            meanwhile()
            for chunk in _take(task_read, chunks):
                stamps.update(_write_chunk(root, chunk, plan, preload))
                left = _pending(task_read) // _CHUNK.size  # chunks no process has taken yet
                done = min(len(paths), (len(chunks) - left) * size)  # taken, roughly rendered
                progress.advance(done - taken)
                taken = done
        except BaseException:
            for pid, _fd in children:
                os.kill(pid, signal.SIGKILL)
            raise
        finally:
            failures = _reap(children, stamps)
    finally:
        os.close(task_read)
    if failures:
        raise UserError(f"Rendering the site failed: {failures[0]}")
    progress.advance(len(paths) - taken)
    return stamps


def _work_in_child(
    parent: int,
    root: Path,
    chunks: list[list[str]],
    tasks: int,
    out: int,
    plan: Plan,
    reopen: Callable[[], None],
    preload: Callable[[list[str]], None],
    prctl: Any,
) -> None:
    """A forked worker's life: render the chunks it takes, then write ``S`` and its files'
    stamps (or ``E`` and what failed) to ``out``; it ends here, never returning."""
    code = 0
    try:
        _die_with(parent, prctl)
        reopen()
        stamps: dict[str, Stamp] = {}
        for chunk in _take(tasks, chunks):
            stamps.update(_write_chunk(root, chunk, plan, preload))
        _write_all_bytes(out, b"S" + marshal.dumps(stamps))
    except BaseException as exc:
        _write_all_bytes(out, b"E" + (f"{exc}".encode()[:2000] or type(exc).__name__.encode()))
        code = 1
    finally:
        os._exit(code)


def _take(tasks: int, chunks: list[list[str]]) -> Iterator[list[str]]:
    """The chunks this process takes from the pipe, one at a time, until none is left (a
    read of one number is whole: the pipe's readers take turns)."""
    while True:
        raw = os.read(tasks, _CHUNK.size)
        if not raw:
            return
        yield chunks[_CHUNK.unpack(raw)[0]]


def _pending(fd: int) -> int:
    """Bytes waiting in a pipe."""
    import fcntl  # Unix only, as fork is
    import termios

    return struct.unpack("i", fcntl.ioctl(fd, termios.FIONREAD, b"\0\0\0\0"))[0]


def _write_chunk(
    root: Path, chunk: list[str], plan: Plan, preload: Callable[[list[str]], None]
) -> dict[str, Stamp]:
    preload(chunk)  # the chunk's article records in one query
    made: set[str] = set()
    stamps: dict[str, Stamp] = {}
    for path in chunk:
        _ensure_parent(root, path, made)
        stamps[path] = write_file(f"{root}/{path}", plan[path][1]())
    return stamps


def _write_all_bytes(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _reap(children: list[tuple[int, int]], stamps: dict[str, Stamp]) -> list[str]:
    """Wait for every worker: their stamps added to ``stamps``; what failed, in words."""
    failures: list[str] = []
    for pid, fd in children:
        with os.fdopen(fd, "rb") as pipe:
            answer = pipe.read()
        _pid, status = os.waitpid(pid, 0)
        if status == 0 and answer[:1] == b"S":
            stamps.update(marshal.loads(answer[1:]))
        else:
            told = answer[1:].decode(errors="replace") if answer[:1] == b"E" else ""
            failures.append(told or f"a worker process ended with status {status}")
    return failures


def _load_prctl() -> Any:
    """Linux's prctl(2) through ctypes, or None where there is none."""
    try:
        import ctypes

        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def _die_with(parent: int, prctl: Any) -> None:
    """A worker must not outlive its export (killed with kill -9, say): it would go on
    writing into a scratch folder the next export has already cleaned up."""
    if prctl is not None:
        prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
    if os.getppid() != parent:  # the parent was gone before the signal was asked for
        os._exit(1)


def _scratch(target: Path, suffix: str) -> Path:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
        )
        atomic.follow_umask(scratch, folder=True)
        return scratch
    except OSError as exc:
        raise UserError(f"Cannot write to {target.parent}: {exc.strerror or exc}") from exc


def _same_manifest(target: Path, manifest: bytes) -> bool:
    try:
        return (target / MANIFEST).read_bytes() == manifest
    except OSError:
        return False


FSYNC_THREADS = 16


def _fsync_files(root: Path, paths: list[str]) -> None:
    """Flush the files to disk, on a few threads at once: the file system commits its journal
    once for the flushes that wait together (ext4, XFS), where one after the other each waited
    for a commit of its own (a one-edit patch's ~10 files: 4-35 ms one by one, 2-5 ms together
    on this machine). Returns once every file is flushed; the first failure is raised."""
    pending = iter(paths)
    lock = threading.Lock()
    failures: list[OSError] = []

    def work() -> None:
        while not failures:
            with lock:
                rel = next(pending, None)
            if rel is None:
                return
            try:
                _fsync(root / rel)
            except OSError as exc:
                failures.append(exc)

    threads = [threading.Thread(target=work) for _ in range(min(FSYNC_THREADS, len(paths)))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _carry_over(src: Path, dest: Path) -> None:
    try:
        os.link(src, dest)
    except OSError:
        shutil.copy2(src, dest)
