"""A big library for the GUI benchmarks, made fast with plain SQL inserts (not the CLI).

``make_library(path, n)`` creates the schema through newsdesk (so it matches the app), then
inserts ``n`` articles with sections and tags in one transaction; the FTS triggers index them.
"""

from __future__ import annotations

import random
import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

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
        conn.executemany(
            "INSERT INTO section (id, name, slug, position, description) VALUES (?, ?, ?, ?, '')",
            [(i + 1, s, s.lower(), i + 1) for i, s in enumerate(SECTIONS)],
        )
        conn.executemany(
            "INSERT INTO tag (id, name, slug, description, slug_locked) VALUES (?, ?, ?, '', 0)",
            [
                (
                    i + 1,
                    w.capitalize(),
                    w,
                )
                for i, w in enumerate(WORDS)
            ],
        )
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
            rows.append((
                i, str(uuid.UUID(int=rnd.getrandbits(128))), f"story-{i}", headline, "",
                body, f"<p>{body}</p>", rnd.randint(1, len(SECTIONS)), rnd.choice(STATUSES),
                "", moment, moment, 200,
                ", ".join(WORDS[t - 1].capitalize() for t in article_tags),
            ))  # fmt: skip
            tags += [(i, t, pos) for pos, t in enumerate(article_tags)]
        conn.executemany(
            "INSERT INTO article (id, uuid, slug, headline, standfirst, body, body_html, "
            "section_id, status, dateline, created_at, updated_at, word_count, tags_text, "
            "byline_text, image_alt, image_caption, image_credit, seo_description, "
            "editors_note, correction_note, language, pinned, version) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,'','','','','','','','en',0,1)",
            rows,
        )
        conn.executemany(
            "INSERT INTO article_tag (article_id, tag_id, position) VALUES (?, ?, ?)", tags
        )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    tmp.rename(path)
    print(f"made {path.name}: {n:,} articles in {time.perf_counter() - started:.1f} s")
    return path
