"""The tag manager: tidy the library's tags and tag several articles at once."""

from newsdesk.ui.tags.manager import TagManagerDialog
from newsdesk.ui.tags.suggest import TagSuggestions

__all__ = ["TagManagerDialog", "TagSuggestions"]
