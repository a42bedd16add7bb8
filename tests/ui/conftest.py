"""GUI tests: the ``newsdesk://`` scheme must be registered before pytest-qt creates the
QApplication, so it happens when this conftest is imported (collection time)."""

from newsdesk.ui.preview.scheme import register_schemes

register_schemes()
