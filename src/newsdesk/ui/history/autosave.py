"""Autosave checkpoints for the editor: after the writer pauses, ask the revision service
whether the change since the last revision deserves one."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from newsdesk.services import history as revisions
from newsdesk.ui.context import UiContext
from newsdesk.ui.dbwork import run_in_library


class AutosaveCheckpointer(QObject):
    """Call ``article_saved(id)`` whenever the editor has written the article to the library;
    once the writer has paused for ``revisions.IDLE_PAUSE``, a checkpoint is tried.
    ``checkpoint_recorded(article_id, revision_id)`` fires when one was kept."""

    checkpoint_recorded = Signal(int, int)

    def __init__(
        self, ui_ctx: UiContext, parent: QObject | None = None, *, idle_ms: int | None = None
    ) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self._article: int | None = None
        self._timer = QTimer(self, singleShot=True)
        idle = idle_ms if idle_ms is not None else revisions.IDLE_PAUSE.total_seconds() * 1000
        self._timer.setInterval(int(idle))
        self._timer.timeout.connect(self.checkpoint)

    def article_saved(self, article_id: int) -> None:
        if self._article is not None and self._article != article_id:
            self.checkpoint()  # leaving one article for another counts as a pause
        self._article = article_id
        self._timer.start()

    def checkpoint(self) -> None:
        self._timer.stop()
        article = self._article
        if article is None:
            return

        def done(info: revisions.RevisionInfo | None) -> None:
            if info is not None:
                self.checkpoint_recorded.emit(info.article_id, info.id)

        run_in_library(
            self.ui_ctx,
            lambda s: revisions.autosave_checkpoint(s, article),
            done,
            title="Autosave",
        )
