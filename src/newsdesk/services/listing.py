"""The library as the window lists it: a page of rows at a time under a filter and a sort
(keyset-paged, ``core.library_view``), their count, and the quick switcher's headlines with
the ones matching what is typed (``core.quickopen``). Kept apart from ``services.searching``,
whose quick path must not import the ORM."""

from __future__ import annotations

from newsdesk.core.library_view import count_articles, list_page
from newsdesk.core.quickopen import Headline, headlines, matching

__all__ = ["Headline", "count_articles", "headlines", "list_page", "matching"]
