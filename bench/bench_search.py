"""Search over a generated 100,000-article library: newsdesk's plan vs plain FTS5 ranking.

Run: .venv/bin/python bench/bench_search.py [--articles N]
Prints median and p95 per query kind and overall, for ``core.search.search`` (top 50 with
snippets) and for plain ``SELECT rowid FROM article_fts WHERE ... ORDER BY rank LIMIT 50``.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time
from pathlib import Path

from corpus import build, vocabulary

from newsdesk.core.search import search, to_fts_query
from newsdesk.storage.library import open_library

OUT = Path(__file__).resolve().parent / "out"


def queries() -> dict[str, list[str]]:
    v = vocabulary()
    return {
        "common word": v[5:15],
        "mid word": v[200:210],
        "rare word": v[-10:],
        "two words": [f"{v[i]} {v[i + 40]}" for i in range(20, 30)],
        "phrase": [f'"{v[i]} {v[i + 1]}"' for i in range(0, 10)],
        "broad prefix": [
            "count*",
            "gov*",
            "pro*",
            "re*",
            "sta*",
            "wa*",
            "min*",
            "con*",
            "ele*",
            "ha*",
        ],
    }


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    path = build(OUT / f"search-{args.articles}.newsdesk", args.articles)
    lib = open_library(path)
    raw = sqlite3.connect(path)
    ours: dict[str, list[float]] = {}
    plain: dict[str, list[float]] = {}
    with lib.session_factory() as session:
        for kind, qs in queries().items():
            for q in qs:
                for _ in range(args.repeat):
                    t = time.perf_counter()
                    search(session, q, limit=50)
                    ours.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    raw.execute(
                        "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 50",
                        (to_fts_query(q),),
                    ).fetchall()
                    plain.setdefault(kind, []).append((time.perf_counter() - t) * 1000)
    print(f"library: {args.articles} articles ({path.stat().st_size / 2**20:.0f} MB)")
    print(f"{'query kind':<14} {'newsdesk med':>12} {'p95':>8}   {'plain FTS5 med':>14} {'p95':>8}")
    for kind in ours:
        print(
            f"{kind:<14} {statistics.median(ours[kind]):>10.1f}ms {pct(ours[kind], 95):>6.1f}ms   {statistics.median(plain[kind]):>12.1f}ms {pct(plain[kind], 95):>6.1f}ms"
        )
    all_ours = [x for v in ours.values() for x in v]
    all_plain = [x for v in plain.values() for x in v]
    print(
        f"{'ALL':<14} {statistics.median(all_ours):>10.1f}ms {pct(all_ours, 95):>6.1f}ms   {statistics.median(all_plain):>12.1f}ms {pct(all_plain, 95):>6.1f}ms"
    )
    lib.close()


if __name__ == "__main__":
    main()
