"""Importing an archive as a person does it: ``newsdesk import …`` as a whole process.

WordPress exports (one WXR file), ninjs items (one JSON file each, given as paths) and a
Jekyll folder of Markdown posts (every tenth with an image beside it), at each size, into a
new library; wall time, CPU time and peak memory (``/usr/bin/time``) of the whole process,
start-up and library creation included. The baseline, measured in the same run, is the
one-article path every import took before ``importers/bulk.py``: ``upsert_article`` per post
(rendering each body), in a process of its own.
Run: ``.venv/bin/python bench/bench_import.py [--sizes 2000 20000] [--big 100000]``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "out" / "import"
ENV = {**os.environ, "PYTHONPATH": f"{REPO / 'src'}:{REPO}", "QT_QPA_PLATFORM": "offscreen"}


def old_path(wxr: Path, db: Path, limit: int) -> None:
    """The per-article path (in a child process): posts per second."""
    from newsdesk.importers.upsert import upsert_article
    from newsdesk.importers.wxr import iter_posts
    from newsdesk.services.opening import open_context

    db.unlink(missing_ok=True)
    ctx = open_context(str(db), seed=False)
    started = time.perf_counter()
    count = 0
    with ctx.session() as s:
        for fields, source in iter_posts(wxr):
            upsert_article(s, fields, source)
            count += 1
            if count >= limit:
                break
    print(json.dumps({"posts": count, "seconds": time.perf_counter() - started}))
    ctx.close()


def whole_process(paths: list[Path], db: Path) -> dict[str, float]:
    """``newsdesk --db DB import PATHS`` under /usr/bin/time: wall, CPU seconds, peak MB."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = ["/usr/bin/time", "-f", "TIME %e %U %S %M", sys.executable, "-m", "newsdesk"]
    cmd += ["--db", str(db), "import", *map(str, paths)]
    done = subprocess.run(cmd, capture_output=True, text=True, env=ENV, check=False)
    if done.returncode != 0:
        raise SystemExit(f"import failed: {done.stderr[-2000:]}")
    line = next(x for x in reversed(done.stderr.splitlines()) if x.startswith("TIME "))
    wall, user, system, rss_kb = (float(x) for x in line.split()[1:])
    added = sum(1 for x in done.stdout.splitlines() if x.startswith("added "))
    return {"added": added, "wall": wall, "cpu": user + system, "rss_mb": rss_kb / 1024}


def write_step(paths: list[Path], db: Path) -> tuple[float, float]:
    """The whole import's wall time, and the part from its first "Importing" report (the
    write step, when it holds the library's write lock) to its end: issue 13's figure."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "newsdesk", "--db", str(db), "import", *map(str, paths)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=ENV)  # fmt: skip
    assert proc.stderr is not None
    writing = None
    for line in proc.stderr:
        if writing is None and line.startswith("Importing "):
            writing = time.perf_counter()
    proc.wait()
    ended = time.perf_counter()
    return ended - started, ended - (writing or started)


def inputs(kind: str, n: int) -> list[Path]:
    """The generated archive of ``kind`` with ``n`` posts (made once, kept in bench/out)."""
    from tests.filesgen import write_jekyll, write_ninjs
    from tests.newsroom import image_bytes
    from tests.wxrgen import write_wxr

    if kind == "wxr":
        path = OUT / f"archive-{n}.xml"
        if not path.exists():
            write_wxr(path, n)
        return [path]
    folder = OUT / f"{kind}-{n}"
    done = folder / ".complete"
    if not done.exists():
        if kind == "ninjs":
            write_ninjs(folder, n)
        else:
            write_jekyll(folder, n, image=image_bytes((200, 30, 30), "PNG"))
        done.touch()
    if kind == "ninjs":
        return sorted(folder.glob("*.json"))
    return [folder]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--kinds", nargs="+", default=["wxr", "ninjs", "folder"])
    parser.add_argument("--big", type=int, default=0, help="also a WXR of this many posts")
    parser.add_argument("--baseline", type=int, default=300, help="posts for the old path")
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"load average: {load()} ({os.cpu_count()} cores)")
    # An installed newsdesk has its bytecode compiled (pip does it); with
    # PYTHONDONTWRITEBYTECODE set, a source tree would compile every module at every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True,
                   capture_output=True)  # fmt: skip
    wxr = inputs("wxr", max(args.sizes))[0]
    cmd = [sys.executable, __file__, "--old", str(wxr), str(OUT / "old.newsdesk")]
    old = json.loads(
        subprocess.run([*cmd, str(args.baseline)], capture_output=True, text=True, env=ENV,
                       check=True).stdout.splitlines()[-1]
    )  # fmt: skip
    old_rate = old["posts"] / old["seconds"]
    print(f"old one-article path: {old['posts']} posts in {old['seconds']:.2f} s = "
          f"{old_rate:.0f} posts/s (in-process, import alone)")  # fmt: skip
    sizes = [(kind, n) for n in args.sizes for kind in args.kinds]
    if args.big:
        sizes.append(("wxr", args.big))
    for kind, n in sizes:
        paths = inputs(kind, n)
        got = whole_process(paths, OUT / f"{kind}-{n}.newsdesk")
        if got["added"] != n:
            raise SystemExit(f"{kind} {n}: {got['added']} articles added")
        rate = n / got["wall"]
        print(
            f"newsdesk import, {kind:>6} {n:>7,}: {got['wall']:6.2f} s = {rate:5.0f} posts/s "
            f"({rate / old_rate:4.1f}× the old path), CPU {got['cpu']:6.2f} s "
            f"({n / got['cpu']:5.0f} posts per CPU-second), peak {got['rss_mb']:4.0f} MB "
            f"[load {load()}]"
        )
        whole, writing = write_step(paths, OUT / f"{kind}-{n}.newsdesk")
        print(
            f"  write step (holds the write lock) at most {writing:5.2f} s of {whole:5.2f} s "
            f"({writing / whole:3.0%}): "
            f"others save while it reads [load {load()}]"
        )
    print("whole processes: start-up, a new library's creation and the commit included")
    print("targets: >= 1,000 posts/s (2,000 posts under 2 s); memory flat (100,000 posts < 500 MB)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--old":
        sys.path.insert(0, str(REPO / "src"))
        old_path(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
    else:
        main()
