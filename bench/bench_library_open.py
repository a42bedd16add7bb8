"""The library browser over 100,000 articles: time to open (first rows shown, count known)
and to scroll (each further page), for the default order and a headline sort.

Run: python bench/bench_library_open.py [--articles N] [--repeat R]
Target (issue 3): the list of 100,000 articles opens in under 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui_corpus import make_library

OUT = Path(__file__).resolve().parent / "out"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    db = make_library(OUT / f"gui-{args.articles}.newsdesk", args.articles)

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from newsdesk.services.opening import open_context
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.library.browser import LibraryBrowser
    from newsdesk.ui.prompts import ScriptedPrompts

    app = QApplication.instance() or QApplication([])
    ctx = open_context(str(db), seed=False)
    ui_ctx = UiContext(ctx, ScriptedPrompts())

    def wait_loaded(browser: LibraryBrowser) -> None:
        loop = QEventLoop()
        browser.model.loaded.connect(loop.quit)
        QTimer.singleShot(10000, loop.quit)
        loop.exec()
        browser.model.loaded.disconnect(loop.quit)

    def run(sort_column: int | None) -> tuple[float, float]:
        browser = LibraryBrowser(ui_ctx)
        browser.resize(600, 900)
        browser.show()
        started = time.perf_counter()
        if sort_column is None:
            browser.start()
        else:
            browser.table.sortByColumn(sort_column, Qt.SortOrder.AscendingOrder)
        wait_loaded(browser)
        app.processEvents()  # the first rows painted
        opened = time.perf_counter() - started
        page_times = []
        for _ in range(5):  # scrolling to the bottom asks for the next page
            started = time.perf_counter()
            browser.table.scrollToBottom()
            browser.model.fetchMore()
            wait_loaded(browser)
            app.processEvents()
            page_times.append(time.perf_counter() - started)
        assert browser.model.total == args.articles, browser.model.total
        browser.close()
        browser.deleteLater()
        return opened, statistics.median(page_times)

    for label, column in (("newest first", None), ("by headline", 0)):
        results = [run(column) for _ in range(args.repeat)]
        opens = sorted(r[0] for r in results)
        pages = sorted(r[1] for r in results)
        print(
            f"{args.articles:,} articles, {label}: open median {statistics.median(opens) * 1000:.0f} ms "
            f"(max {opens[-1] * 1000:.0f} ms), next page median {statistics.median(pages) * 1000:.0f} ms"
        )
    ctx.close()


if __name__ == "__main__":
    main()
