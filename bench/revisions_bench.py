"""Figures for revision history: word-diff speed on a long article, autosave checkpoint cost,
and how many revisions a simulated two-hour writing session keeps.

Run: PYTHONPATH=src python bench/revisions_bench.py
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.core import revisions
from newsdesk.core.articles import ArticleRecord, create_article, update_article
from newsdesk.domain.diff import diff_words, stats, stats_between
from newsdesk.services.opening import open_context

SAMPLE = (
    Path(__file__).resolve().parents[1] / "src" / "newsdesk" / "resources" / "sample" / "articles"
)


def _long_text(words: int) -> str:
    bodies = [p.read_text(encoding="utf-8").split("---", 2)[2] for p in sorted(SAMPLE.glob("*.md"))]
    text = "\n\n".join(bodies)
    while len(text.split()) < words:
        text += "\n\n" + text
    return " ".join(text.split(" ")[:words])


def _timed(fn: Callable[[str, str], object], a: str, b: str, repeat: int = 5) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        fn(a, b)
        best = min(best, time.perf_counter() - start)
    return best * 1000


def _full(a: str, b: str) -> object:
    return stats(diff_words(a, b))


def main() -> None:
    for n in (1000, 5000, 20000):
        old = _long_text(n)
        mid = len(old) // 2
        new = old[:mid] + " an inserted clause, quite short, " + old[mid:].replace("the", "a", 3)
        rewrite = " ".join(reversed(old.split(" ")))
        print(
            f"{n:>6} words: diff_words local edit {_timed(diff_words, old, new):7.1f} ms"
            f" | stats_between {_timed(stats_between, old, new):6.1f} ms"
            f" | full rewrite {_timed(_full, old, rewrite, 1):8.1f} ms"
        )

    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_context(str(Path(tmp) / "bench.newsdesk"), seed=False)
        t0 = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
        with ctx.session() as s:
            rec = create_article(s, ArticleRecord(headline="Bench", body=_long_text(5000)))
            revisions.record_revision(s, rec.id, "save", now=t0)
            update_article(s, rec.id, {"body": _long_text(5000) + " One more sentence here."})
            start = time.perf_counter()
            revisions.autosave_checkpoint(s, rec.id, t0 + timedelta(minutes=1))
            print(f"autosave checkpoint, 5000-word article, small change: "
                  f"{(time.perf_counter() - start) * 1000:.1f} ms")  # fmt: skip

        words: list[str] = []
        vocab = _long_text(3000).split()
        kept = recorded = 0
        with ctx.session() as s:
            art = create_article(s, ArticleRecord(headline="Session", body="")).id
            step = timedelta(seconds=5)
            start = time.perf_counter()
            checkpoint_time = 0.0
            for tick in range(1, int(timedelta(hours=2) / step) + 1):
                now = t0 + tick * step
                words += vocab[(tick * 4) % len(vocab) : (tick * 4) % len(vocab) + 4]
                update_article(s, art, {"body": " ".join(words)})
                c0 = time.perf_counter()
                recorded += revisions.autosave_checkpoint(s, art, now) is not None
                checkpoint_time += time.perf_counter() - c0
                if tick % 180 == 0:
                    revisions.record_revision(s, art, "save", now=now)
            kept = len(revisions.list_revisions(s, art))
            print(
                f"two-hour session, a checkpoint every 5 s ({tick} calls, {len(words)} words): "
                f"{recorded} autosaves recorded, {kept} revisions kept; checkpoints took "
                f"{checkpoint_time:.1f} s in all ({checkpoint_time / tick * 1000:.1f} ms each); "
                f"whole loop {time.perf_counter() - start:.1f} s"
            )
        ctx.close()


if __name__ == "__main__":
    main()
