"""The library browser's listing types (no database here: the window builds its list before the
library is open; ``core.library_view`` runs the queries)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

PAGE_SIZE = 200


@dataclass(frozen=True)
class LibraryFilter:
    status: str | None = None
    section: str | None = None  # section name; "" means "no section"
    tag: str | None = None
    stage: str | None = None  # a stage name (domain.stages)
    assignee: str | None = None  # "My stories": the desk's name


@dataclass(frozen=True)
class LibraryRow:
    id: int
    headline: str
    section: str
    status: str
    updated_at: datetime
    word_count: int
    stage: str = "draft"
    updated_by: str = ""
    word_budget: int = 0
    deadline_at: datetime | None = None
    embargo_at: datetime | None = None


def sort_key(row: LibraryRow, sort: str) -> Any:
    """The value of ``row`` in the sort column: what the next page starts after."""
    return {
        "headline": row.headline,
        "section": row.section,
        "status": row.status,
        "updated": row.updated_at,
        "words": row.word_count,
        "stage": row.stage,
        "deadline": row.deadline_at,
    }[sort]
