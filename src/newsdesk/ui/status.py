"""The status bar's article half: words, characters and reading time of the open body (after
a pause in typing, counted paragraph by paragraph) and the save state, as the
``ArticleSession`` tells them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel

if TYPE_CHECKING:  # Markdown loads after the first paint (issue 3's start-up)
    from PySide6.QtWidgets import QMainWindow

    from newsdesk.core.article_session import ArticleSession
    from newsdesk.services.counting import WordCounter

STATS_PAUSE_MS = 300
NOT_SAVED_STYLE = "color: #c0392b; font-weight: bold;"


class StatusLine(QObject):
    def __init__(self, window: QMainWindow, session: ArticleSession) -> None:
        super().__init__(window)
        self.session = session
        self.stats_label = QLabel("")
        self.save_label = QLabel("")
        self.save_label.setObjectName("saveState")
        window.statusBar().addWidget(self.stats_label, 1)
        window.statusBar().addPermanentWidget(self.save_label)
        self._counter: WordCounter | None = None  # paragraphs' counts, kept while typing
        self.stats_timer = QTimer(self, singleShot=True, interval=STATS_PAUSE_MS)
        self.stats_timer.timeout.connect(self.update_stats)

    def update_stats(self) -> None:
        from newsdesk.services.counting import WordCounter, text_stats

        session = self.session
        if self._counter is None:
            self._counter = WordCounter()
        self.stats_label.setText(
            text_stats(session.body(), self._counter) if session.is_open else ""
        )

    def body_typed(self) -> None:
        self.stats_timer.start()  # counted once typing pauses

    def show_state(self) -> None:
        from newsdesk.core.article_session import SaveState

        session = self.session
        self.save_label.setText(session.message if session.is_open else "")
        failed = session.state is SaveState.NOT_SAVED
        self.save_label.setStyleSheet(NOT_SAVED_STYLE if failed else "")
