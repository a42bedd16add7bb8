"""Fields that take the mouse wheel only once the person is in them. A combo box, a date or a
number box changes its value under the wheel even without focus, so scrolling a form past
one (the inspector, down to its image) changed the article: Draft became Archived. Guarded,
the wheel over such a field the person has not clicked scrolls what holds it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget


class _WheelGuard(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() != QEvent.Type.Wheel
            or not isinstance(watched, QWidget)
            or watched.hasFocus()
        ):
            return False
        area = watched.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:
            QApplication.sendEvent(area.viewport(), event)  # the form holding it scrolls
        else:
            event.ignore()  # not taken: Qt offers it to the widgets around
        return True


_GUARD: list[_WheelGuard] = []


def wheel_only_when_focused(*widgets: QWidget) -> None:
    """The wheel changes ``widgets`` only while they have the focus (a click or Tab gives it;
    the wheel itself no longer does)."""
    if not _GUARD:
        _GUARD.append(_WheelGuard())
    for widget in widgets:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        widget.installEventFilter(_GUARD[0])
