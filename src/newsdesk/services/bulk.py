"""Changes to many articles at once (the library browser's multi-select)."""

from __future__ import annotations

from collections.abc import Iterable

from sqlmodel import Session

from newsdesk.core.articles import (
    ArticleRecord,
    check_status,
    delete_article,
    get_article,
    update_article,
)


def set_status(session: Session, ids: Iterable[int], status: str) -> int:
    status = check_status(status)
    count = 0
    for article_id in ids:
        update_article(session, article_id, {"status": status})
        count += 1
    return count


def set_section(session: Session, ids: Iterable[int], section: str | None) -> int:
    count = 0
    for article_id in ids:
        update_article(session, article_id, {"section": section or None})
        count += 1
    return count


def add_tags(session: Session, ids: Iterable[int], tags: list[str]) -> int:
    count = 0
    for article_id in ids:
        current = get_article(session, article_id).tags
        update_article(session, article_id, {"tags": [*current, *tags]})
        count += 1
    return count


def remove_tag(session: Session, ids: Iterable[int], tag: str) -> int:
    count = 0
    for article_id in ids:
        current = get_article(session, article_id).tags
        kept = [t for t in current if t.lower() != tag.lower()]
        if kept != current:
            update_article(session, article_id, {"tags": kept})
            count += 1
    return count


def delete_many(session: Session, ids: Iterable[int]) -> list[ArticleRecord]:
    return [delete_article(session, article_id) for article_id in ids]
