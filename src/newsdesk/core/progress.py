"""Progress reporting for long exports and imports, with no Qt in it.

A service takes a ``Progress`` and calls ``start(total)``, ``advance()`` and ``check()``; the
CLI shows a bar (or plain lines), the desktop app a dialog whose Cancel sets ``cancelled``.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from newsdesk.errors import UserError


class Cancelled(UserError):
    """The person cancelled the work; nothing of it was kept."""


@dataclass(frozen=True)
class ProgressState:
    """One report: what is being done, how far along, and the estimated time left."""

    label: str
    done: int
    total: int
    elapsed: float
    eta: float | None  # seconds left, None until it can be estimated

    @property
    def fraction(self) -> float:
        return min(1.0, self.done / self.total) if self.total else 0.0


Listener = Callable[[ProgressState], None]


class Progress:
    """Counts work done, estimates time left, and carries a thread-safe cancel flag."""

    def __init__(self, listener: Listener | None = None, *, min_interval: float = 0.1) -> None:
        self._listener = listener
        self._min_interval = min_interval
        self._cancel = threading.Event()
        self.label, self.done, self.total = "", 0, 0
        self._started = time.monotonic()
        self._last_report = 0.0

    def start(self, total: int, label: str = "") -> None:
        """Begin a stage of ``total`` steps (a new stage restarts the clock)."""
        self.total, self.done, self.label = max(0, total), 0, label or self.label
        self._started = time.monotonic()
        self._report(force=True)

    def advance(self, steps: int = 1) -> None:
        self.done += steps
        self.check()
        self._report(force=self.done >= self.total)

    def finish(self) -> None:
        self.done = self.total
        self._report(force=True)

    def cancel(self) -> None:
        """Ask the work to stop at its next ``check`` (safe from any thread)."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        """Raise ``Cancelled`` if the person asked to stop."""
        if self._cancel.is_set():
            raise Cancelled(f"{self.label or 'The work'} was cancelled; nothing was changed")

    def state(self) -> ProgressState:
        elapsed = time.monotonic() - self._started
        eta = None
        if self.done and self.total:
            eta = max(0.0, elapsed / self.done * (self.total - self.done))
        return ProgressState(self.label, self.done, self.total, elapsed, eta)

    def _report(self, *, force: bool = False) -> None:
        if self._listener is None:
            return
        now = time.monotonic()
        if force or now - self._last_report >= self._min_interval:
            self._last_report = now
            self._listener(self.state())


def format_duration(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    hours, rest = divmod(round(seconds), 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class TerminalProgress:
    """A listener that draws a bar with counts and time left on a terminal, plain lines otherwise."""

    WIDTH = 30

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._last_line = ""
        self._last_plain = -1

    def __call__(self, state: ProgressState) -> None:
        if self.tty:
            filled = int(state.fraction * self.WIDTH)
            bar = "#" * filled + "-" * (self.WIDTH - filled)
            line = (
                f"\r{state.label} [{bar}] {state.done}/{state.total} "
                f"{format_duration(state.eta)} left"
            )
            self.stream.write(line + " " * max(0, len(self._last_line) - len(line)))
            if state.total and state.done >= state.total:
                self.stream.write("\n")
            self._last_line = line
            self.stream.flush()
            return
        # Plain lines: the start, every tenth, and the end, so logs stay short.
        if state.done == 0:
            self._last_plain = -1
        step = 10 if state.total and state.done >= state.total else int(state.fraction * 10)
        if step > self._last_plain:
            self._last_plain = step
            eta = f", {format_duration(state.eta)} left" if state.eta is not None else ""
            print(f"{state.label}: {state.done}/{state.total}{eta}", file=self.stream)
