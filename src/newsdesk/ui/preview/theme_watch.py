"""Watching the folder of a theme being edited (a newsroom's own, ``newsdesk theme new``):
``changed`` fires once, shortly after a save, however the editor writes the file (in place,
or a new file renamed over the old one)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

DEBOUNCE_MS = 150  # editors write a file in a few steps; reload once


class ThemeWatcher(QObject):
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._on_change)
        self._watcher.directoryChanged.connect(self._on_change)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(self._fire)

    def watch(self, folder: Path | None) -> None:
        """Watch ``folder`` (its templates and static files); None stops watching."""
        if folder == self.folder:
            return
        self.folder = folder
        self._rewatch()

    def _rewatch(self) -> None:
        old = self._watcher.files() + self._watcher.directories()
        if old:
            self._watcher.removePaths(old)
        if self.folder is None or not self.folder.is_dir():
            return
        paths = [self.folder]
        for sub in ("templates", "static"):
            root = self.folder / sub
            if root.is_dir():
                paths += [p for p in root.rglob("*") if not p.name.startswith(".")]
                paths.append(root)
        self._watcher.addPaths([str(p) for p in paths])

    def _on_change(self, _path: str) -> None:
        self._timer.start()

    def _fire(self) -> None:
        self._rewatch()  # a file replaced by rename is a new file to watch
        self.changed.emit()
