"""Telling other desks that something changed: on a shared PostgreSQL library each change is
announced with NOTIFY (delivered when its transaction commits) and a ``ChangeWatcher`` LISTENs;
on a library file, which several processes on one machine may share, the watcher looks at a
cheap change token (the newest event, save and presence) a few times a second.

Services call ``announce(session, article_id, kind)`` after a change; the window runs a
watcher on a worker thread and refreshes what it shows when ``wait`` returns changes.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine
from sqlalchemy.pool import NullPool
from sqlmodel import Session

log = logging.getLogger(__name__)

CHANNEL = "newsdesk_changes"
POLL_SECONDS = 0.25  # a file library: how often the token is read (a few indexed lookups)


@dataclass(frozen=True)
class Change:
    article_id: int | None
    kind: str  # "edit" | "stage" | "note" | "correction" | "embargo" | "presence" | "any"


def announce(session: Session, article_id: int | None, kind: str) -> None:
    """Tell other desks about a change made in this session (on PostgreSQL, at commit)."""
    if session.get_bind().dialect.name != "postgresql":
        return  # a file library: watchers see the change token move
    payload = json.dumps({"article": article_id, "kind": kind})
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


# The workflow's change token: events (stage, embargo, corrections, assignments, publishes),
# presence and notes. Not every autosave: edits of the text reach other windows through the
# library watcher (ui.watch), and a keystroke's save must not wake every desk's panel.
_TOKEN = text(
    "SELECT (SELECT max(id) FROM article_event), (SELECT max(since) FROM presence),"
    " (SELECT count(*) FROM presence), (SELECT max(length(taken_over_by)) FROM presence),"
    " (SELECT max(id) FROM article_note), (SELECT max(resolved_at) FROM article_note),"
    " (SELECT count(resolved_at) FROM article_note)"
)
# Announced kinds a watcher passes on (a save of the text is announced for other listeners).
WORKFLOW_KINDS = {"stage", "note", "correction", "update", "embargo", "assignment", "presence",
                  "takeover", "publish", "unpublish", "any"}  # fmt: skip


class ChangeWatcher:
    """Waits for changes made by other desks (and by this one: callers refresh either way)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self._raw: Any = None
        self._token: Any = None
        if self.postgres:
            self._raw = engine.raw_connection()
            pg = self._raw.driver_connection
            pg.autocommit = True
            pg.execute(f"LISTEN {CHANNEL}")
        else:
            # Its own connections, opened for each look and closed after: a poller must not
            # keep one of the library's pooled connections open (it would hold the WAL open).
            self._poll_engine = create_engine(engine.url, poolclass=NullPool)
            self._token = self._read_token()

    def _read_token(self) -> Any:
        with self._poll_engine.connect() as conn:
            return tuple(conn.execute(_TOKEN).one())

    def wait(self, timeout: float) -> list[Change]:
        """The changes announced within ``timeout`` seconds (returns at the first)."""
        if self.postgres:
            return self._wait_notify(timeout)
        deadline = time.monotonic() + timeout
        while True:
            token = self._read_token()
            if token != self._token:
                self._token = token
                return [Change(None, "any")]
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            time.sleep(min(POLL_SECONDS, left))

    def _wait_notify(self, timeout: float) -> list[Change]:
        pg = self._raw.driver_connection
        out = []
        for note in pg.notifies(timeout=timeout, stop_after=1):
            out.append(_parse(note.payload))
        # Anything else already queued comes along in the same batch.
        for note in pg.notifies(timeout=0.01):
            out.append(_parse(note.payload))
        return [c for c in out if c.kind in WORKFLOW_KINDS]

    def close(self) -> None:
        if self._raw is not None:
            self._raw.invalidate()  # a LISTENing connection must not go back to the pool
            self._raw = None
        if not self.postgres:
            self._poll_engine.dispose()


def _parse(payload: str) -> Change:
    try:
        data = json.loads(payload)
        return Change(data.get("article"), str(data.get("kind", "any")))
    except (ValueError, AttributeError):
        log.warning("ignoring a change notice that is not ours: %r", payload[:80])
        return Change(None, "any")
