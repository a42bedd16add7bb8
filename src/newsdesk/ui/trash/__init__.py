"""Library → Trash: the articles deleted from the desk, to restore or delete for good."""

from newsdesk.ui.trash.dialog import TrashDialog

__all__ = ["TrashDialog"]
