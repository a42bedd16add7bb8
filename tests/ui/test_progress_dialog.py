"""The progress dialog: shows counts from a worker thread, and Cancel stops the work."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton

from newsdesk.core.progress import Progress
from newsdesk.ui.context import UiContext
from newsdesk.ui.progress import run_with_progress
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.tasks import TaskRunner


def _ui(ctx) -> UiContext:
    return UiContext(services=ctx, prompts=ScriptedPrompts(), tasks=TaskRunner())


def test_dialog_follows_the_work_and_returns_its_result(qtbot, ctx) -> None:
    ui = _ui(ctx)
    gate = threading.Event()
    results: list[object] = []

    def work(progress: Progress) -> str:
        progress.start(50, "Exporting site")
        for i in range(50):
            if i == 20:
                gate.wait(10)
            progress.advance()
        return "done"

    dialog = run_with_progress(ui, "Export site", work, results.append)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.value() == 20 and dialog.maximum() == 50, timeout=5000)
    assert dialog.labelText().startswith("Exporting site — 20 of 50")
    gate.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=5000)
    assert not dialog.isVisible()


def test_cancel_stops_the_work_without_an_error(qtbot, ctx) -> None:
    ui = _ui(ctx)
    gate = threading.Event()
    outcome: list[str] = []

    def work(progress: Progress) -> None:
        progress.start(100, "Importing")
        for i in range(100):
            if i == 10:
                gate.wait(10)
            progress.advance()
        outcome.append("finished")

    dialog = run_with_progress(
        ui, "Import", work, lambda _r: outcome.append("done"),
        on_error=lambda exc: outcome.append(f"error {exc}"),
        on_cancelled=lambda: outcome.append("cancelled"),
    )  # fmt: skip
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.value() == 10, timeout=5000)
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Cancel"
    qtbot.mouseClick(
        cancel, __import__("PySide6.QtCore", fromlist=["Qt"]).Qt.MouseButton.LeftButton
    )
    gate.set()
    qtbot.waitUntil(lambda: outcome == ["cancelled"], timeout=5000)
    assert ui.tasks.wait(5000)
