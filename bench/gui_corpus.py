"""A big library for the GUI benchmarks, made fast with plain SQL inserts (not the CLI).

``make_library(path, n)`` creates the schema through newsdesk (its migrations, so it matches the
app), then inserts ``n`` articles with sections and tags in one transaction into the columns that
schema has; the FTS triggers index them.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from newsdesk.services.opening import open_context

WORDS = [
    "harbour",
    "council",
    "election",
    "storm",
    "market",
    "budget",
    "housing",
    "grid",
    "battery",
    "port",
    "freight",
    "tariff",
    "theatre",
    "marathon",
    "wheat",
    "seawall",
    "mayor",
    "runoff",
    "cup",
    "upset",
    "minister",
    "vote",
    "energy",
    "climate",
    "trade",
    "school",
    "hospital",
    "river",
    "bridge",
    "festival",
    "court",
    "police",
    "rail",
    "strike",
]
SECTIONS = ["World", "Business", "Science", "Sport", "Culture"]
STATUSES = ["draft", "in_review", "ready", "published", "published", "published", "archived"]


def insert(conn: sqlite3.Connection, table: str, rows: list[dict[str, Any]]) -> None:
    """Insert ``rows`` into ``table`` as the migrated schema has it: the columns are read from
    the database (so a column added or dropped by a migration cannot break the corpus), and a
    required column the rows do not give gets an empty value of its type."""
    columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
    names = [c[1] for c in columns]
    unknown = set(rows[0]) - set(names)
    if unknown:
        raise SystemExit(f"the {table} table has no column {sorted(unknown)}: update gui_corpus")
    empty = {
        name: ("" if any(t in kind.upper() for t in ("CHAR", "TEXT", "CLOB")) else 0)
        for _cid, name, kind, notnull, default, pk in columns
        if notnull and default is None and not pk
    }
    used = [n for n in names if n in rows[0] or n in empty]
    sql = f"INSERT INTO {table} ({', '.join(used)}) VALUES ({', '.join('?' * len(used))})"
    conn.executemany(sql, [tuple(row.get(n, empty.get(n)) for n in used) for row in rows])


def make_library(path: Path, n: int, seed: int = 7) -> Path:
    if path.exists():
        return path
    tmp = path.with_suffix(".building")
    for leftover in tmp.parent.glob(tmp.name + "*"):
        leftover.unlink()
    open_context(str(tmp), seed=False).close()
    rnd = random.Random(seed)
    started = time.perf_counter()
    conn = sqlite3.connect(tmp)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    with conn:
        sections = [
            {"id": i + 1, "name": s, "slug": s.lower(), "position": i + 1}
            for i, s in enumerate(SECTIONS)
        ]
        insert(conn, "section", sections)
        tag_rows = [{"id": i + 1, "name": w.capitalize(), "slug": w} for i, w in enumerate(WORDS)]
        insert(conn, "tag", tag_rows)
        base = datetime(2020, 1, 1, tzinfo=UTC)
        rows, tags = [], []
        for i in range(1, n + 1):
            headline = " ".join(rnd.choice(WORDS) for _ in range(7)).capitalize()
            body = "\n\n".join(
                " ".join(rnd.choice(WORDS) for _ in range(40)) + "." for _ in range(5)
            )
            moment = (base + timedelta(minutes=i * 7 + rnd.randint(0, 5))).strftime(
                "%Y-%m-%d %H:%M:%S.000000"
            )
            article_tags = rnd.sample(range(1, len(WORDS) + 1), 2)
            rows.append({
                "id": i, "uuid": str(uuid.UUID(int=rnd.getrandbits(128))), "slug": f"story-{i}",
                "headline": headline, "body": body, "body_html": f"<p>{body}</p>",
                "section_id": rnd.randint(1, len(SECTIONS)), "status": rnd.choice(STATUSES),
                "created_at": moment, "updated_at": moment, "word_count": 200, "language": "en",
                "tags_text": ", ".join(WORDS[t - 1].capitalize() for t in article_tags),
                "version": 1,
            })  # fmt: skip
            tags += [
                {"article_id": i, "tag_id": t, "position": p} for p, t in enumerate(article_tags)
            ]
        insert(conn, "article", rows)
        insert(conn, "article_tag", tags)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    tmp.rename(path)
    print(f"made {path.name}: {n:,} articles in {time.perf_counter() - started:.1f} s")
    return path
