"""CPU time to render one paragraph of a pathological inline pattern at 32, 64 and 128 KB, and
the growth per doubling (2.0 is linear, 4.0 quadratic). Issue 13: before render/linear_inline.py
40 KB of ``a<b `` took 8.5 s and each doubling of ``*a``, `` `a ``, ``"a`` about 3.5x.

Run: .venv/bin/python bench/bench_render_hostile.py [UNIT ...]
"""

from __future__ import annotations

import os
import sys
import time

from newsdesk.render.markdown import render_body

UNITS = ["*a", "**a", "*_a", "`a", "<a", "a<b ", "<http://a", "<a>", '"a', "'a", "\\",
         "[a](http://x) ", "[a](", "![a](", "&a", "<!--"]  # fmt: skip
SIZES = [32_000, 64_000, 128_000]


def cpu(source: str) -> float:
    start = time.process_time()
    render_body(source)
    return time.process_time() - start


def main() -> None:
    render_body("warm up *the* pipeline")
    print(f"load average {os.getloadavg()[0]:.2f} (CPU seconds of this process)")
    print(f"{'pattern':>16} " + " ".join(f"{n // 1000:>6} KB" for n in SIZES) + "  growth")
    for unit in sys.argv[1:] or UNITS:
        times = [cpu(unit * (n // len(unit))) for n in SIZES]
        growth = (times[-1] / max(times[0], 1e-3)) ** (1 / (len(SIZES) - 1))
        print(f"{unit!r:>16} " + " ".join(f"{t:8.3f}s" for t in times) + f"  {growth:5.2f}x")


if __name__ == "__main__":
    main()
