"""Icons from qtawesome, drawn in the palette's text colour so they suit light and dark."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtGui import QGuiApplication, QIcon, QPalette


def icon(name: str) -> QIcon:
    palette = QGuiApplication.palette()
    return qta.icon(
        name,
        color=palette.color(QPalette.ColorRole.WindowText),
        color_disabled=palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText),
    )
