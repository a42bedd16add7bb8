"""Start-up timestamps for finding where the time goes (issue 3's cold start): with
``NEWSDESK_STARTUP_TRACE`` set to the launch time (``time.time()`` of whoever started the
process, e.g. ``bench/bench_gui_startup.py --trace``), each moment is written to stderr as
seconds since the launch, the process's CPU seconds so far (all its threads; QtWebEngine's own
processes not counted) and the thread it happened on. Silent and nearly free otherwise."""

from __future__ import annotations

import os
import sys
import threading
import time

_LAUNCH = os.environ.get("NEWSDESK_STARTUP_TRACE", "")


def _launch_time() -> float | None:
    try:
        return float(_LAUNCH) if _LAUNCH else None
    except ValueError:
        return None


_START = _launch_time()


def mark(moment: str) -> None:
    """Note ``moment`` (only while tracing)."""
    if _START is None:
        return
    thread = "gui" if threading.current_thread() is threading.main_thread() else "worker"
    wall, cpu = time.time() - _START, time.process_time()
    sys.stderr.write(f"trace {wall:7.3f} {cpu:7.3f} {thread:6} {moment}\n")
    sys.stderr.flush()
