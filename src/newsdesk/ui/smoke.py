"""Start-up smoke test of an installation or bundle (``newsdesk gui --smoke-test``): opens the
main window offscreen on the given library, waits for its first paint and for a preview page
to load, prints ``SMOKE OK`` and exits 0 (``SMOKE FAIL: …`` and 1 otherwise)."""

from __future__ import annotations

import os
import sys
import time
from typing import Any

from newsdesk.errors import UserError

TIMEOUT_MS = 90_000
PREVIEW_GRACE_MS = 10_000  # the main window may show no article: then load one ourselves


def run_smoke(db: str | None = None, basedir: str | None = None) -> int:
    started = time.monotonic()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from newsdesk.services.opening import open_context
    from newsdesk.ui.preview.scheme import register_schemes

    register_schemes()  # before the QApplication, or the preview cannot load newsdesk://
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    try:
        services = open_context(db, basedir)
    except UserError as exc:
        print(f"SMOKE FAIL: cannot open the library: {exc}", flush=True)
        return 1
    try:
        probe = _Probe(app, services)
        ok, message = probe.run()
    finally:
        services.close()
    seconds = time.monotonic() - started
    print(f"SMOKE {'OK' if ok else 'FAIL'}: {message} ({seconds:.1f} s)", flush=True)
    return 0 if ok else 1


class _Probe:
    """Builds the window and watches for its first paint and a loaded preview page."""

    def __init__(self, app: Any, services: Any) -> None:
        from PySide6.QtCore import QEvent, QObject

        self.app, self.services = app, services
        self.painted = False
        self.loaded: str | None = None
        self.error = ""
        self.keep: list[Any] = []  # Qt objects that must outlive run()
        probe = self

        class PaintWatcher(QObject):
            def eventFilter(self, obj: Any, event: Any) -> bool:
                if event.type() == QEvent.Type.Paint:
                    probe.painted = True
                return False

        self.watcher = PaintWatcher()
        self.views: list[Any] = []

    def run(self) -> tuple[bool, str]:
        from PySide6.QtCore import QTimer

        from newsdesk.ui.context import UiContext
        from newsdesk.ui.prompts import ScriptedPrompts

        ui_ctx = UiContext(self.services, ScriptedPrompts())  # nothing modal in a smoke run
        window, kind = self._main_window(ui_ctx)
        self._watch_views(window)
        # any widget of the window painting counts: the frame itself may never need to
        from PySide6.QtWidgets import QWidget

        for widget in [window, *window.findChildren(QWidget)]:
            widget.installEventFilter(self.watcher)
        if hasattr(window, "start"):
            window.start()
        window.resize(1200, 800)
        window.show()
        if hasattr(window, "open_article") and self.loaded is None:
            first = self._first_article_id()
            if first is not None:
                window.open_article(first)
        # no web view in the window (a preview still to come): prove QtWebEngine works anyway
        QTimer.singleShot(PREVIEW_GRACE_MS if self.views else 0, self._load_own_page)
        QTimer.singleShot(TIMEOUT_MS, self._timeout)
        poll = QTimer()
        poll.timeout.connect(self._check_done)
        poll.start(50)
        self.app.exec()
        poll.stop()
        ok = self.painted and self.loaded is not None and not self.error
        message = self.error or f"{kind} painted, preview loaded {self.loaded}"
        window.close()
        return ok, message

    def _main_window(self, ui_ctx: Any) -> tuple[Any, str]:
        try:
            from newsdesk.ui.mainwindow import MainWindow
            from newsdesk.ui.window_state import WindowState
        except ImportError:  # the main window is not part of this build yet
            from PySide6.QtWidgets import QMainWindow

            window = QMainWindow()
            window.setWindowTitle("newsdesk")
            window.setCentralWidget(self._page_view(window))
            return window, "fallback window"
        return MainWindow(ui_ctx, WindowState(ui_ctx.services.paths)), "main window"

    def _watch_views(self, root: Any) -> None:
        from PySide6.QtWebEngineWidgets import QWebEngineView

        self.views = root.findChildren(QWebEngineView)
        for view in self.views:
            view.loadFinished.connect(lambda ok, v=view: self._on_loaded(ok, v))

    def _on_loaded(self, ok: bool, view: Any) -> None:
        if not ok:
            self.error = f"the page {view.url().toString()} did not load"
        elif self.loaded is None:
            self.loaded = view.url().toString() or "a page"

    def _first_article_id(self) -> int | None:
        from newsdesk.services.authoring import list_articles

        with self.services.session() as session:
            found = list_articles(session, limit=1)
        return found[0].id if found else None

    def _page_view(self, parent: Any) -> Any:
        """A web view showing an article page rendered from the library (or a placeholder)."""
        from PySide6.QtCore import QUrl
        from PySide6.QtWebEngineWidgets import QWebEngineView

        view = QWebEngineView(parent)
        view.loadFinished.connect(lambda ok: self._on_loaded(ok, view))
        view.setHtml(self._article_html(), QUrl("about:blank"))
        return view

    def _article_html(self) -> str:
        from newsdesk.services.preview import single_file_page

        first = self._first_article_id()
        if first is None:
            return "<html><body><p>An empty library.</p></body></html>"
        return single_file_page(self.services, first)

    def _load_own_page(self) -> None:
        if self.loaded is None and not self.error:
            try:
                view = self._page_view(None)
            except UserError as exc:
                self.error = f"cannot render an article page: {exc}"
                return
            view.resize(800, 600)
            view.show()
            self.keep.append(view)

    def _timeout(self) -> None:
        missing = [w for w, done in (("paint", self.painted), ("page", self.loaded)) if not done]
        self.error = f"timed out after {TIMEOUT_MS // 1000} s waiting for {', '.join(missing)}"
        self.app.exit(1)

    def _check_done(self) -> None:
        if self.error or (self.painted and self.loaded is not None):
            self.app.exit(0)
