"""Window state kept between runs (geometry, splitters, the open article and its cursor):
an INI file in the config folder, apart from the person's preferences."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from newsdesk.paths import Paths

FILENAME = "window-state.ini"
VERSION = 1


class WindowState:
    def __init__(self, paths: Paths) -> None:
        paths.config_dir.mkdir(parents=True, exist_ok=True)
        self._settings = QSettings(str(paths.config_dir / FILENAME), QSettings.Format.IniFormat)
        if str(self._settings.value("version", 0)) != str(VERSION):
            self._settings.clear()  # an unknown layout is dropped, never misread
            self._settings.setValue("version", VERSION)
        # The open article belongs to one library; several libraries share this file.
        digest = hashlib.sha1(str(Path(paths.db_path)).encode()).hexdigest()[:12]
        self._library = f"library-{digest}"

    @property
    def path(self) -> str:
        return self._settings.fileName()

    def geometry(self, name: str) -> QByteArray | None:
        value = self._settings.value(f"window/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, value: QByteArray) -> None:
        self._settings.setValue(f"window/{name}", value)

    def value(self, name: str, default: str = "") -> str:
        """A small piece of window state (the layout's name)."""
        return str(self._settings.value(f"window/{name}", default) or default)

    def set_value(self, name: str, value: str) -> None:
        self._settings.setValue(f"window/{name}", value)

    def open_article(self) -> tuple[int, int] | None:
        """(article id, cursor position) of the article open when newsdesk last ran."""
        article = self._settings.value(f"{self._library}/open_article")
        if article in (None, ""):
            return None
        cursor = self._settings.value(f"{self._library}/cursor", 0)
        try:
            return int(str(article)), int(str(cursor or 0))
        except (TypeError, ValueError):
            return None

    def set_open_article(self, article_id: int | None, cursor: int = 0) -> None:
        key = f"{self._library}/open_article"
        changed = str(self._settings.value(key, "") or "") != str(article_id or "")
        self._settings.setValue(key, article_id or "")
        self._settings.setValue(f"{self._library}/cursor", cursor)
        if changed:
            # Written now: a killed process still reopens this article. Only the cursor moved
            # (each autosave): QSettings writes it soon by itself, and a sync here took ~10 ms
            # of the GUI thread every two seconds of typing.
            self._settings.sync()

    def preview_look(self) -> str | None:
        """The learned site look the preview showed last time in this library (None: theme)."""
        return str(self._settings.value(f"{self._library}/preview_look", "") or "") or None

    def set_preview_look(self, name: str | None) -> None:
        self._settings.setValue(f"{self._library}/preview_look", name or "")

    def sync(self) -> None:
        self._settings.sync()
