"""The application's look: Fusion, following the system's light or dark colour scheme
(or the one named by NEWSDESK_COLOR_SCHEME, e.g. for screenshots)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

_SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


def dark_palette() -> QPalette:
    """Fusion's colours for a dark scheme, for platforms that do not report one."""
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(230, 230, 230)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(40, 40, 43),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(140, 140, 140),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: window,
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 90, 90),
        QPalette.ColorRole.Link: QColor(90, 160, 255),
        QPalette.ColorRole.Highlight: QColor(42, 110, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Mid: QColor(70, 70, 74),
        QPalette.ColorRole.Dark: QColor(25, 25, 27),
        QPalette.ColorRole.Light: QColor(75, 75, 80),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(120, 120, 120))
    return p


def apply_style(app: QApplication, scheme: str | None = None) -> None:
    """Fusion with a light or dark palette: the one asked for, else the system's (followed
    when it changes)."""
    app.setStyle("Fusion")
    wanted = _SCHEMES.get((scheme or "").lower())
    if wanted is not None:
        app.styleHints().setColorScheme(wanted)
        _set_palette(app, wanted)
        return
    _set_palette(app, app.styleHints().colorScheme())
    app.styleHints().colorSchemeChanged.connect(lambda s: _set_palette(app, s))


def _set_palette(app: QApplication, scheme: Qt.ColorScheme) -> None:
    style = app.style()
    if scheme == Qt.ColorScheme.Dark:
        app.setPalette(dark_palette())
    elif style is not None:
        app.setPalette(style.standardPalette())
