"""Render time of a 1,000-word and a 10,000-word article: the Markdown body alone, and the whole
published page (templates, related modules) through the one renderer.

Run: .venv/bin/python bench/bench_render.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.pages import export_linker, render_article_page
from newsdesk.render.markdown import render_body
from newsdesk.render.page import load_theme
from newsdesk.services.opening import open_context

REPO = Path(__file__).resolve().parents[1]
SAMPLE = (
    REPO
    / "src"
    / "newsdesk"
    / "resources"
    / "sample"
    / "articles"
    / "porto-calhau-approves-seawall.md"
)


def article_of(words: int) -> str:
    body = SAMPLE.read_text(encoding="utf-8").split("---", 2)[2]
    out, count = [], 0
    while count < words:
        out.append(body)
        count += len(body.split())
    return "\n\n".join(out)


def timed(fn, repeat: int = 15) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fn()
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - t) * 1000)
    return statistics.median(runs), max(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(str(Path(tmp) / "lib.newsdesk"), seed=True)
        theme = load_theme(ctx.resources)
        for words in (1_000, 10_000):
            source = article_of(words)
            body_med, body_max = timed(lambda s=source: render_body(s))
            with ctx.session() as s:
                rec = create_article(
                    s,
                    ArticleRecord(
                        headline="Bench",
                        body=source,
                        section="World",
                        tags=["climate"],
                        status="published",
                    ),
                )
            with ctx.session() as s:
                page_med, page_max = timed(
                    lambda s=s, r=rec: render_article_page(s, r, export_linker(), theme)
                )
            print(
                f"{len(source.split()):>6} words: body {body_med:6.1f} ms (max {body_max:.1f})   whole page from stored body {page_med:6.1f} ms (max {page_max:.1f})"
            )
        ctx.close()


if __name__ == "__main__":
    main()
