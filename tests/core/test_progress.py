"""The progress protocol: counts, time left, cancelling, and the terminal display."""

from __future__ import annotations

import io

import pytest

from newsdesk.core.progress import Cancelled, Progress, ProgressState, TerminalProgress


def test_reports_counts_and_time_left() -> None:
    seen: list[ProgressState] = []
    progress = Progress(seen.append, min_interval=0)
    progress.start(4, "Exporting")
    for _ in range(4):
        progress.advance()
    assert [s.done for s in seen] == [0, 1, 2, 3, 4]
    assert seen[0].eta is None and seen[2].eta is not None and seen[-1].eta == 0
    assert seen[-1].fraction == 1.0 and seen[-1].label == "Exporting"


def test_cancel_stops_the_work_at_the_next_step() -> None:
    progress = Progress()
    progress.start(10, "Importing")
    progress.advance()
    progress.cancel()
    with pytest.raises(Cancelled, match="Importing was cancelled"):
        progress.advance()


def test_terminal_bar_and_plain_lines() -> None:
    tty = io.StringIO()
    progress = Progress(TerminalProgress(tty, tty=True), min_interval=0)
    progress.start(3, "Exporting site")
    for _ in range(3):
        progress.advance()
    assert "\r" in tty.getvalue() and "3/3" in tty.getvalue() and "left" in tty.getvalue()
    assert "[" + "#" * 30 + "]" in tty.getvalue()

    plain = io.StringIO()
    progress = Progress(TerminalProgress(plain, tty=False), min_interval=0)
    progress.start(100, "Importing")
    for _ in range(100):
        progress.advance()
    lines = plain.getvalue().splitlines()
    assert "\r" not in plain.getvalue()
    assert lines[0] == "Importing: 0/100" and lines[-1].startswith("Importing: 100/100")
    assert len(lines) == 11  # the start and every tenth, not a line per step
