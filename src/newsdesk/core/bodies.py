"""Bodies stored without their HTML (a bulk import's, ``importers/bulk.py``), rendered and
stored once: the first site export calls :func:`render_pending`, so later exports and reads
use the stored HTML."""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
from collections import deque
from collections.abc import Iterator
from typing import Any

from sqlalchemy import bindparam, text
from sqlalchemy import update as sa_update
from sqlmodel import Session, col, select

from newsdesk.core.progress import Progress
from newsdesk.render.markdown import render_body
from newsdesk.storage.models import Article

BATCH = 500


def _render_many(bodies: list[str]) -> list[str]:
    return [render_body(body) for body in bodies]


def render_pending(session: Session, *, workers: int = 1, progress: Progress | None = None) -> int:
    """Render and store the bodies a bulk import left unrendered; how many there were.

    Computed once: an export calls this first, so a library's later exports read the stored
    HTML. A partial index (revision 0015) holds just these rows, so with nothing to do this is
    one look-up. A body changed in the meantime keeps its own render (the update checks it).
    Large runs render in ``workers`` spawned processes (safe under a GUI's threads).
    """
    # The literal (not a bound parameter) lets SQLite use the partial index.
    found = session.exec(select(Article.id).where(text("body_html = ''")).order_by(col(Article.id)))
    ids = [aid for aid in found if aid is not None]
    if not ids:
        return 0
    progress = progress or Progress()
    progress.start(len(ids), "Rendering imported articles")
    conn = session.connection()
    update = (
        sa_update(Article)
        .where(col(Article.id) == bindparam("aid"), col(Article.body) == bindparam("src"))
        .where(col(Article.body_html) == "")
        .values(body_html=bindparam("html"))
    )
    pool = None
    if workers > 1 and len(ids) >= 4 * BATCH:
        pool = cf.ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        chunks = [ids[i : i + BATCH] for i in range(0, len(ids), BATCH)]
        for rows, htmls in _rendered(session, chunks, pool):
            params = [
                {"aid": aid, "src": body, "html": html}
                for (aid, body), html in zip(rows, htmls, strict=True)
                if html
            ]
            if params:
                conn.execute(update, params)
            progress.advance(len(rows))
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
    return len(ids)


def _rendered(
    session: Session, chunks: list[list[int]], pool: cf.ProcessPoolExecutor | None
) -> Iterator[tuple[list[tuple[int, str]], list[str]]]:
    """Each chunk's (id, body) rows with their HTML, in order; a pool renders a few ahead."""
    ahead: deque[tuple[list[tuple[int, str]], Any]] = deque()
    for chunk in chunks:
        query = select(Article.id, Article.body).where(col(Article.id).in_(chunk))
        rows = [(int(aid or 0), str(body)) for aid, body in session.exec(query)]
        if pool is None:
            yield rows, _render_many([body for _, body in rows])
            continue
        ahead.append((rows, pool.submit(_render_many, [body for _, body in rows])))
        if len(ahead) > 4:
            done, future = ahead.popleft()
            yield done, future.result()
    while ahead:
        done, future = ahead.popleft()
        yield done, future.result()
