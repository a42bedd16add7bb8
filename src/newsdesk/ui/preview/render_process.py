"""The child process that renders a long article's body blocks while the person types (see
``newsdesk.services.preview_render``). Replies arrive on the GUI thread through a socket
notifier on the pipe; nothing here waits. If the child cannot start or dies, ``usable`` turns
False and the pane renders on its worker thread as before."""

from __future__ import annotations

import contextlib
import logging
import socket
import subprocess
import sys
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QSocketNotifier

if TYPE_CHECKING:  # the renderer (Python-Markdown) loads with the first render, not the window
    from newsdesk.services.preview_render import RenderedBlock

log = logging.getLogger(__name__)

Done = Callable[[list["RenderedBlock"]], None]
Failed = Callable[[str], None]


class BlockRenderProcess(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._process: subprocess.Popen[bytes] | None = None
        self._conn: Connection | None = None
        self._notifier: QSocketNotifier | None = None
        self._ready = False
        self._dead = False
        self._seq = 0
        self._waiting: dict[int, tuple[Done, Failed]] = {}
        self._sent = ""  # the body the child holds (each request sends only the edit)
        self._received: list[RenderedBlock] = []  # the child's last answer, in full

    @property
    def ready(self) -> bool:
        """Started, imported and answering: requests go to it."""
        return self._ready and not self._dead

    @property
    def usable(self) -> bool:
        """Not failed (it may still be starting)."""
        return not self._dead

    def start(self) -> None:
        """Start the child (once); it says when it is ready."""
        if self._process is not None or self._dead:
            return
        if getattr(sys, "frozen", False):  # a bundle's executable is the app, not Python
            self._dead = True
            return
        mine, theirs = socket.socketpair()
        try:
            # A fresh interpreter running one module: no copy of this process's Qt threads
            # (fork) and no re-import of the main script (multiprocessing's spawn).
            process = subprocess.Popen(
                [sys.executable, "-m", "newsdesk.services.preview_render", str(theirs.fileno())],
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
            )
        except OSError as exc:
            log.warning("preview render process did not start (%s); rendering on a thread", exc)
            mine.close()
            self._dead = True
            return
        finally:
            theirs.close()
        self._process, self._conn = process, Connection(mine.detach())
        self._notifier = QSocketNotifier(self._conn.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_readable)

    def render(
        self, markdown: str, dateline: str, style: str, platform: str, done: Done, failed: Failed
    ) -> None:
        """Render in the child; ``done(blocks)`` or ``failed(reason)`` follows on this thread."""
        if self._conn is None:
            failed("not running")
            return
        from newsdesk.domain.diff import common_ends

        self._seq += 1
        self._waiting[self._seq] = (done, failed)
        # Only the edit crosses the pipe (a 60 KB body blocked the GUI thread on the write
        # while a loaded machine had not scheduled the child to read it).
        prefix, suffix = common_ends(self._sent, markdown)
        edit = (prefix, suffix, markdown[prefix : len(markdown) - suffix])
        self._sent = markdown
        try:
            self._conn.send((self._seq, edit, dateline, style, platform))
        except (OSError, ValueError) as exc:
            self._died(f"cannot reach it: {exc}")

    def _on_readable(self, *_args: object) -> None:
        try:
            while self._conn is not None and self._conn.poll():
                self._dispatch(self._conn.recv())
        except (EOFError, OSError) as exc:
            self._died(f"it ended: {exc or 'closed'}")

    def _dispatch(self, message: Any) -> None:
        from newsdesk.services.preview_render import READY, RenderedBlock

        if message == READY:
            self._ready = True
            log.debug("preview render process %s ready", self.pid)
            return
        seq, patch, error = message
        done, failed = self._waiting.pop(seq, (None, None))
        if error is None:  # the child's answers are edits of its previous one: kept in step
            start, count, html, lines = patch
            texts = [b.html for b in self._received]
            texts[start : start + count] = html
            self._received = [RenderedBlock(h, n) for h, n in zip(texts, lines, strict=True)]
        if done is None or failed is None:
            return
        if error is not None:
            failed(error)
        else:
            done(list(self._received))

    def _died(self, reason: str) -> None:
        log.warning("preview render process stopped (%s); rendering on a thread", reason)
        self._dead = True
        self._ready = False
        waiting, self._waiting = self._waiting, {}
        self._close_pipe()
        for _done, failed in waiting.values():
            failed(reason)

    def _close_pipe(self) -> None:
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier = None
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def stop(self) -> None:
        """End the child (the window closes); it also ends with this process (daemon)."""
        process = self._process
        if process is None:
            return
        if self._conn is not None:
            with contextlib.suppress(OSError, ValueError):  # already gone: killed below
                self._conn.send(None)
        self._close_pipe()
        try:
            process.wait(2)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(2)
        self._process = None
        self._dead = True

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None
