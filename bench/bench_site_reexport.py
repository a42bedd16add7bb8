"""Re-export of a large exported site after one edit, and with nothing changed, as a person
runs it: ``newsdesk --db L export site --out D`` as a whole process (start-up included).

Give a library and the folder it was last exported to (the same ``--base-url``): each round
changes one article's headline through the app's own code (not timed), then times the
command; then the command again with nothing changed. Prints wall and CPU (user + system)
seconds of each process, the files it wrote, and the machine's load beside them. newsdesk's
modules are compiled first, as an installed newsdesk's are.

Run: ``.venv/bin/python bench/bench_site_reexport.py --db bench/out/100k.newsdesk
--out bench/out/site100k --base-url https://example.org [--article ID] [--rounds 5]``
(targets: one edit < 0.3 s, nothing changed < 0.1 s, at 20,000 and 100,000 articles).

The default article is the middle one. An edit to one of the six newest (the Most popular
box, on every article page) changes every article page, and the re-export writes them all:
``--article`` with the newest id measures that (15.4 s, 20,011 files at 20,000 articles).
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsdesk.core.articles import update_article
from newsdesk.services.opening import open_context

TIME = Path("/usr/bin/time")


def timed_export(db: Path, out: Path, base_url: str | None) -> tuple[float, float, int, dict]:
    """One ``newsdesk export site`` process: wall seconds, CPU seconds (user + system, to the
    microsecond: ``time`` prints hundredths, too coarse for a 0.04 s process; the ``time``
    wrapper's own share, well under a millisecond, is in it), peak MB, its report."""
    cmd = [sys.executable, "-m", "newsdesk", "--db", str(db), "export", "site", "--out", str(out)]
    cmd += ["--json"] + (["--base-url", base_url] if base_url else [])
    with tempfile.NamedTemporaryFile("r") as usage:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        done = subprocess.run(
            [str(TIME), "-f", "%M", "-o", usage.name, *cmd], capture_output=True, text=True
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        peak = usage.read().split()[-1]
    if done.returncode != 0:
        raise SystemExit(f"newsdesk export site failed: {done.stderr[-800:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, int(peak) // 1024, json.loads(done.stdout)


def edit(db: Path, article: int, stamp: str) -> None:
    ctx = open_context(str(db), seed=False)
    with ctx.session() as s:
        update_article(s, article, {"headline": f"A changed headline for the benchmark {stamp}"})
    ctx.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base-url", default=None)
    parser.add_argument("--article", type=int, default=None, help="default: the middle one")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    # An installed newsdesk has its modules compiled (pip writes the bytecode); a checkout run
    # with PYTHONDONTWRITEBYTECODE would compile them again in every timed process (~0.04 s
    # of CPU of a one-edit re-export: 0.161 s without bytecode, 0.124 s with it, at 20,000).
    compileall.compile_dir(Path(__file__).resolve().parents[1] / "src", quiet=1)
    if args.article is None:
        import sqlite3

        conn = sqlite3.connect(args.db)
        (count,) = conn.execute("SELECT count(*) FROM article").fetchone()
        conn.close()
        args.article = max(1, count // 2)  # not among the newest (Most popular)
    timed_export(args.db, args.out, args.base_url)  # anything left from before, not timed
    one: list[tuple[float, float]] = []
    for n in range(args.rounds):
        edit(args.db, args.article, f"{time.time():.6f}")
        wall, cpu, peak, report = timed_export(args.db, args.out, args.base_url)
        load = os.getloadavg()[0]
        one.append((wall, cpu))
        print(
            f"one edit   {n + 1}: {wall:.3f} s wall, {cpu:.3f} s CPU, peak {peak} MB,"
            f" {report['written']} written of {report['total']}  (load {load:.2f})"
        )
    none: list[tuple[float, float]] = []
    for n in range(args.rounds):
        wall, cpu, peak, report = timed_export(args.db, args.out, args.base_url)
        none.append((wall, cpu))
        print(
            f"no change  {n + 1}: {wall:.3f} s wall, {cpu:.3f} s CPU, {report['written']} written"
            f"  (load {os.getloadavg()[0]:.2f})"
        )
    for name, runs in (("one edit", one), ("no change", none)):
        walls, cpus = [w for w, _ in runs], [c for _, c in runs]
        print(
            f"{name:>9}: wall best {min(walls):.3f} / median {statistics.median(walls):.3f}"
            f" / worst {max(walls):.3f} s, CPU best {min(cpus):.3f} / median"
            f" {statistics.median(cpus):.3f} / worst {max(cpus):.3f} s"
        )
    print("targets: one edit < 0.3 s, no change < 0.1 s (whole process)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
