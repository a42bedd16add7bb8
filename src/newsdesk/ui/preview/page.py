"""The preview's web page: stays on the page it was given (a link clicked away from it is
announced as ``link_opened``; the pane opens it in the system browser), carries our
isolated-world script and turns its console messages into signals."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile, QWebEngineScript

from newsdesk.ui.preview.script import BRIDGE_PREFIX, PREVIEW_JS

WORLD = QWebEngineScript.ScriptWorldId.ApplicationWorld
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel"}
RELOADS = 2  # times a lost page load is asked for again

log = logging.getLogger(__name__)


class PreviewPage(QWebEnginePage):
    source_line_clicked = Signal(int)
    frame_painted = Signal(str)
    link_opened = Signal(QUrl)

    def __init__(self, profile: QWebEngineProfile, parent: QObject | None = None) -> None:
        super().__init__(profile, parent)
        self.expected_url = QUrl()
        self._reloads = 0
        self.loadFinished.connect(self._check_landed)  # before anyone else hears of the load
        script = QWebEngineScript()
        script.setName("newsdesk-preview")
        script.setSourceCode(PREVIEW_JS)
        script.setWorldId(WORLD)
        script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentReady)
        script.setRunsOnSubFrames(False)
        self.scripts().insert(script)

    def show_url(self, url: QUrl) -> None:
        self.expected_url = url
        self._reloads = 0
        self.load(url)

    def _check_landed(self, ok: bool) -> None:
        """A page asked for while another was still loading can be dropped by Chromium: the
        older one finishes, nothing else is loading, and the preview would stay blank (seen
        under load: the placeholder finished after the article was asked for). Ask again."""
        if not ok or self.isLoading() or self.expected_url.isEmpty():
            return
        if _without_fragment(self.url()) == _without_fragment(self.expected_url):
            return
        if self._reloads >= RELOADS:
            log.warning("preview: %s never loaded", self.expected_url.toString())
            return
        self._reloads += 1
        log.debug(
            "preview: %s finished instead of %s; loading it again",
            self.url().toString(),
            self.expected_url.toString(),
        )
        self.load(self.expected_url)

    def acceptNavigationRequest(  # type: ignore[override]
        self, url: QUrl, nav_type: QWebEnginePage.NavigationType, is_main_frame: bool
    ) -> bool:
        link = nav_type == QWebEnginePage.NavigationType.NavigationTypeLinkClicked
        if not link and url == self.expected_url:
            return True
        if url.hasFragment() and _without_fragment(url) == _without_fragment(self.url()):
            return True  # footnotes and the skip link move within the page
        if link and url.scheme() in EXTERNAL_SCHEMES:
            self.link_opened.emit(url)
        return False

    def createWindow(self, _type: QWebEnginePage.WebWindowType) -> QWebEnginePage | None:  # type: ignore[override]
        return None  # no pop-ups

    def javaScriptConsoleMessage(
        self,
        level: QWebEnginePage.JavaScriptConsoleMessageLevel,
        message: str,
        line: int,
        source: str,
    ) -> None:
        if not message.startswith(BRIDGE_PREFIX):
            return
        kind, _, value = message[len(BRIDGE_PREFIX) :].partition(":")
        if kind == "line" and value.lstrip("-").isdigit():
            self.source_line_clicked.emit(int(value))
        elif kind == "frame":
            self.frame_painted.emit(value)


def _without_fragment(url: QUrl) -> str:
    return url.toString().split("#", 1)[0]
