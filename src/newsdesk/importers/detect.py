"""Recognising what a path given to ``newsdesk import`` is: bundle, WXR, ninjs, Markdown, folder."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from newsdesk.errors import ImportFailed, NotFoundError

MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HEAD = 4096  # bytes read to recognise a file
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")  # how a zip file starts (an entry, or none)


class Kind(StrEnum):
    BUNDLE = "bundle"
    WXR = "wxr"
    NINJS = "ninjs"
    MARKDOWN = "markdown"
    FOLDER = "folder"


@dataclass(frozen=True)
class Source:
    kind: Kind
    path: Path
    files: list[Path] = field(default_factory=list)  # a folder's Markdown files


def _head(path: Path, size: int = _HEAD) -> bytes:
    if not path.is_file():  # a FIFO would hang the read, a device never end it
        raise ImportFailed(f"{path} is not a regular file (a device, pipe or socket); not imported")
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise ImportFailed(f"Cannot read {path}: {exc.strerror or exc}") from exc


def detect(path: Path) -> Source:
    """What ``path`` holds, from its contents (the suffix only breaks ties)."""
    if not path.exists():
        raise NotFoundError(f"{path} does not exist")
    if path.is_dir():
        # Imported here: a folder's reader brings Markdown and YAML with it.
        from newsdesk.importers.folder import markdown_files

        files = markdown_files(path)
        if not files:
            raise ImportFailed(f"{path}: a folder with no Markdown articles in it")
        return Source(Kind.FOLDER, path, files)
    head = _head(path)
    # A file shorter than the head is all in it: no second read to look for a zip's directory.
    if zipfile.is_zipfile(io.BytesIO(head) if len(head) < _HEAD else path):
        return Source(Kind.BUNDLE, path)
    if head.startswith(ZIP_MAGIC) or path.suffix.lower() == ".zip":
        # It was told apart from other files, then refused as "not something newsdesk
        # imports", which a person holding a bundle .zip cannot act on.
        raise ImportFailed(
            f"{path}: a damaged zip file; it cannot be read as a zip (cut short while it was "
            "copied or downloaded?). Export the bundle again or copy it whole."
        )
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if text.startswith(b"<"):
        if b"<rss" in head and b"wordpress.org/export" in head:
            return Source(Kind.WXR, path)
        raise ImportFailed(f"{path}: XML, but not a WordPress export (WXR)")
    if text.startswith(b"{") or path.suffix.lower() == ".json":
        return Source(Kind.NINJS, path)
    if path.suffix.lower() in MARKDOWN_SUFFIXES or text.startswith(b"---"):
        return Source(Kind.MARKDOWN, path)
    raise ImportFailed(
        f"{path}: not something newsdesk imports (a bundle .zip, a WordPress .xml, "
        "a ninjs .json, a Markdown file or a folder of them)"
    )
