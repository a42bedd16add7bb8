"""Cold start to the first painted main window on a 10,000-article library, against a bare
PySide6 window holding a loaded QWebEngineView, measured in the same run (subprocesses,
alternating, median of several).

Run: python bench/bench_gui_startup.py [--articles N] [--repeat R]
Target (issue 3): newsdesk under 2x the bare window. The window paints first ("Opening
library…") and gets its panes once the library is open: both moments are printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gui_corpus import make_library

OUT = Path(__file__).resolve().parent / "out"
SRC = Path(__file__).resolve().parents[1] / "src"

BARE = r"""
import sys
from PySide6.QtCore import QTimer, Qt
from PySide6.QtWidgets import QApplication, QMainWindow
QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
from PySide6.QtWebEngineWidgets import QWebEngineView
app = QApplication(sys.argv[:1])
window = QMainWindow()
view = QWebEngineView()
window.setCentralWidget(view)
window.resize(1600, 960)
def on_loaded(_ok):
    window.repaint()  # paint now, with the page loaded
    print("painted", flush=True)
    QTimer.singleShot(0, app.quit)
view.loadFinished.connect(on_loaded)
view.setHtml("<html><body><h1>Hello</h1><p>A page.</p></body></html>")
window.show()
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str], until: str = "painted") -> dict[str, float]:
    """Seconds from launch to each line printed, up to the line ``until``."""
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert proc.stdout is not None
    seen: dict[str, float] = {}
    for line in proc.stdout:
        seen.setdefault(line.strip(), time.perf_counter() - started)
        if line.strip() == until:
            break
    else:
        raise RuntimeError(f"{cmd[:3]} never printed {until!r}")
    proc.wait(30)
    return seen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    db = make_library(OUT / f"gui-{args.articles}.newsdesk", args.articles)
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    bare, ours, ready = [], [], []
    with tempfile.TemporaryDirectory() as base:
        app_env = {**env, "NEWSDESK_BASEDIR": base, "NEWSDESK_EXIT_AFTER_PAINT": "1"}
        app = [sys.executable, "-m", "newsdesk", "--db", str(db)]
        timed(app, app_env, "ready")  # warm the OS caches
        timed([sys.executable, "-c", BARE], env)
        for _ in range(args.repeat):
            bare.append(timed([sys.executable, "-c", BARE], env)["painted"])
            seen = timed(app, app_env, "ready")
            ours.append(seen["painted"])
            ready.append(seen["ready"])
    b, o = statistics.median(bare), statistics.median(ours)
    print(
        f"bare PySide6 window + loaded QWebEngineView: median {b:.3f} s  ({', '.join(f'{x:.2f}' for x in bare)})"
    )
    print(
        f"newsdesk main window, {args.articles:,} articles: median {o:.3f} s  ({', '.join(f'{x:.2f}' for x in ours)})"
    )
    print(f"ratio {o / b:.2f}x (target < 2x)")
    r = statistics.median(ready)
    print(
        f"  ... painted with its panes in (library open): median {r:.3f} s  ({', '.join(f'{x:.2f}' for x in ready)}), {r / b:.2f}x"
    )


if __name__ == "__main__":
    main()
