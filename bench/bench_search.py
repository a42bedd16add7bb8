"""Search over generated 100,000- and 1,000,000-article libraries: newsdesk's ranked plan beside
the old plan and plain FTS5, in the same run.

Run: .venv/bin/python bench/bench_search.py [--articles 100000 1000000] [--repeat 3]
The libraries are built once and kept under bench/out (1,000,000 articles: about an hour and
7 GB). For each query kind it prints median and p95 wall time of a top-50 search with snippets:

- app: ``core.search.search`` as the window calls it (answered by the search process);
- quick: ``search_ranked`` on an APSW connection, as ``newsdesk search`` runs it;
- old: the previous plan (FTS5's own bm25 on the newest matches, ``search_sqlite``);
- plain: ``SELECT rowid FROM article_fts WHERE ... MATCH ... ORDER BY rank LIMIT 50``;
- quick cpu, old cpu: the CPU time of a quick and an old search, which the load on the machine
  does not stretch (the wall time of a search on an idle machine is about its CPU time).

and how many queries of the kind gave the same ten best as the old plan (allowing ties). The
machine's load is printed before and after: on a shared machine every figure grows with it.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from corpus import build, vocabulary

from newsdesk.core.search import SearchHit, search, search_ranked, search_sqlite, to_fts_query
from newsdesk.storage.fts_rank import open_read_only
from newsdesk.storage.library import open_library

OUT = Path(__file__).resolve().parent / "out"
PLANS = ("app", "quick", "old", "plain")
COLUMNS = (*PLANS, "quick cpu", "old cpu")


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


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return (time.perf_counter() - t) * 1000, out


def same_best(a: list[SearchHit], b: list[SearchHit]) -> bool:
    """The same ten, allowing ties: the same ids, or the same scores where ids differ."""
    return {h.id for h in a} == {h.id for h in b} or sorted(round(h.score, 9) for h in a) == sorted(
        round(h.score, 9) for h in b
    )


def run(articles: int, repeat: int, baseline_repeat: int) -> None:
    path = build(OUT / f"search-{articles}.newsdesk", articles)
    times: dict[tuple[str, str], list[float]] = {}
    agree: dict[str, int] = {}
    lib = open_library(path)
    print(f"\nlibrary: {articles} articles ({path.stat().st_size / 2**20:.0f} MB); {load()}")
    try:
        with lib.session_factory() as session:
            search(session, "warm up the search process", limit=50)
            for kind, qs in queries().items():
                for q in qs:
                    for _ in range(repeat):
                        ms, _hits = timed(lambda q=q: search(session, q, limit=50))
                        times.setdefault((kind, "app"), []).append(ms)
    finally:
        lib.close()
    ranked = open_read_only(path)
    ranked_top: dict[str, list[SearchHit]] = {}
    for kind, qs in queries().items():
        for q in qs:
            for _ in range(repeat):
                cpu = time.thread_time()
                ms, hits = timed(lambda q=q: search_ranked(ranked, q, limit=50))
                times.setdefault((kind, "quick"), []).append(ms)
                times.setdefault((kind, "quick cpu"), []).append((time.thread_time() - cpu) * 1000)
                ranked_top[q] = hits[:10]  # type: ignore[index]
    ranked.close()
    raw = sqlite3.connect(path)
    plain_sql = "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 50"
    for kind, qs in queries().items():
        for q in qs:
            for _ in range(baseline_repeat):
                cpu = time.thread_time()
                ms, hits = timed(lambda q=q: search_sqlite(raw, q, limit=50))
                times.setdefault((kind, "old"), []).append(ms)
                times.setdefault((kind, "old cpu"), []).append((time.thread_time() - cpu) * 1000)
                ms, _ = timed(lambda q=q: raw.execute(plain_sql, (to_fts_query(q),)).fetchall())
                times.setdefault((kind, "plain"), []).append(ms)
            agree[kind] = agree.get(kind, 0) + same_best(ranked_top[q], hits[:10])  # type: ignore[index]
    raw.close()
    print(f"after: {load()}")
    head = "".join(f"{plan + ' med':>14} {'p95':>7}" for plan in COLUMNS)
    print(f"{'query kind':<14}{head}   same 10 as old")
    for kind, qs in queries().items():
        cells = "".join(
            f"{statistics.median(times[kind, plan]):>12.1f}ms {pct(times[kind, plan], 95):>5.0f}ms"
            for plan in COLUMNS
        )
        print(f"{kind:<14}{cells}   {agree[kind]}/{len(qs)}")
    every = {plan: [x for (_, p), v in times.items() if p == plan for x in v] for plan in COLUMNS}
    cells = "".join(
        f"{statistics.median(every[plan]):>12.1f}ms {pct(every[plan], 95):>5.0f}ms"
        for plan in COLUMNS
    )
    print(f"{'ALL':<14}{cells}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--baseline-repeat", type=int, default=1, help="runs of old and plain")
    args = ap.parse_args()
    for articles in args.articles:
        run(articles, args.repeat, args.baseline_repeat)


if __name__ == "__main__":
    main()
