"""Keystroke to painted preview on a 10,000-word article, in the newsdesk theme and in a
learned site look, one after the other in the same process (same machine load).

The look is learned first from a real post page (default: the newest post of the WordPress
of scripts/wordpress/start.sh). Prints p50/p95/max for each.
Run: PYTHONPATH=src QT_QPA_PLATFORM=offscreen python bench/bench_preview_look.py [--from URL]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_preview import article_paragraphs, wait_for
from PySide6.QtWidgets import QApplication

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.looks.fetch import Fetcher, newest_post_url
from newsdesk.looks.snapshot import take_snapshot
from newsdesk.services.looks import save_snapshot
from newsdesk.services.opening import open_context
from newsdesk.ui.context import UiContext
from newsdesk.ui.preview.pane import PreviewPane
from newsdesk.ui.prompts import ScriptedPrompts


def measure(pane: PreviewPane, article_id: int, paragraphs: list[str], samples: int) -> list[float]:
    pane.show_article(article_id)
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
    return sorted(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--from", dest="url", help="a published post's address")
    parser.add_argument("--samples", type=int, default=150)
    args = parser.parse_args()
    url = args.url
    fetcher = Fetcher()
    if url is None:
        wp_dir = Path(os.environ.get("NEWSDESK_WP_DIR", "/tmp/newsdesk-wp"))
        base = json.loads((wp_dir / "credentials.json").read_text())["base_url"]
        url = newest_post_url(fetcher, base, "wordpress")
    snapshot = take_snapshot(fetcher, url)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    ctx = open_context(os.path.join(tempfile.mkdtemp(), "bench.newsdesk"), seed=False)
    paragraphs = article_paragraphs(10_000)
    with ctx.session() as session:
        save_snapshot(session, "site", "", snapshot)
        rec = create_article(session, ArticleRecord(headline="Bench", body="\n\n".join(paragraphs),
                                                    dateline="Oslo"))  # fmt: skip
    ui_ctx = UiContext(ctx, ScriptedPrompts())
    pane = PreviewPane(ui_ctx)
    pane.resize(900, 900)
    pane.show()
    print(f"look learned from {url} ({snapshot.platform}); {len(paragraphs)} blocks")
    for label, look in (("newsdesk theme", None), (f"site look ({snapshot.platform})", "site")):
        pane.set_look(look)
        times = measure(pane, rec.id or 0, paragraphs, args.samples)
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"{label:32} keystroke→painted: p50={statistics.median(times):.1f} ms "
              f"p95={p95:.1f} ms max={times[-1]:.1f} ms")  # fmt: skip
    ui_ctx.tasks.wait()
    pane.deleteLater()
    app.processEvents()
    ctx.close()


if __name__ == "__main__":
    main()
