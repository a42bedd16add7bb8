"""Declaring the ``newsdesk://`` scheme before the QApplication exists; Qt-only, so the app can
do it without loading the library code behind the scheme handler."""

from __future__ import annotations

from PySide6.QtWebEngineCore import QWebEngineUrlScheme

SCHEME = b"newsdesk"


def register_schemes() -> None:
    """Declare ``newsdesk://``; must run before the QApplication is created (Qt's rule)."""
    if QWebEngineUrlScheme.schemeByName(SCHEME).name() == SCHEME:
        return
    import PySide6.QtWebEngineWidgets  # noqa: F401  (sets up GL sharing before the app exists)

    scheme = QWebEngineUrlScheme(SCHEME)
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(
        QWebEngineUrlScheme.Flag.SecureScheme
        | QWebEngineUrlScheme.Flag.LocalScheme
        | QWebEngineUrlScheme.Flag.CorsEnabled
    )
    QWebEngineUrlScheme.registerScheme(scheme)
