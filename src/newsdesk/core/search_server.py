"""The app's searches of a library file, answered by a child process that ranks through APSW.

The ranked plan needs an FTS5 auxiliary function, which only APSW can register, and APSW brings
its own copy of SQLite, which must never open a file this process has open through the standard
``sqlite3`` (see :mod:`newsdesk.storage.fts_rank`). So one child process per open library holds
a read-only APSW connection and answers one JSON line per search; it sees what was committed,
like any other reader. The child is started on the first search, ends when the library is
closed (or when this process goes: its standard input closes), and is started again if it
died. Where it cannot run (no APSW, a frozen bundle, a child that fails), :func:`search_via`
returns None and the caller searches in this process with FTS5's own bm25.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import weakref
from pathlib import Path
from typing import IO, Any

from newsdesk.core.search import SearchHit
from newsdesk.errors import UserError

log = logging.getLogger(__name__)


class SearchServer:
    """One child process answering searches of the library file at ``path``."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._proc: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self.failed = False

    def search(self, query: str, limit: int, offset: int) -> list[SearchHit] | None:
        """The hits, or None when the child cannot answer (the caller searches itself)."""
        from newsdesk.core import search as plan

        request = {"q": query, "limit": limit, "offset": offset, "k": plan.CANDIDATES}
        line = json.dumps(request) + "\n"
        with self._lock:
            if self.failed:
                return None
            reply = self._ask(line)
            if reply is None:  # died since the last search (killed, out of memory): once more
                self._stop()
                reply = self._ask(line)
            if reply is None:
                log.warning(
                    "search process for %s does not answer; searching in-process", self.path
                )
                self.failed = True
                self._stop()
                return None
        if "user_error" in reply:
            raise UserError(reply["user_error"])
        if "error" in reply:
            log.warning("search process for %s: %s", self.path, reply["error"])
            return None
        return [SearchHit(**hit) for hit in reply["hits"]]

    def _ask(self, request: str) -> dict[str, Any] | None:
        try:
            proc = self._started()
            stdin, stdout = _pipes(proc)
            stdin.write(request)
            stdin.flush()
            line = stdout.readline()
        except OSError:
            return None
        if not line:
            return None
        try:
            reply: dict[str, Any] = json.loads(line)
        except ValueError:  # something else wrote to its output: start afresh
            return None
        return reply

    def _started(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            # The child imports newsdesk from where this process found it.
            env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in sys.path if p))
            self._proc = subprocess.Popen(
                [sys.executable, "-m", "newsdesk.core.search_server", str(self.path)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                encoding="utf-8",
                env=env,
            )
        return self._proc

    def _stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin is not None:
                proc.stdin.close()  # the child's loop ends at the end of its input
            proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    def close(self) -> None:
        with self._lock:
            self._stop()


def _pipes(proc: subprocess.Popen[str]) -> tuple[IO[str], IO[str]]:
    assert proc.stdin is not None and proc.stdout is not None
    return proc.stdin, proc.stdout


# One server per engine (an open library); dropped with the engine or by close_server.
_servers: weakref.WeakKeyDictionary[Any, SearchServer] = weakref.WeakKeyDictionary()
_servers_lock = threading.Lock()


def can_serve() -> bool:
    """A child can run here: APSW is installed and this is not a frozen bundle (whose
    executable is the app itself, not a Python that runs ``-m``)."""
    from newsdesk.storage.fts_rank import available

    return not getattr(sys, "frozen", False) and available()


def search_via(
    engine: Any, path: Path, query: str, limit: int, offset: int
) -> list[SearchHit] | None:
    """Search the library file at ``path`` (open through ``engine``) in its search process."""
    with _servers_lock:
        server = _servers.get(engine)
        if server is None:
            if not can_serve():
                return None
            server = _servers[engine] = SearchServer(path)
            weakref.finalize(engine, server.close)
    return server.search(query, limit, offset)


def close_server(engine: Any) -> None:
    """End the search process of the library open through ``engine`` (before it closes)."""
    with _servers_lock:
        server = _servers.pop(engine, None)
    if server is not None:
        server.close()


def serve(path: Path, requests: IO[str], replies: IO[str]) -> None:
    """The child's loop: one JSON request a line in, one JSON reply a line out."""
    from dataclasses import asdict

    import apsw

    from newsdesk.core.search import search_ranked
    from newsdesk.storage.fts_rank import open_read_only

    conn = open_read_only(path)
    try:
        for line in requests:
            request = json.loads(line)
            reply: dict[str, Any]
            try:
                hits = search_ranked(
                    conn, request["q"], request["limit"], request["offset"], request.get("k")
                )
                reply = {"hits": [asdict(hit) for hit in hits]}
            except UserError as exc:
                reply = {"user_error": str(exc)}
            except apsw.Error as exc:
                reply = {"error": f"{type(exc).__name__}: {exc}"}
            replies.write(json.dumps(reply) + "\n")
            replies.flush()
    finally:
        conn.close()


if __name__ == "__main__":
    import contextlib

    # Ctrl-C in a terminal reaches the whole process group: end quietly, the parent says why.
    with contextlib.suppress(KeyboardInterrupt):
        serve(Path(sys.argv[1]), sys.stdin, sys.stdout)
