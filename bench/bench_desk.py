"""The desk's figures in one run (issue 11's Bench): start-up against the bare window, preview
keystroke p95, editor keystroke p95, whole-window keystroke p95 beside the bare editor widget,
and library open — each bench run as it is alone, one after another, with the machine's load
before each (other people's work on a shared machine weighs on every figure).

Run: python bench/bench_desk.py [--quick]   (--quick: fewer repeats, a 20,000-article list)
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def run(script: str, *args: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    load = os.getloadavg()[0]
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, str(HERE / script), *args], capture_output=True, text=True, env=env,
        timeout=1800,
    )  # fmt: skip
    took = time.perf_counter() - started
    wanted = ("median", "p95", "load:", "target", "open")
    lines = [line for line in done.stdout.splitlines() if any(w in line for w in wanted)]
    if done.returncode != 0:
        lines.append(f"FAILED ({done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
    print(f"== {script} {' '.join(args)}  (load {load:.2f} before, {took:.0f} s)", flush=True)
    for line in lines:
        print(f"   {line}", flush=True)
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    repeat = "3" if args.quick else "7"
    print(f"{os.cpu_count()} cores; load {os.getloadavg()}")
    run("bench_gui_startup.py", "--repeat", repeat)
    run("bench_preview.py", "100" if args.quick else "200")
    run("bench_editor.py")
    run("bench_session_typing.py", "200" if args.quick else "400")
    run(
        "bench_library_open.py",
        "--articles",
        "20000" if args.quick else "100000",
        "--repeat",
        repeat,
    )


if __name__ == "__main__":
    main()
