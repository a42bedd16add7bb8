"""Cold start to the first painted main window on a 10,000-article library, against a bare
PySide6 window holding a loaded QWebEngineView, measured in the same run (subprocesses,
alternating, median of several).

Run: python bench/bench_gui_startup.py [--articles N] [--repeat R]
Target (issue 3): newsdesk under 2x the bare window. The whole window (every pane, menus,
toolbars, the preview's page) paints before the library is open ("Opening library…"); then the
library opens and its first page is listed. Each moment is printed.
"""

from __future__ import annotations

import argparse
import compileall
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
    # An installed newsdesk has its bytecode compiled (pip does it); a source tree under
    # PYTHONDONTWRITEBYTECODE would compile every module on every start.
    compileall.compile_dir(SRC, quiet=1)
    db = make_library(OUT / f"gui-{args.articles}.newsdesk", args.articles)
    env = {
        **os.environ,
        "PYTHONPATH": str(SRC),
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
    }
    if os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    bare: list[float] = []
    seen: dict[str, list[float]] = {"painted": [], "loaded": [], "ready": []}
    with tempfile.TemporaryDirectory() as base:
        app_env = {**env, "NEWSDESK_BASEDIR": base, "NEWSDESK_EXIT_AFTER_PAINT": "1"}
        app = [sys.executable, "-m", "newsdesk", "--db", str(db)]
        timed(app, app_env, "ready")  # warm the OS caches
        timed([sys.executable, "-c", BARE], env)
        for _ in range(args.repeat):
            bare.append(timed([sys.executable, "-c", BARE], env)["painted"])
            moments = timed(app, app_env, "ready")
            for name, values in seen.items():
                values.append(moments[name])
    b = statistics.median(bare)
    print(f"bare PySide6 window + loaded QWebEngineView: median {b:.3f} s  ({_list(bare)})")
    labels = {
        "painted": "main window painted, every pane in, library opening",
        "loaded": "  ... painted with its preview's page loaded (as the bare one)",
        "ready": f"  ... painted with the first page of {args.articles:,} articles listed",
    }
    for name, values in seen.items():
        m = statistics.median(values)
        print(f"{labels[name]}: median {m:.3f} s  ({_list(values)}), {m / b:.2f}x")
    print("target: the main window with its loaded preview under 2x the bare window")


def _list(values: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in values)


if __name__ == "__main__":
    main()
