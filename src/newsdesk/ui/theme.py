"""The application's look: Fusion everywhere, with the system's colours (followed when they
change) or a fixed light or dark palette — the theme chosen in the preferences, or the one named
by NEWSDESK_COLOR_SCHEME (e.g. for screenshots)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

THEMES = ("system", "light", "dark")
_SCHEMES = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}
_CHOICE = "newsdeskTheme"  # app property: the theme in force, read when the system's changes


def apply_theme(app: QApplication, choice: str) -> None:
    """Apply ``system``, ``light`` or ``dark`` to every window of ``app``."""
    if choice not in _SCHEMES:
        raise ValueError(f"unknown theme {choice!r}; expected one of {', '.join(THEMES)}")
    app.setStyle("Fusion")  # the same look everywhere, and the only style that honours palettes
    app.styleHints().setColorScheme(_SCHEMES[choice])  # also tells QtWebEngine and dialogs
    if app.property(_CHOICE) is None:
        app.styleHints().colorSchemeChanged.connect(lambda _scheme: _follow_system(app))
    app.setProperty(_CHOICE, choice)
    _set_palette(app, choice)


def _follow_system(app: QApplication) -> None:
    if app.property(_CHOICE) == "system":
        _set_palette(app, "system")


def _set_palette(app: QApplication, choice: str) -> None:
    dark = choice == "dark" or (
        choice == "system" and app.styleHints().colorScheme() == Qt.ColorScheme.Dark
    )
    style = app.style()
    if dark:
        app.setPalette(dark_palette())
    elif style is not None:
        app.setPalette(style.standardPalette())


def dark_palette() -> QPalette:
    """A dark palette with readable contrast (text on base ≥ 12:1, links ≥ 4.5:1)."""
    p = QPalette()
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(232, 232, 232)
    roles = {
        QPalette.ColorRole.Window: window,
        QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base,
        QPalette.ColorRole.AlternateBase: QColor(40, 40, 43),
        QPalette.ColorRole.ToolTipBase: window,
        QPalette.ColorRole.ToolTipText: text,
        QPalette.ColorRole.PlaceholderText: QColor(150, 150, 150),
        QPalette.ColorRole.Text: text,
        QPalette.ColorRole.Button: QColor(55, 55, 59),
        QPalette.ColorRole.ButtonText: text,
        QPalette.ColorRole.BrightText: QColor(255, 110, 110),
        QPalette.ColorRole.Link: QColor(110, 170, 255),
        QPalette.ColorRole.Highlight: QColor(42, 110, 200),
        QPalette.ColorRole.HighlightedText: QColor(255, 255, 255),
        QPalette.ColorRole.Light: QColor(80, 80, 85),
        QPalette.ColorRole.Midlight: QColor(65, 65, 70),
        QPalette.ColorRole.Mid: QColor(70, 70, 74),
        QPalette.ColorRole.Dark: QColor(25, 25, 27),
        QPalette.ColorRole.Shadow: QColor(10, 10, 10),
    }
    for role, color in roles.items():
        p.setColor(role, color)
    for role in (
        QPalette.ColorRole.Text,
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor(125, 125, 125))
    return p
