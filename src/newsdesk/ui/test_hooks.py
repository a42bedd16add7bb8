"""Hooks that let an end-to-end test drive a real newsdesk process (crash recovery).

``NEWSDESK_TEST_TYPE``: text typed into the editor, one character every
``NEWSDESK_TEST_TYPE_INTERVAL_MS`` (a new article is made if none is open); each character is
reported on stdout as ``typed <count>``. ``NEWSDESK_TEST_REPORT``: a JSON file written with the
open article once it is shown, then the app quits. ``NEWSDESK_EXIT_AFTER_PAINT``: print
``painted`` when the main window is first painted (all its panes, the library still opening),
``loaded`` when it is painted with its preview's page loaded (what the bare-window baseline
measures), ``listed`` with the library's first page listed, ``article`` with the article open
last time shown in the preview, ``ready`` once the app is usable (listed, and the article
shown if one was open), and ``settled`` once the work the window holds back until then (the
newsroom, the library watcher, screen-reader names, the filter choices) has run, then quit
(start-up benchmark). Inactive unless those variables are set.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication

from newsdesk.ui.trace import mark

if TYPE_CHECKING:
    from newsdesk.domain.record import ArticleRecord


_seen: set[str] = set()  # the start-up moments printed so far


def _say(line: str) -> None:
    """One whole line in one write: with PYTHONUNBUFFERED, print() writes the text and its
    newline separately, and a test reading stdout and stderr from one pipe (``-X importtime``
    from another thread) would see the two torn apart."""
    sys.stdout.write(f"{line}\n")
    sys.stdout.flush()


def install_test_hooks(window: Any) -> None:
    text = os.environ.get("NEWSDESK_TEST_TYPE")
    report = os.environ.get("NEWSDESK_TEST_REPORT")
    if text:
        _start_typing(window, text, int(os.environ.get("NEWSDESK_TEST_TYPE_INTERVAL_MS", "50")))
    if report:
        _report_when_open(window, Path(report))
    if os.environ.get("NEWSDESK_EXIT_AFTER_PAINT"):
        _exit_when_usable(window)


def _moment(window: Any, line: str) -> None:
    """Print a start-up moment once, with the window painted as it is now."""
    if line not in _seen:
        _seen.add(line)
        window.repaint()  # paint now, as the baseline does
        _say(line)


def _exit_when_usable(window: Any) -> None:
    """``listed`` when the library's first page is in, ``article`` when the preview shows the
    article open last time, ``ready`` once both are there (the app is usable), ``settled``
    once the work held back for the first screen has run, then quit."""
    wants_article = window.state.open_article() is not None

    def settled() -> None:
        _say(f"cpu-settled {time.process_time():.3f}")
        _moment(window, "settled")
        QTimer.singleShot(0, QApplication.instance().quit)  # type: ignore[union-attr]

    def check() -> None:
        if "loaded" not in _seen or "ready" in _seen:
            return
        if window.library.model.rows:
            _moment(window, "listed")
        if "listed" in _seen and ("article" in _seen or not wants_article):
            _say(f"cpu {time.process_time():.3f}")  # this process's CPU seconds (the bench)
            _moment(window, "ready")
            if window.settled:
                settled()
            else:
                window.start_up_settled.connect(settled)

    def shown() -> None:
        if window.record is not None and "loaded" in _seen:
            _moment(window, "article")
            check()

    window.library.model.loaded.connect(check)
    window.preview.page.loadFinished.connect(lambda _ok: check())
    window.preview.page_ready.connect(shown)
    check()


def install_paint_hook(window: Any) -> None:
    """Before the window is shown: the start-up benchmark's ``painted``."""
    if os.environ.get("NEWSDESK_EXIT_AFTER_PAINT"):
        window.installEventFilter(_PaintWatcher(window, "painted"))

        def loaded(_ok: bool) -> None:
            if "loaded" not in _seen:
                _seen.add("loaded")
                window.repaint()  # as the baseline does: paint now, with the page loaded
                _say("loaded")

        window.preview.page.loadFinished.connect(loaded)


class _PaintWatcher(QObject):
    def __init__(self, parent: QObject, line: str) -> None:
        super().__init__(parent)
        self.line, self.done = line, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            mark("first paint")
            _say(self.line)
        return False


def _start_typing(window: Any, text: str, interval: int) -> None:
    typed = 0
    timer = QTimer(window)
    timer.setInterval(interval)

    def type_one() -> None:
        nonlocal typed
        if window.record is None or not window.isVisible():  # none open, or closed: no keys
            return
        if typed == 0:
            window.editor.text_edit.setFocus()
        if typed < len(text):
            window.editor.text_edit.insertPlainText(text[typed])
            typed += 1
            _say(f"typed {typed}")

    timer.timeout.connect(type_one)
    timer.start()
    if window.state.open_article() is None:
        QTimer.singleShot(0, window.new_article)
    _say("typing-started")


def _report_when_open(window: Any, path: Path) -> None:
    def write(rec: ArticleRecord) -> None:
        path.write_text(
            json.dumps(
                {
                    "article_id": rec.id,
                    "body": window.editor.markdown(),
                    "cursor": window.editor.cursor_position(),
                }
            ),
            encoding="utf-8",
        )
        QApplication.instance().quit()  # type: ignore[union-attr]

    if window.record is not None:
        write(window.record)
    else:
        window.article_opened.connect(write)
        QTimer.singleShot(15000, lambda: (path.write_text("{}"), window.close()))
