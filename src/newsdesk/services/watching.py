"""What a window watches to see changes other windows and processes made to the library: on a
library file a ``ChangeProbe`` (``PRAGMA data_version``, then the articles' versions), on a
shared PostgreSQL library an ``ArticleListener`` (LISTEN); ``changed_ids`` compares two
readings. The GUI runs them on a worker thread of its own (``ui.watch``)."""

from __future__ import annotations

from newsdesk.core.changes import ChangeWatcher
from newsdesk.storage.changes import ArticleListener, ChangeProbe, Versions, changed_ids

# ChangeWatcher: the newsroom's notices of other desks' changes (NOTIFY, or a change token).
__all__ = ["ArticleListener", "ChangeProbe", "ChangeWatcher", "Versions", "changed_ids"]
