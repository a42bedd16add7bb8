"""Importing a WordPress export (WXR): posts per second and peak memory, beside the old path.

The baseline, measured in the same run, is the per-article path every import took before
``importers/bulk.py``: ``upsert_article`` (the ORM's ``create_article``) for each post.
Each import runs in a process of its own so its peak memory (ru_maxrss) is its own.
Run: ``.venv/bin/python bench/bench_import.py [--posts 2000 20000] [--baseline 300]``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "out" / "import"


def child(mode: str, wxr: Path, db: Path, limit: int) -> None:
    sys.path.insert(0, str(REPO))
    from newsdesk.importers.upsert import upsert_article
    from newsdesk.importers.wxr import iter_posts
    from newsdesk.services.importing import import_paths
    from newsdesk.services.opening import open_context

    db.unlink(missing_ok=True)
    ctx = open_context(str(db), seed=False)
    started = time.perf_counter()
    with ctx.session() as s:
        if mode == "bulk":
            count = len(import_paths(s, [wxr]))
        else:
            count = 0
            for fields, source in iter_posts(wxr):
                upsert_article(s, fields, source)
                count += 1
                if count >= limit:
                    break
    seconds = time.perf_counter() - started
    ctx.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"posts": count, "seconds": seconds, "rss_mb": rss}))


def run(mode: str, wxr: Path, limit: int = 0) -> dict[str, float]:
    db = OUT / f"{mode}-{wxr.stem}.newsdesk"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    cmd = [sys.executable, __file__, "--child", mode, str(wxr), str(db), str(limit)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--posts", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--baseline", type=int, default=300, help="posts for the old path")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.wxrgen import write_wxr

    OUT.mkdir(parents=True, exist_ok=True)
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())} ({os.cpu_count()} cores)")
    files = {}
    for n in args.posts:
        path = OUT / f"archive-{n}.xml"
        if not path.exists():
            write_wxr(path, n)
        files[n] = path
    old = run("old", files[max(args.posts)], args.baseline)
    old_rate = old["posts"] / old["seconds"]
    print(
        f"old per-article path: {old['posts']} posts in {old['seconds']:.2f} s = {old_rate:.0f} posts/s"
    )
    for n, path in files.items():
        new = run("bulk", path)
        rate = new["posts"] / new["seconds"]
        print(
            f"newsdesk import, {n:>6,} posts ({path.stat().st_size / 2**20:.0f} MB): "
            f"{new['seconds']:6.2f} s = {rate:5.0f} posts/s ({rate / old_rate:4.1f}× the old path), "
            f"peak memory {new['rss_mb']:.0f} MB"
        )
    print("targets: >= 1,000 posts/s (2,000 posts under 2 s); memory flat (100,000 posts < 500 MB)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
