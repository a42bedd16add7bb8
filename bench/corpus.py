"""A generated library of realistic-looking news articles, for benchmarks (not tests).

Words come from the sample articles with a Zipf-like frequency, so queries range from very
common words to rare ones the way they do in a real archive. Rows are inserted with plain SQL
(the FTS triggers still index them) because going through the services would take an hour.
"""

from __future__ import annotations

import random
import re
import sqlite3
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from newsdesk.storage.library import open_library

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "src" / "newsdesk" / "resources" / "sample" / "articles"
SECTIONS = ["World", "Business", "Science", "Sport", "Culture", "Opinion", "Technology", "Health"]


def vocabulary() -> list[str]:
    words: dict[str, int] = {}
    for path in sorted(SAMPLE.glob("*.md")):
        for word in re.findall(r"[a-z]{3,}", path.read_text(encoding="utf-8").lower()):
            words[word] = words.get(word, 0) + 1
    return sorted(words, key=lambda w: (-words[w], w))


def build(path: Path, count: int, words_per_article: int = 350, seed: int = 7) -> Path:
    """Create (or reuse) a library with ``count`` articles at ``path``."""
    if path.exists():
        conn = sqlite3.connect(path)
        n = conn.execute("SELECT count(*) FROM article").fetchone()[0]
        conn.close()
        if n == count:
            return path
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    open_library(path).close()
    rng = random.Random(seed)
    vocab = vocabulary()
    weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocab))]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    for pos, name in enumerate(SECTIONS):
        conn.execute(
            "INSERT INTO section(name, slug, position, description) VALUES (?,?,?, '')",
            (name, name.lower(), pos),
        )
    start = datetime(2015, 1, 1, tzinfo=UTC)
    t0 = time.perf_counter()
    batch = []
    for i in range(count):
        body_words = rng.choices(vocab, weights, k=words_per_article)
        paras = [
            " ".join(body_words[j : j + 60]).capitalize() + "."
            for j in range(0, len(body_words), 60)
        ]
        headline = " ".join(rng.choices(vocab, weights, k=8)).capitalize()
        when = (start + timedelta(minutes=50 * i)).replace(tzinfo=None)
        tags = ", ".join(sorted(set(rng.choices(vocab[50:400], k=3))))
        batch.append((
            str(uuid.UUID(int=rng.getrandbits(128))), f"a-{i}", headline, "", "\n\n".join(paras),
            rng.randrange(1, len(SECTIONS) + 1), "published", when, when, when, words_per_article, tags,
            f"Reporter {i % 97}",
        ))  # fmt: skip
        if len(batch) == 5000:
            _flush(conn, batch)
            print(f"  {i + 1} articles, {time.perf_counter() - t0:.0f} s", flush=True)
    _flush(conn, batch)
    conn.execute("INSERT INTO article_fts(article_fts) VALUES('optimize')")
    conn.commit()
    conn.close()
    return path


def _flush(conn: sqlite3.Connection, batch: list[tuple]) -> None:  # type: ignore[type-arg]
    conn.executemany(
        """INSERT INTO article(uuid, slug, headline, standfirst, body, body_html, section_id, status,
           dateline, created_at, updated_at, published_at, image_alt, image_caption, image_credit,
           seo_description, editors_note, language, pinned, word_count, tags_text,
           byline_text, version)
           VALUES (?,?,?,?,?,'',?,?,'',?,?,?,'','','','','','en',0,?,?,?,1)""",
        batch,
    )
    conn.commit()
    batch.clear()
