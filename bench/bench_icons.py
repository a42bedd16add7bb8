"""Start-up cost of the themed icons: import the icon module, create 30 icons and paint each
once, in a fresh process (QApplication already made), for newsdesk.ui.icons (own glyph engine
over qtawesome's font files) against the old path (``import qtawesome``, ``qta.icon``).

Two settings: "bare" (only QtWidgets imported and a QApplication made) and "in app" (also what
newsdesk has imported before its first icon anyway: PySide6's ``Qt`` namespace, which alone
costs ~15 ms the first time, json, dataclasses, pathlib).

Run: .venv/bin/python bench/bench_icons.py [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

NAMES = [
    "fa5s.archive", "fa5s.bold", "fa5s.cog", "fa5s.copy", "fa5s.exchange-alt", "fa5s.expand",
    "fa5s.eye", "fa5s.file-archive", "fa5s.file-code", "fa5s.file-export", "fa5s.file-import",
    "fa5s.file-medical", "fa5s.folder-open", "fa5s.globe", "fa5s.history", "fa5s.image",
    "fa5s.info-circle", "fa5s.italic", "fa5s.link", "fa5s.list-ol", "fa5s.list-ul", "fa5s.lock",
    "fa5s.newspaper", "fa5s.quote-right", "fa5s.save", "fa5s.search", "fa5s.sign-out-alt",
    "fa5s.stream", "fa5s.tags", "mdi6.format-header-1",
]  # fmt: skip

SETUP = """
import sys, time
{preload}
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
names = {names!r}
t0 = time.perf_counter()
"""

NEW = """
from newsdesk.ui.icons import icon
"""

OLD = """
import newsdesk.ui
import qtawesome as qta
from PySide6.QtGui import QGuiApplication, QPalette

def icon(name):
    palette = QGuiApplication.palette()
    return qta.icon(
        name,
        color=palette.color(QPalette.ColorRole.WindowText),
        color_disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
    )
"""

MEASURE = """
t1 = time.perf_counter()
icons = [icon(name) for name in names]
t2 = time.perf_counter()
pixmaps = [i.pixmap(16, 16) for i in icons]
t3 = time.perf_counter()
print(t1 - t0, t2 - t1, t3 - t2, "qtawesome" in sys.modules)
"""


PRELOAD = {
    "bare": "",
    "in app": "import json, dataclasses, pathlib\nfrom PySide6.QtCore import Qt",
}


def run(body: str, preload: str) -> tuple[float, float, float, bool]:
    code = SETUP.format(names=NAMES, preload=preload) + body + MEASURE
    env = {**os.environ, "PYTHONPATH": str(SRC), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    ).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), out[3] == "True"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    print(f"median of {args.repeat} fresh processes, {len(NAMES)} icons painted at 16x16 (ms)")
    print(
        f"{'setting':<7} {'path':<4} {'import':>7} {'create':>7} {'paint':>7} {'total':>7}  qtawesome"
    )
    for setting, preload in PRELOAD.items():
        results: dict[str, list[tuple[float, float, float, bool]]] = {"new": [], "old": []}
        for _ in range(args.repeat):  # alternate, so drift hits both alike
            results["new"].append(run(NEW, preload))
            results["old"].append(run(OLD, preload))
        for path, runs in results.items():
            imp, create, paint = (statistics.median(r[i] for r in runs) * 1000 for i in range(3))
            total = statistics.median(sum(r[:3]) for r in runs) * 1000
            print(
                f"{setting:<7} {path:<4} {imp:7.1f} {create:7.1f} {paint:7.1f} {total:7.1f}"
                f"  {'imported' if runs[0][3] else 'not imported'}"
            )


if __name__ == "__main__":
    main()
