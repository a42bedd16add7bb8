"""Editor keystroke latency in a 100,000-word document.

Each sample: QTest.keyClick of a letter in the middle of the document (highlighting of the
edited block, spelling included, runs inside the key event), then processEvents so the
repaint happens too. Also prints the time to load the document (set_markdown highlights
every block once). Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/bench_editor.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from newsdesk.ui.editor.widget import MarkdownEditor

PARAGRAPH = (
    "The **council** met on Monday night and voted on the harbour wall after a long debate, "
    "said *Helena Carvalho*, the mayor, in a [statement](https://example.org/statement) that "
    "ran to several pages and included the word recieve misspelt once."
)


def document(words: int) -> str:
    blocks, total, i = [], 0, 0
    while total < words:
        block = f"## Part {i}" if i % 10 == 0 else (f"> {PARAGRAPH}" if i % 10 == 7 else PARAGRAPH)
        blocks.append(block)
        total += len(block.split())
        i += 1
    return "\n\n".join(blocks)


def main(samples: int = 300) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    editor = MarkdownEditor()
    editor.resize(1000, 800)
    editor.show()
    text = document(100_000)
    start = time.perf_counter()
    editor.set_markdown(text, cursor=len(text) // 2)
    app.processEvents()
    load_ms = (time.perf_counter() - start) * 1000
    edit = editor.text_edit
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.movePosition(cursor.MoveOperation.EndOfBlock)
    edit.setTextCursor(cursor)
    times: list[float] = []
    for n in range(samples):
        key = Qt.Key.Key_Space if n % 6 == 5 else Qt.Key(Qt.Key.Key_A + n % 26)
        start = time.perf_counter()
        QTest.keyClick(edit, key)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"words={len(text.split())} blocks={edit.document().blockCount()} load={load_ms:.0f} ms")
    print(
        f"keystroke (key event + highlight + repaint): p50={statistics.median(times):.2f} ms p95={p95:.2f} ms max={times[-1]:.2f} ms"
    )


if __name__ == "__main__":
    main()
