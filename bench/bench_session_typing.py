"""Keystroke latency in the whole window (editor + the ArticleSession's observers: status bar,
preview patch request, tag suggestions, autosave) against the bare editor widget, in one run,
on a 10,000-word article. Each sample: QTest.keyClick of a letter, then processEvents.

A third line types into the same window with the preview's block render on the worker thread
(as before issue 11's fix: the render then shares the GIL with the GUI thread) instead of its
child process. The three alternate in rounds, so a machine loaded by others weighs on each alike.
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/bench_session_typing.py [samples]
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
if hasattr(os, "geteuid") and os.geteuid() == 0:
    os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")

from newsdesk.ui.preview.scheme import register_schemes

register_schemes()

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QPlainTextEdit  # noqa: E402

PARAGRAPH = (
    "The council met on Monday night and voted on the harbour wall after a long debate, said "
    "Helena Carvalho, the mayor, in a statement that ran to several pages."
)


def _type(app: QApplication, edit: QPlainTextEdit, samples: int) -> list[float]:
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.setPosition(len(edit.toPlainText()) // 2)
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    edit.setTextCursor(cursor)
    times = []
    for n in range(samples):
        key = Qt.Key.Key_Space if n % 6 == 5 else Qt.Key(Qt.Key.Key_A + n % 26)
        start = time.perf_counter()
        QTest.keyClick(edit, key)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return times


def _report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    print(f"{name:<28} p50 {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms")


def main(samples: int = 200) -> None:
    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.services.opening import open_context
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.editor.widget import MarkdownEditor
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.prompts import ScriptedPrompts
    from newsdesk.ui.window_state import WindowState

    app = QApplication.instance() or QApplication(sys.argv[:1])
    body = "\n\n".join([PARAGRAPH] * 360)  # about 10,000 words
    bare = MarkdownEditor()
    bare.resize(800, 700)
    bare.show()
    bare.set_markdown(body)
    with tempfile.TemporaryDirectory() as base:
        ctx = open_context(f"{base}/bench.newsdesk", base, seed=False)
        with ctx.session() as s:
            rec = create_article(s, ArticleRecord(headline="Harbour wall", body=body))
        window = MainWindow(UiContext(ctx, ScriptedPrompts()), WindowState(ctx.paths))
        window.resize(1366, 768)
        window.start()
        window.show()
        window.open_article(rec.id)
        deadline = time.monotonic() + 30
        while window.preview._shown is None and time.monotonic() < deadline:
            app.processEvents()
        import newsdesk.ui.preview.pane as pane_module

        in_process = pane_module.PROCESS_CHARS
        deadline = time.monotonic() + 30
        while not window.preview._render_process.ready and time.monotonic() < deadline:
            app.processEvents()
        _type(app, bare.text_edit, 20)  # warm both up
        _type(app, window.editor.text_edit, 20)
        before = len(window.editor.markdown())
        bare_times: list[float] = []
        window_times: list[float] = []
        thread_times: list[float] = []
        rounds = 4
        for _round in range(rounds):
            bare_times += _type(app, bare.text_edit, samples // rounds)
            pane_module.PROCESS_CHARS = in_process
            window_times += _type(app, window.editor.text_edit, samples // rounds)
            pane_module.PROCESS_CHARS = 10**12  # every render on the worker thread
            thread_times += _type(app, window.editor.text_edit, samples // rounds)
        pane_module.PROCESS_CHARS = in_process
        typed = len(window_times) + len(thread_times)
        assert len(window.editor.markdown()) == before + typed, "the keystrokes did not land"
        print(f"load: {os.getloadavg()[0]:.2f} (1 min average), {os.cpu_count()} cores")
        _report("bare editor widget", bare_times)
        _report("whole window (session)", window_times)
        _report("whole window, thread render", thread_times)
        window.close()  # saves, stops watching, ends the preview's render process
        window.ui_ctx.tasks.wait()
        ctx.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
