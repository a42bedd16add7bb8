"""Keystroke to preview updated (the next painted frame) on a 10,000-word article.

Each sample: change one paragraph's text, call PreviewPane.update_body, and wait for the
requestAnimationFrame callback after the patch (page_ready). Prints p50/p95/max.
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/bench_preview.py
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

from PySide6.QtCore import QCoreApplication, QEvent, QEventLoop, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from newsdesk.core.articles import ArticleRecord, create_article  # noqa: E402
from newsdesk.services.opening import open_context  # noqa: E402
from newsdesk.ui.context import UiContext  # noqa: E402
from newsdesk.ui.preview.pane import PreviewPane  # noqa: E402
from newsdesk.ui.prompts import ScriptedPrompts  # noqa: E402

SENTENCE = "The council met on Monday night and voted on the harbour wall after a long debate"


def article_paragraphs(words: int) -> list[str]:
    paragraphs, total, i = [], 0, 0
    while total < words:
        text = f"{SENTENCE} number {i}. {SENTENCE}, said *one* [source](https://example.org/{i})."
        if i % 12 == 5:
            text = f"## Section {i}"
        paragraphs.append(text)
        total += len(text.split())
        i += 1
    return paragraphs


def wait_for(signal, timeout_ms: int = 20000) -> None:
    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(loop.quit)


def main(samples: int = 200) -> None:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = open_context(os.path.join(tempfile.mkdtemp(), "bench.newsdesk"), seed=False)
    paragraphs = article_paragraphs(10_000)
    body = "\n\n".join(paragraphs)
    with ctx.session() as session:
        rec = create_article(session, ArticleRecord(headline="Bench", body=body, dateline="Oslo"))
    ui_ctx = UiContext(ctx, ScriptedPrompts())
    pane = PreviewPane(ui_ctx)
    pane.resize(900, 900)
    pane.show()
    pane.show_article(rec.id or 0)
    wait_for(pane.page_ready)
    times: list[float] = []
    typed = ""
    for n in range(samples):
        typed += "abcdefghij"[n % 10]
        edited = list(paragraphs)
        edited[len(paragraphs) // 2] = paragraphs[len(paragraphs) // 2] + " " + typed
        start = time.perf_counter()
        pane.update_body("\n\n".join(edited))
        wait_for(pane.page_ready)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"words={len(body.split())} blocks={len(paragraphs)} samples={samples}")
    print(
        f"keystroke→painted preview: p50={statistics.median(times):.1f} ms p95={p95:.1f} ms max={times[-1]:.1f} ms"
    )
    ui_ctx.tasks.wait()
    # Delete the pane (view, page, then its profile) now, while the application lives:
    # processEvents() alone never runs a deferred delete, so the page outlived the profile
    # and QtWebEngine crashed at exit (status 139) after printing.
    pane.close()
    pane.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    ctx.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
