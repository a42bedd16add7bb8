"""How soon another desk hears of a change on a shared PostgreSQL library: one desk adds a note,
the other's ``ChangeWatcher`` (LISTEN) reports it. Prints the median and the worst of N runs,
each including the writer's commit.

    .venv/bin/python bench/bench_newsroom_notify.py postgresql+psycopg://newsdesk@127.0.0.1:55447/newsdesk_test
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
import uuid

from sqlalchemy import create_engine, text


def main() -> int:
    base = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("NEWSDESK_PG_URL", "")
    if not base:
        raise SystemExit(__doc__)
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    os.environ["NEWSDESK_BASEDIR"] = tempfile.mkdtemp(prefix="nd-bench-")
    from newsdesk.core.articles import ArticleRecord, create_article
    from newsdesk.core.changes import ChangeWatcher
    from newsdesk.services import notes
    from newsdesk.services.opening import open_context

    name = f"nd_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    url = base.rsplit("/", 1)[0] + "/" + name
    try:
        writer, reader = open_context(url, seed=False), open_context(url, seed=False)
        with writer.session() as s:
            article = create_article(s, ArticleRecord(headline="Bench")).id
        watcher = ChangeWatcher(reader.library.engine)
        took = []
        for i in range(runs):
            start = time.monotonic()
            with writer.session() as s:
                notes.add_note(s, article, f"note {i}")
            while not [c for c in watcher.wait(2.0) if c.kind == "note"]:
                pass
            took.append((time.monotonic() - start) * 1000)
        watcher.close()
        writer.close()
        reader.close()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()
    print(f"note seen by the other desk: median {statistics.median(took):.1f} ms, "
          f"worst {max(took):.1f} ms ({runs} runs, commit included)")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
