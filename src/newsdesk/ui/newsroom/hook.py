"""Putting the newsroom into the main window: a "Newsroom" dock beside the editor that follows
the open article, and the watcher that refreshes it (and the library list, and the open
article's fields) when another desk changes something."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMenu, QPushButton

from newsdesk.ui.newsroom.panel import NewsroomPanel
from newsdesk.ui.newsroom.watcher import ChangeRelay

if TYPE_CHECKING:
    from newsdesk.ui.mainwindow import MainWindow


class NewsroomHook(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.panel = NewsroomPanel(window.ui_ctx, window)
        self.dock = QDockWidget("Newsroom", window)
        self.dock.setObjectName("newsroomDock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()  # View → Newsroom; the status bar always shows stage and presence
        self.stage = QLabel()
        self.stage.setObjectName("newsroomStage")
        self.stage.setAccessibleName("Editorial stage")
        self.presence = QPushButton()
        self.presence.setObjectName("newsroomPresence")
        self.presence.setFlat(True)
        self.presence.setToolTip("Open the Newsroom panel to read on or take over")
        self.presence.setStyleSheet(
            "#newsroomPresence { background: #fff4d6; color: #5c3b00; padding: 1px 8px;"
            " border: 1px solid #e8c56a; border-radius: 4px; }"
        )
        self.presence.clicked.connect(self.dock.show)
        for widget in (self.presence, self.stage):
            widget.hide()
            window.statusBar().addPermanentWidget(widget)
        self.action = self.dock.toggleViewAction()
        self.action.setText("&Newsroom")
        self.action.setShortcut(QKeySequence("Ctrl+Alt+J"))
        for menu in window.menuBar().findChildren(QMenu):
            if window.act_history in menu.actions():  # the View menu: beside History
                menu.insertAction(window.act_history, self.action)
        window.article_opened.connect(lambda rec: self.panel.set_article(rec.id))
        # An article closed (sent to the Trash, deleted elsewhere): the panel and the status
        # bar's stage let go of it too; refreshing it would find it gone.
        self._unsubscribe = window.session.subscribe(self._on_session)
        self.panel.article_changed.connect(self._on_changed_here)
        self.panel.indicators_changed.connect(self._show_indicators)
        self.relay = ChangeRelay(window.ui_ctx.services.library.engine, self)
        self.relay.changed.connect(self._on_changed_elsewhere)
        if window.record is not None:
            self.panel.set_article(window.record.id)

    def _on_session(self, change: Any) -> None:
        from newsdesk.core.article_session import Event

        if change.event is Event.OPENED and change.detail is None:
            self.panel.set_article(None)

    def _show_indicators(self, stage: str, colour: str, presence: str) -> None:
        self.stage.setText(stage)
        self.stage.setStyleSheet(
            f"#newsroomStage {{ background: {colour}; color: white; padding: 1px 8px;"
            " border-radius: 8px; font-weight: 600; }"
        )
        self.stage.setVisible(bool(stage))
        self.presence.setText(presence.split(". You can")[0])
        self.presence.setVisible(bool(presence))

    def _on_changed_here(self, rec: Any) -> None:
        # A stage change, correction or embargo is a new version with a revision: the list,
        # the history and the open article follow, as for a change from another window.
        self.window._on_changed_elsewhere({rec.id})

    def _on_changed_elsewhere(self) -> None:
        # The library list follows other desks' saves through the window's LibraryWatcher.
        self.panel.refresh()

    def shutdown(self) -> None:
        self._unsubscribe()
        self.relay.stop()
        self.panel.shutdown()


def install(window: MainWindow) -> NewsroomHook:
    return NewsroomHook(window)
