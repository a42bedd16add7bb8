"""The history panel: an article's revisions, a word-level diff of any two, and restore."""

from newsdesk.ui.history.autosave import AutosaveCheckpointer
from newsdesk.ui.history.panel import HistoryPanel

__all__ = ["AutosaveCheckpointer", "HistoryPanel"]
