"""Reading zip files that may be hostile: no path escapes, links, or decompression bombs.

Every entry is checked before anything is read (zip slip, absolute paths, symbolic links,
declared sizes and ratios), and reading counts the real bytes, since headers can lie.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from dataclasses import dataclass
from lzma import LZMAError
from pathlib import Path, PurePosixPath

from newsdesk.errors import ImportFailed

MAX_TOTAL_BYTES = 1024 * 1024 * 1024  # uncompressed, the whole archive
MAX_ENTRY_BYTES = 256 * 1024 * 1024
MAX_RATIO = 100  # uncompressed / compressed, per entry (text compresses ~5-10x)
MAX_ENTRIES = 100_000
# The ratio limit applies only to entries unpacking to more than this: a body repeating one
# sentence compresses 300:1 and more, and newsdesk's own bundle of it must import. No entry
# of our own output comes near it (a Markdown import stops at 20 MB, an image at 50 MB); what
# unpacks to less is harmless whatever its ratio, and the absolute limits above still hold.
_RATIO_FLOOR = 32 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    total_bytes: int = MAX_TOTAL_BYTES
    entry_bytes: int = MAX_ENTRY_BYTES
    ratio: int = MAX_RATIO
    entries: int = MAX_ENTRIES


def _fail(archive: Path, name: str, problem: str) -> ImportFailed:
    return ImportFailed(f"{archive}: {name}: {problem}; nothing was imported")


def safe_name(archive: Path, name: str) -> str:
    """The entry's normalised relative path, or an error for anything that could escape."""
    if "\\" in name:
        raise _fail(archive, name, "a path with backslashes (not a portable zip path)")
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        raise _fail(archive, name, "an absolute path (entries must stay inside the bundle)")
    parts = PurePosixPath(name).parts
    if any(p == ".." for p in parts):
        raise _fail(archive, name, "a path that climbs out of the bundle with '..' (zip slip)")
    if "\x00" in name or not parts:
        raise _fail(archive, name, "an empty or invalid path")
    return "/".join(p for p in parts if p != ".")


class SafeZip:
    """A zip archive whose entries were all checked; ``read(name)`` returns verified bytes."""

    def __init__(self, path: Path, limits: Limits | None = None) -> None:
        self.path = path
        self.limits = limits or Limits()
        try:
            self._zip = zipfile.ZipFile(path)
        except zipfile.BadZipFile as exc:
            raise ImportFailed(f"{path}: not a zip file ({exc}); nothing was imported") from exc
        except OSError as exc:
            raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}") from exc
        self.entries: dict[str, zipfile.ZipInfo] = {}
        try:
            self._check()
        except BaseException:
            self._zip.close()
            raise

    def _check(self) -> None:
        infos = self._zip.infolist()
        if len(infos) > self.limits.entries:
            raise _fail(self.path, "(archive)", f"more than {self.limits.entries} entries")
        total = 0
        for info in infos:
            name = safe_name(self.path, info.filename)
            mode = info.external_attr >> 16
            if stat.S_ISLNK(mode):
                raise _fail(self.path, info.filename, "a symbolic link (not allowed in bundles)")
            if info.is_dir():
                continue
            if info.flag_bits & 0x1:
                raise _fail(self.path, info.filename, "an encrypted entry")
            if info.file_size > self.limits.entry_bytes:
                raise _fail(
                    self.path,
                    info.filename,
                    f"unpacks to {info.file_size} bytes, over the "
                    f"{self.limits.entry_bytes} byte limit (zip bomb?)",
                )
            if info.file_size > _RATIO_FLOOR and info.file_size > self.limits.ratio * max(
                1, info.compress_size
            ):
                raise _fail(
                    self.path,
                    info.filename,
                    f"compressed {info.file_size // max(1, info.compress_size)}:1, over the "
                    f"{self.limits.ratio}:1 limit (zip bomb?)",
                )
            total += info.file_size
            if total > self.limits.total_bytes:
                raise _fail(
                    self.path,
                    "(archive)",
                    f"unpacks to more than {self.limits.total_bytes} bytes (zip bomb?)",
                )
            if name in self.entries:
                raise _fail(self.path, info.filename, "appears twice in the archive")
            self.entries[name] = info

    def names(self) -> list[str]:
        return sorted(self.entries)

    def read(self, name: str) -> bytes:
        """The entry's bytes, reading no more than its declared size (headers can lie)."""
        info = self.entries.get(name)
        if info is None:
            raise _fail(self.path, name, "missing from the archive")
        chunks, size = [], 0
        try:
            with self._zip.open(info) as fh:
                while chunk := fh.read(1 << 16):
                    size += len(chunk)
                    if size > info.file_size or size > self.limits.entry_bytes:
                        raise _fail(self.path, name, "unpacks to more than it declares (zip bomb?)")
                    chunks.append(chunk)
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            zlib.error,
            LZMAError,
            NotImplementedError,
        ) as exc:
            # a corrupt deflate or LZMA stream (its CRC is never reached), an unknown method
            raise _fail(self.path, name, f"damaged entry ({exc})") from exc
        return b"".join(chunks)

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
