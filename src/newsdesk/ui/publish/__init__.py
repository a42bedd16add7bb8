"""Publishing in the app: the publish dialog, the outbox panel and target settings.

``make_publish_actions`` is how the main window takes them in: Article → Publish…, the outbox
as a dock that also sends due jobs on a timer, and the targets with their doctor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QDockWidget, QVBoxLayout

from newsdesk.ui.layout import keep_text_room

if TYPE_CHECKING:
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.publish.outbox_panel import OutboxPanel

OUTBOX_INTERVAL_MS = 60_000  # how often waiting jobs are tried while the app is open


def make_publish_actions(window: MainWindow) -> list[QAction]:
    ui_ctx = window.ui_ctx
    dock = QDockWidget("Outbox", window)
    dock.setObjectName("outboxDock")  # exists from the start so restoreState can show it
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
    dock.hide()
    window.outbox_panel = None  # type: ignore[attr-defined]
    fit = keep_text_room(window, dock)  # a strip under the editor, not half the window

    def outbox() -> OutboxPanel:
        """The outbox panel, made on first use: it pulls in the publishers (httpx, keyring),
        which the first paint of the window does not need."""
        from newsdesk.ui.publish.outbox_panel import OutboxPanel

        panel: OutboxPanel | None = window.outbox_panel  # type: ignore[attr-defined]
        if panel is None:
            panel = OutboxPanel(ui_ctx)
            fitted: list[bool] = []  # once: a height the person gives it later is theirs

            def first_rows() -> None:
                if not fitted:
                    fitted.append(True)
                    QTimer.singleShot(0, window, fit)  # the rows and the reason are in

            panel.refreshed.connect(first_rows)
            dock.setWidget(panel)
            window.outbox_panel = panel  # type: ignore[attr-defined]
        return panel

    def publish() -> None:
        from newsdesk.ui.publish.publish_dialog import PublishDialog

        if window.record is None or window.record.id is None:
            return
        if not window.autosave.flush():  # publish what the person sees, or nothing
            ui_ctx.prompts.error(
                "Not saved", f"{window.autosave.state}\nPublish after it is saved."
            )
            return
        dialog = PublishDialog(ui_ctx, window.record.id, window, window.session)
        dialog.finished_publishing.connect(lambda _outcomes: outbox().refresh())
        dialog.open()

    def targets() -> None:
        from newsdesk.ui.publish.target_settings import TargetSettings

        dialog = QDialog(window)
        dialog.setWindowTitle("Publishing targets")
        layout = QVBoxLayout(dialog)
        layout.addWidget(TargetSettings(ui_ctx, dialog))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout.addWidget(buttons)
        dialog.resize(640, 480)
        dialog.open()

    def shown(visible: bool) -> None:
        if visible and ui_ctx.is_open:  # the window paints before its library is open
            outbox()

    def drain() -> None:
        if not window.isVisible():  # a closed window (its library closing) sends nothing
            return
        if window.outbox_panel is not None:  # type: ignore[attr-defined]
            outbox().drain(quiet=True)
            return

        # The publishers (httpx, keyring: most of a second of imports) load on a worker, so
        # the first drain after start-up does not stall typing; then the panel is made.
        def load() -> None:
            import newsdesk.services.publishing  # noqa: F401

        ui_ctx.tasks.run(load, lambda _none: outbox().drain(quiet=True), owner=dock)

    def library_opened() -> None:
        if dock.isVisible():
            outbox()
        timer.start()
        # Jobs left from last time go out soon after start-up (this also builds the panel).
        QTimer.singleShot(2000, dock, drain)

    dock.visibilityChanged.connect(shown)
    timer = QTimer(window, interval=OUTBOX_INTERVAL_MS)
    timer.timeout.connect(drain)
    if ui_ctx.is_open:
        library_opened()
    else:
        window.library_opened.connect(library_opened)

    act_publish = _action(window, "&Publish…", "Ctrl+Shift+U", publish)
    act_targets = _action(window, "Publishing &Targets…", "Ctrl+Alt+U", targets)
    act_outbox = dock.toggleViewAction()
    act_outbox.setText("&Outbox")
    act_outbox.setShortcut(QKeySequence("Ctrl+Alt+X"))
    act_outbox.toggled.connect(shown)  # before the window is shown too
    return [act_publish, act_outbox, act_targets]


def _action(window: MainWindow, text: str, keys: str, slot: object) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda _checked=False: slot())  # type: ignore[operator]
    return action
