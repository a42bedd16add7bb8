"""Cold start to the first painted main window on a 10,000-article library, against a bare
PySide6 window holding a loaded QWebEngineView, measured in the same run (subprocesses,
alternating, median of several).

Run: python bench/bench_gui_startup.py [--articles N] [--repeat R] [--trace]
Target (issue 3): newsdesk under 2x the bare window. The whole window (every pane, menus,
toolbars, the preview's page) paints before the library is open ("Opening library…"); then the
library opens, its first page is listed and the article open last time (as a person reopening
the app has one) is shown in the editor and the preview: the app is usable ("ready"). What the
window holds back until then (the newsroom, the library watcher, screen-reader names, the
filter choices) runs next: "settled", printed beside it. Each moment is printed. ``--trace`` runs the app once more with ``NEWSDESK_STARTUP_TRACE`` and prints
where its time went (``newsdesk.ui.trace``).
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
import time
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
    print(f"cpu {time.process_time():.3f}", flush=True)
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
        if line.startswith(("cpu ", "cpu-settled ")):  # the process's own CPU seconds
            seen[line.split()[0]] = float(line.split()[1])  # (QtWebEngine's not counted)
            continue
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
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--trace", action="store_true", help="one traced run: where time goes")
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
    cpu: dict[str, list[float]] = {"bare": [], "app": [], "settled": []}
    seen: dict[str, list[float]] = {
        name: [] for name in ("painted", "loaded", "listed", "article", "ready", "settled")
    }
    with tempfile.TemporaryDirectory() as base:
        reopen_article(db, base, args.articles)
        app_env = {**env, "NEWSDESK_BASEDIR": base, "NEWSDESK_EXIT_AFTER_PAINT": "1"}
        app = [sys.executable, "-m", "newsdesk", "--db", str(db)]
        timed(app, app_env, "settled")  # warm the OS caches
        if args.trace:
            trace(app, app_env)
            return
        timed([sys.executable, "-c", BARE], env)
        for _ in range(args.repeat):
            moments = timed([sys.executable, "-c", BARE], env)
            bare.append(moments["painted"])
            cpu["bare"].append(moments["cpu"])
            moments = timed(app, app_env, "settled")
            cpu["app"].append(moments["cpu"])
            cpu["settled"].append(moments["cpu-settled"])
            for name, values in seen.items():
                values.append(moments[name])
    b = statistics.median(bare)
    print(f"bare PySide6 window + loaded QWebEngineView: median {b:.3f} s  ({_list(bare)})")
    labels = {
        "painted": "main window painted, every pane in, library opening",
        "loaded": "  ... painted with its preview's page loaded (as the bare one)",
        "listed": f"  ... painted with the first page of {args.articles:,} articles listed",
        "article": "  ... painted with the article open last time in the preview",
        "ready": "usable: listed and the article shown (the figure for the target)",
        "settled": "  ... and what was held back for it run (newsroom, watcher, filters)",
    }
    for name, values in seen.items():
        m = statistics.median(values)
        print(f"{labels[name]}: median {m:.3f} s  ({_list(values)}), {m / b:.2f}x")
    cb, ca = statistics.median(cpu["bare"]), statistics.median(cpu["app"])
    print(f"CPU (user+sys of the process, QtWebEngine's own not counted): bare {cb:.3f} s"
          f" ({_list(cpu['bare'])}); app to usable {ca:.3f} s ({_list(cpu['app'])});"
          f" to settled {statistics.median(cpu['settled']):.3f} s")  # fmt: skip
    print(f"load average {os.getloadavg()[0]:.2f}; target: usable under 2x the bare window")


def reopen_article(db: Path, base: str, article_id: int) -> None:
    """The window state of a person who had article ``article_id`` open when they quit."""
    from newsdesk.paths import resolve_paths
    from newsdesk.ui.window_state import WindowState

    state = WindowState(resolve_paths(str(db), base))
    state.set_open_article(article_id, 0)
    state.sync()


def trace(app: list[str], env: dict[str, str]) -> None:
    """One run of the app with its start-up trace on stderr (``newsdesk.ui.trace``)."""
    started = time.time()
    proc = subprocess.Popen(
        app,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**env, "NEWSDESK_STARTUP_TRACE": repr(started)},
    )
    out, err = proc.communicate(timeout=60)
    print(f"{'':5}{'wall s':>7} {'cpu s':>7} thread moment (load average {os.getloadavg()[0]:.2f})")
    for line in err.splitlines():
        if line.startswith("trace "):
            print(line)
    print("stdout:", " ".join(out.split()))


def _list(values: list[float]) -> str:
    return ", ".join(f"{x:.2f}" for x in values)


if __name__ == "__main__":
    main()
