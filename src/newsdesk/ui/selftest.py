"""Qt self-test for ``newsdesk doctor``: starts a QApplication offscreen, loads a page in a
QWebEngineView, runs a script in it and prints one JSON line. Run as a child process
(``python -m newsdesk.ui.selftest``) so the doctor itself never loads Qt."""

from __future__ import annotations

import json
import os
import sys
import time
from typing import Any

PAGE = "<html><head><title>newsdesk self-test</title></head><body><p id=x>ok</p></body></html>"
SCRIPT = "document.getElementById('x').textContent + ':' + (6 * 7)"
TIMEOUT_MS = 60_000


def run() -> int:
    """Prints ``{"pyside6", "qt", "chromium", "js", "seconds"}`` or ``{"error": ...}``."""
    started = time.monotonic()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        import PySide6
        from PySide6.QtCore import QTimer, qVersion
        from PySide6.QtWebEngineCore import qWebEngineChromiumVersion
        from PySide6.QtWebEngineWidgets import QWebEngineView
        from PySide6.QtWidgets import QApplication
    except ImportError as exc:
        return _report({"error": f"cannot import Qt: {exc}"})
    app = QApplication.instance() or QApplication(sys.argv[:1])
    result: dict[str, Any] = {
        "pyside6": PySide6.__version__,
        "qt": qVersion(),
        "chromium": qWebEngineChromiumVersion(),
    }
    view = QWebEngineView()
    view.resize(320, 200)

    def on_script(value: Any) -> None:
        if value != "ok:42":
            result["error"] = f"the page's script returned {value!r}, expected 'ok:42'"
        result["js"] = value
        app.exit(0)

    def on_loaded(ok: bool) -> None:
        if not ok:
            result["error"] = "QtWebEngine could not load a page"
            app.exit(1)
            return
        view.page().runJavaScript(SCRIPT, 0, on_script)

    def on_timeout() -> None:
        result["error"] = f"QtWebEngine did not answer within {TIMEOUT_MS // 1000} s"
        app.exit(1)

    view.loadFinished.connect(on_loaded)
    QTimer.singleShot(TIMEOUT_MS, on_timeout)
    view.setHtml(PAGE)
    view.show()
    app.exec()
    result["seconds"] = round(time.monotonic() - started, 2)
    return _report(result)


def _report(result: dict[str, Any]) -> int:
    print(json.dumps(result), flush=True)
    return 1 if result.get("error") else 0


if __name__ == "__main__":
    sys.exit(run())
