"""Typing latency in the whole main window (not the editor alone), with the window's
keyboard guard (ui/keys.ShortcutGuard: Ctrl+E and friends win over a field's Emacs keys)
watching the focused field, against the same window with the guard removed, alternating
blocks in one run.

Each sample: QTest.keyClick of a letter at the end of an open sample article's body, then
processEvents (the highlighter, autosave bookkeeping, the preview update all run).
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/bench_window_typing.py [--keys N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def p95(samples: list[float]) -> float:
    return sorted(samples)[int(len(samples) * 0.95) - 1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--keys", type=int, default=200, help="keys per block")
    parser.add_argument("--blocks", type=int, default=6)
    args = parser.parse_args()
    from newsdesk.ui.preview.scheme import register_schemes

    register_schemes()
    app = QApplication(sys.argv[:1])
    base = tempfile.mkdtemp()
    os.environ["NEWSDESK_BASEDIR"] = base
    from newsdesk.services.opening import open_context
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.prompts import ScriptedPrompts
    from newsdesk.ui.window_state import WindowState

    ctx = open_context(os.path.join(base, "bench.newsdesk"), seed=True)
    window = MainWindow(UiContext(ctx, ScriptedPrompts()), WindowState(ctx.paths))
    window.start()
    window.show()
    window.activateWindow()
    deadline = time.monotonic() + 30
    while window.library.model.total == 0 and time.monotonic() < deadline:
        app.processEvents()
    window.open_article(window.library.model.rows[0].id)
    while window.record is None and time.monotonic() < deadline:
        app.processEvents()
    edit = window.editor.text_edit
    edit.setFocus()
    app.processEvents()
    QTest.keyClick(edit, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    guard = window.shortcut_guard
    results: dict[str, list[float]] = {"guard": [], "no guard": []}
    for block in range(args.blocks):
        on = block % 2 == 0
        if on:
            edit.installEventFilter(guard)
        else:
            edit.removeEventFilter(guard)
        samples = results["guard" if on else "no guard"]
        for i in range(args.keys):
            start = time.perf_counter()
            QTest.keyClick(edit, "abcdefghij "[i % 11])
            app.processEvents()
            samples.append((time.perf_counter() - start) * 1000)
    for name, samples in results.items():
        print(f"window keystroke ({name}): median {statistics.median(samples):.2f} ms, "
              f"p95 {p95(samples):.2f} ms over {len(samples)} keys")  # fmt: skip
    window.autosave.flush()
    window.close()
    ctx.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
