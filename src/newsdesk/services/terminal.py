"""Progress for a terminal, kept apart from the export and import use cases so that a command
answered without the database layers (``newsdesk export site`` after one edit) can show it."""

from __future__ import annotations

from typing import TextIO

from newsdesk.core.progress import Progress, TerminalProgress


def terminal_progress(stream: TextIO, *, tty: bool) -> Progress:
    """Progress for a terminal: a bar with counts and time left (``tty``), plain lines
    otherwise (a log, a pipe). The desktop app shows its own dialog instead."""
    return Progress(TerminalProgress(stream, tty=tty))
