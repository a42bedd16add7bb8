"""A small newsroom for the bundle, site and import tests: sections, tags, images, and
articles that use every field (featured image with alt/caption/credit, inline images,
dateline, byline, notes, drafts, a pinned story)."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from typing import Any

from PIL import Image
from sqlalchemy import text
from sqlmodel import Session

from newsdesk.core import taxonomy
from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.assets import add_asset
from newsdesk.domain.record import Correction

SECTIONS = ["World", "Business", "Science"]


def image_bytes(
    color: tuple[int, int, int], fmt: str = "JPEG", size: tuple[int, int] = (64, 40)
) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt)
    return buffer.getvalue()


def populate(session: Session, n: int = 8) -> list[ArticleRecord]:
    """``n`` articles across three sections; most published, one draft, one pinned."""
    for name in SECTIONS:
        taxonomy.ensure_section(session, name)
    images = [
        add_asset(session, image_bytes((40 * i % 255, 90, 160 - 10 * i)), f"photo-{i}.jpg")
        for i in range(4)
    ]
    inline = add_asset(session, image_bytes((200, 30, 30), "PNG"), "chart.png")
    start = datetime(2026, 3, 1, 6, 0, tzinfo=UTC)
    tags = ["Energy", "Climate", "Elections", "Transport", "Health"]
    out = []
    for i in range(n):
        body = (
            f"First paragraph of story {i}, with *emphasis* and a [link](https://example.org/{i}).\n\n"
            f'![A red chart]({"asset:" + inline.sha256} "Chart {i}")\n\n'
            "## Background\n\nMore text here.\n\n> A quotation.\n"
        )
        rec = ArticleRecord(
            headline=f"Story number {i}: a headline with “quotes” & ampersands",
            standfirst=f"The standfirst of story {i}.",
            body=body,
            section=SECTIONS[i % 3],
            tags=[tags[i % 5], tags[(i + 1) % 5]],
            byline=["Ana Souza", "Li Wei"] if i % 2 else ["Ana Souza"],
            dateline="Doha, Qatar" if i % 2 == 0 else "",
            status="draft" if i == n - 1 else "published",
            published_at=None if i == n - 1 else start + timedelta(hours=i),
            image_sha256=images[i % 4].sha256,
            image_alt=f"Alt text {i}",
            image_caption=f"Caption {i}",
            image_credit="Photo: Newsdesk",
            seo_description=f"SEO {i}" if i % 3 == 0 else "",
            editors_note="Check figures" if i == 2 else "",
            corrections=[
                Correction(
                    "correction",
                    "An earlier version misspelt a name.",
                    start + timedelta(hours=i, minutes=4),
                    "Priya Raman",
                )
            ]
            if i == 3
            else [],
            pinned=i == 1,
            created_at=start + timedelta(hours=i) - timedelta(minutes=30),
            updated_at=start + timedelta(hours=i, minutes=5),
        )
        out.append(create_article(session, rec))
    return out


def dump(session: Session) -> dict[str, Any]:
    """Every row of every table (FTS shadow tables excluded), to compare a library before/after."""
    names = [
        r[0]
        for r in session.connection().execute(
            text(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'article_fts%' ORDER BY name"
            )
        )
    ]
    return {
        name: sorted(
            map(tuple, session.connection().execute(text(f'SELECT * FROM "{name}"'))), key=repr
        )
        for name in names
    }
