"""The library list over 100,000 articles: the first page of every sort, both directions,
beside the same queries without revision 0009's indexes (dropped in a copy, same run).

Run: ``.venv/bin/python bench/bench_library_sorts.py [--articles N]``. Target: < 0.2 s each.
"""

from __future__ import annotations

import argparse
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

from newsdesk.core.library_view import count_articles, list_page
from newsdesk.domain.listing import LibraryFilter
from newsdesk.storage.library import open_library

OUT = Path(__file__).resolve().parent / "out"
SORTS = ["updated", "headline", "section", "status", "words"]
NEW_INDEXES = ["ix_article_headline", "ix_article_word_count"]


def timings(path: Path, repeat: int) -> dict[tuple[str, bool], float]:
    lib = open_library(path)
    out = {}
    with lib.session_factory() as session:
        count_articles(session, LibraryFilter())
        for sort in SORTS:
            for descending in (False, True):
                runs = []
                for _ in range(repeat):
                    t0 = time.perf_counter()
                    rows = list_page(session, LibraryFilter(), sort=sort, descending=descending)
                    runs.append(time.perf_counter() - t0)
                    assert rows
                out[sort, descending] = statistics.median(runs)
    lib.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = corpus.build(OUT / f"search-{args.articles}.newsdesk", args.articles)
    ours = timings(path, args.repeat)
    bare = OUT / f"sorts-noindex-{args.articles}.newsdesk"
    shutil.copy(path, bare)
    conn = sqlite3.connect(bare)
    for name in NEW_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {name}")
    conn.commit()
    conn.close()
    base = timings(bare, args.repeat)
    bare.unlink()
    print(f"library list, {args.articles:,} articles, first page (median of {args.repeat})")
    for (sort, desc), secs in ours.items():
        old = base[sort, desc]
        print(
            f"  {sort:<9} {'desc' if desc else 'asc ':<5} {secs * 1000:7.1f} ms   "
            f"without the indexes {old * 1000:7.1f} ms  ({old / secs:5.1f}×)   target < 200 ms"
        )


if __name__ == "__main__":
    main()
