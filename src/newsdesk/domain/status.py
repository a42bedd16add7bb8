"""An article's workflow status: no database here, so the window can use it before the library
is open (the storage models and the services take it from this module)."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    READY = "ready"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


STATUSES = [s.value for s in Status]


def status_label(value: str) -> str:
    """ "In review" for ``in_review``; an unknown value as it is."""
    try:
        return Status(value).label
    except ValueError:
        return value
