"""Progress for the command line, in a module of its own: a quick command (a re-export after
one edit) reports progress without importing the import/export use cases and the ORM."""

from __future__ import annotations

from typing import TextIO

from newsdesk.core.progress import Progress, TerminalProgress


def terminal_progress(stream: TextIO, *, tty: bool) -> Progress:
    """Progress for a terminal: a bar with counts and time left (``tty``), plain lines
    otherwise (a log, a pipe). The desktop app shows its own dialog instead."""
    return Progress(TerminalProgress(stream, tty=tty))
