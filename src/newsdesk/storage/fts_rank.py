"""bm25 for the library's full-text index without FTS5's scan of the whole index per phrase.

FTS5's own ``bm25()`` works out each phrase's inverse document frequency on its first row by
running the phrase over every article (``xQueryPhrase``): for a phrase of two common words that
is a position check in nearly every article, hundreds of milliseconds at 100,000 articles,
whatever the LIMIT. :func:`register` adds ``newsdesk_bm25(article_fts, idf, ...)``: the same
formula (k1 1.2, b 0.75, the index's column weights, whole-row length against the average),
with the IDFs given by the caller, who takes them from a short walk of the index (see
``search``). With a single phrase the IDF does not change the order at all.

This needs APSW (SQLite's FTS5 auxiliary-function API is not reachable from the standard
``sqlite3`` module), and APSW carries its own copy of SQLite. Two copies of SQLite in one
process must never open the same database file: POSIX locks are per process, so each copy
takes the other's locks for its own, and the second to open a WAL file's shared memory resets
it under the first (https://sqlite.org/howtocorrupt.html, 2.2.1). So an APSW connection to a
library is opened only in a process that has no other connection to it: the ``newsdesk
search`` quick path, and the search server process the app talks to (``search_server``).
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import apsw

FUNCTION = "newsdesk_bm25"
# The weights given to FTS5's rank in revision 0001 (headline, standfirst, body, tags, byline).
WEIGHTS = (10.0, 4.0, 1.0, 6.0, 3.0)
_WH, _WS, _WB, _WT, _WY = WEIGHTS
K1, B = 1.2, 0.75
BUSY_TIMEOUT_MS = 5000


def available() -> bool:
    try:
        import apsw  # noqa: F401
    except ImportError:
        return False
    return True


def idf(rows: int, hits: float) -> float:
    """FTS5's IDF, clamped the way its bm25() clamps it (common phrases weigh almost nothing)."""
    value = math.log((rows - hits + 0.5) / (hits + 0.5)) if rows > 0 else 0.0
    return value if value > 0 else 1e-6


def _bm25(api: apsw.FTS5ExtensionApi, *idfs: float) -> float:
    avgdl = api.aux_data
    if avgdl is None:
        avgdl = api.aux_data = api.column_total_size(-1) / max(1, api.row_count) or 1.0
    norm = K1 * (1 - B + B * api.column_size(-1) / avgdl)
    if not idfs:
        if api.phrase_count == 1:  # unrolled: this runs once per match
            head, stand, body, tags, byline = api.phrase_locations(0)
            freq = _WH * len(head) + _WS * len(stand) + _WB * len(body)
            freq += _WT * len(tags) + _WY * len(byline)
            return -freq * (K1 + 1) / (freq + norm)
        idfs = (1.0,) * api.phrase_count
    score = 0.0
    for phrase, weight_idf in zip(range(api.phrase_count), idfs, strict=False):
        head, stand, body, tags, byline = api.phrase_locations(phrase)
        freq = _WH * len(head) + _WS * len(stand) + _WB * len(body)
        freq += _WT * len(tags) + _WY * len(byline)
        score += weight_idf * freq * (K1 + 1) / (freq + norm)
    return -score


def register(conn: apsw.Connection) -> None:
    conn.register_fts5_function(FUNCTION, _bm25)  # type: ignore[arg-type]


def open_read_only(path: Path) -> apsw.Connection:
    """A read-only APSW connection to the library at ``path`` with the rank function.

    Only for a process with no other connection to that file (see the module's docstring)."""
    import apsw

    conn = apsw.Connection(str(path), flags=apsw.SQLITE_OPEN_READONLY | apsw.SQLITE_OPEN_URI)
    conn.set_busy_timeout(BUSY_TIMEOUT_MS)
    register(conn)
    return conn


def row_count(execute: Any) -> int:
    """The number of rows in the index, from FTS5's averages record (no count over the table)."""
    rows = execute("SELECT block FROM article_fts_data WHERE id = 1", {})
    if not rows or rows[0][0] is None:
        return 0
    return _varint(bytes(rows[0][0]))


def _varint(data: bytes) -> int:
    # SQLite's variable-length integer, as FTS5 writes the row count at the record's start.
    value = 0
    for i, byte in enumerate(data[:9]):
        if i == 8:
            return (value << 8) | byte
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return value
    return value
