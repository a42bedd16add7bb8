"""``newsdesk --version`` and ``newsdesk search WORD`` as whole processes, beside the full way.

The baseline, measured in the same run, is what every command did before the command registry
and the quick search path: import every command module, open the library through SQLAlchemy
(checking its migrations), then search. Run: ``.venv/bin/python bench/bench_cli_startup.py [N]``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus

OUT = Path(__file__).resolve().parent / "out"
FULL_WAY = """
import sys
from newsdesk.cli.main import build_parser
from newsdesk.services.opening import open_context
from newsdesk.core.search import search
build_parser()
ctx = open_context(sys.argv[1], seed=False)
with ctx.session() as s:
    print(len(search(s, sys.argv[2], limit=20)))
ctx.close()
"""


def best_of(cmd: list[str], runs: int = 7) -> float:
    env = {**os.environ, "PYTHONPATH": str(corpus.REPO / "src")}
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    db = corpus.build(OUT / f"cli-{count}.newsdesk", count)
    py = sys.executable
    bare = best_of([py, "-c", "pass"])
    version = best_of([py, "-m", "newsdesk", "--version"])
    rows = []
    for word in ("harbour", "government", '"the government"'):
        quick = best_of([py, "-m", "newsdesk", "--db", str(db), "search", word])
        full = best_of([py, "-c", FULL_WAY, str(db), word])
        rows.append((word, quick, full))
    print(f"CLI start-up, {count:,} articles, best of 7 (python -c pass: {bare * 1000:.0f} ms)")
    print(f"  newsdesk --version          {version * 1000:6.0f} ms   target < 150 ms")
    for word, quick, full in rows:
        print(
            f"  newsdesk search {word:<18} {quick * 1000:6.0f} ms   the full way "
            f"{full * 1000:6.0f} ms  ({full / quick:4.1f}× faster; target < 300 ms)"
        )


if __name__ == "__main__":
    main()
