"""File → Import… and File → Export ▸: ask where through the prompt seam, then run the
``services.transfer`` use-case off the GUI thread behind a progress dialog with Cancel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from newsdesk.core.progress import Progress
from newsdesk.errors import UserError
from newsdesk.ui.context import UiContext
from newsdesk.ui.progress import ProgressDialog, run_with_progress

IMPORT_FILTER = (
    "Articles (*.zip *.xml *.json *.md *.markdown *.txt);;Bundles (*.zip);;"
    "WordPress exports (*.xml);;ninjs (*.json);;Markdown (*.md *.markdown);;All files (*)"
)
BUNDLE_FILTER = "Article bundles (*.zip)"


def _service() -> ModuleType:
    """The import/export use-cases, loaded on first use (on the worker): the exporters are
    not needed for the window's first paint."""
    from newsdesk.services import transfer

    return transfer


class Transfers(QObject):
    """The import and export commands of one main window. ``finished(message)`` fires when a
    job is done (``imported`` as well after an import, so the library list is refreshed)."""

    finished = Signal(str)
    imported = Signal(list)  # the ids of the articles imported

    def __init__(self, ui_ctx: UiContext, parent: QWidget) -> None:
        super().__init__(parent)
        self.ui_ctx, self.window = ui_ctx, parent
        self.dialog: ProgressDialog | None = None  # the job in progress (tests watch it)

    def import_files(self) -> None:
        """Import files (bundles, WXR, ninjs, Markdown) or, if none are chosen, a folder."""
        chosen = self.ui_ctx.prompts.open_paths("Import articles", IMPORT_FILTER)
        if not chosen:
            folder = self.ui_ctx.prompts.open_path(
                "Import a folder of Markdown articles", directory=True
            )
            chosen = [folder] if folder else []
        if chosen:
            self.import_paths([Path(p) for p in chosen])

    def import_paths(self, paths: list[Path]) -> None:
        ctx = self.ui_ctx.services

        def done(result: tuple[str, list[int]]) -> None:
            message, ids = result
            self.imported.emit(ids)
            self._done(message)

        self._run("Importing", lambda p: _service().import_into_library(ctx, paths, p), done)

    def export_html(self, article_id: int | None) -> None:
        if article_id is None:
            self.ui_ctx.prompts.error("Export", "Open an article to export it as a page.")
            return
        self._export(
            self.ui_ctx.prompts.open_path("Export the page into a folder", directory=True),
            "Exporting the page",
            lambda ctx, dest, p: _service().export_article_html(ctx, article_id, dest, p),
            lambda path: f"Exported {path}",
        )

    def export_bundle(self, article_ids: list[int], suggested: str = "articles.zip") -> None:
        if not article_ids:
            self.ui_ctx.prompts.error("Export", "Select the articles to put in the bundle.")
            return
        self._export(
            self.ui_ctx.prompts.save_path("Export an article bundle", suggested, BUNDLE_FILTER),
            "Exporting the bundle",
            lambda ctx, dest, p: _service().export_articles_bundle(ctx, article_ids, dest, p),
            lambda message: f"Exported {message}",
        )

    def export_site(self) -> None:
        """Ask where, suggesting the folder the site last went to (read on a worker)."""
        ctx = self.ui_ctx.services
        self.ui_ctx.tasks.run(
            lambda: _service().site_folder_suggestion(ctx),
            self._ask_site_folder,
            self._no_suggestion,
            owner=self,
        )

    def _no_suggestion(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc  # a bug: the crash dialog shows it
        self._ask_site_folder("")  # the library cannot be read now: asked without one

    def _ask_site_folder(self, suggested: str) -> None:
        self._export(
            self.ui_ctx.prompts.site_folder("Export the static site", suggested),
            "Exporting the site",
            lambda ctx, dest, p: _service().export_whole_site(ctx, dest, p),
            str,
        )

    def _export(
        self,
        chosen: str | None,
        title: str,
        work: Callable[[Any, Path, Progress], Any],
        told: Callable[[Any], str],
    ) -> None:
        """Run an export into the place the person ``chosen`` (nothing if they cancelled)."""
        if not chosen:
            return
        ctx, dest = self.ui_ctx.services, Path(chosen)
        self._run(title, lambda p: work(ctx, dest, p), lambda result: self._done(told(result)))

    def _run(
        self, title: str, work: Callable[[Progress], Any], on_done: Callable[[Any], None]
    ) -> None:
        self.dialog = run_with_progress(
            self.ui_ctx,
            title,
            work,
            on_done,
            on_error=lambda exc: self._failed(title, exc),
            on_cancelled=lambda: self._done(f"{title} cancelled; nothing was changed."),
            parent=self.window,
        )

    def _failed(self, title: str, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc  # a bug: the crash dialog shows it
        self.ui_ctx.prompts.error(title, str(exc))
        self.finished.emit(str(exc))

    def _done(self, message: str) -> None:
        self.window.statusBar().showMessage(message, 10000)  # type: ignore[attr-defined]
        self.finished.emit(message)
