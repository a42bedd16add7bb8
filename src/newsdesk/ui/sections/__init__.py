"""The section manager: create, rename, reorder and delete the site's sections."""

from newsdesk.ui.sections.manager import SectionManagerDialog

__all__ = ["SectionManagerDialog"]
