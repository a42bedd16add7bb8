"""Where a file dialog opens: the folder the same kind of file was last chosen in (this run),
else the person's Pictures folder for images and Documents for the rest, else their home;
never the folder newsdesk happened to be started from (a bundle exported "articles.zip" went
wherever the terminal was)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

_LAST: dict[str, str] = {}  # kind of file -> the folder it was last chosen in


def _standard(images: bool) -> str:
    kinds = (
        QStandardPaths.StandardLocation.PicturesLocation
        if images
        else QStandardPaths.StandardLocation.DocumentsLocation,
        QStandardPaths.StandardLocation.HomeLocation,
    )
    for kind in kinds:
        folder = QStandardPaths.writableLocation(kind)
        if folder and Path(folder).is_dir():
            return folder
    return str(Path.home())


def start(key: str, filters: str = "", suggested: str = "") -> str:
    """The path a dialog for files of ``key`` opens at: ``suggested`` when it is a whole path,
    else in the folder (with ``suggested`` as the file's name)."""
    if suggested and Path(suggested).is_absolute():
        return suggested
    folder = _LAST.get(key) or _standard("image" in filters.lower())
    return str(Path(folder) / suggested) if suggested else folder


def remember(key: str, chosen: str, *, directory: bool = False) -> None:
    """The next dialog for files of ``key`` opens where this one's choice was."""
    if chosen:
        _LAST[key] = chosen if directory else str(Path(chosen).parent)
