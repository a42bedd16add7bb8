"""Save screenshots of the main window with a sample article, in the light and the dark
palette, on the screens people use: docs/screenshots/desk-<W>x<H>@<scale>-<scheme>.png for
1366×768, 1920×1080 and 2560×1440 at scale 1, and 1920×1080 and 2560×1440 at scale 2
(QT_SCALE_FACTOR=2: a HiDPI screen of that many pixels); docs/screenshot-light.png and
docs/screenshot-dark.png are the laptop's.

Run it with Xvfb installed: python scripts/screenshots.py (each shot runs in its own process
under its own ``xvfb-run`` screen, because the screen and the palette are chosen at start-up).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
ARTICLE_SLUG = "port-saltmere-freight-falls-tariffs"


def shoot(scheme: str, out: Path) -> None:
    os.environ["NEWSDESK_COLOR_SCHEME"] = scheme
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from newsdesk.ui.preview.scheme import register_schemes

    register_schemes()  # before the QApplication, or the preview cannot load newsdesk://
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from newsdesk.core.articles import get_article
    from newsdesk.services.opening import open_context
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.prompts import ScriptedPrompts
    from newsdesk.ui.theme import apply_theme
    from newsdesk.ui.window_state import WindowState

    app = QApplication(sys.argv[:1])
    apply_theme(app, scheme)
    with tempfile.TemporaryDirectory() as base:
        ctx = open_context(str(Path(base) / "sample.newsdesk"), base, seed=True)
        with ctx.session() as session:
            article = get_article(session, ARTICLE_SLUG)
        window = MainWindow(UiContext(ctx, ScriptedPrompts()), WindowState(ctx.paths))
        window.start()
        window.show()
        screen = window.screen()
        if screen is not None:  # the window filling the screen, as a maximized one would
            window.setGeometry(screen.availableGeometry())
        window.open_article(article.id, 0)

        def settle(ms: int) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        ready = QEventLoop()
        window.preview.page_ready.connect(ready.quit)
        QTimer.singleShot(30000, ready.quit)  # a busy machine: wait up to 30 s for the page
        ready.exec()
        settle(1500)  # the list, the metadata choices and the last paint arrive
        window.grab().save(str(out))
        window.autosave.flush()
        window.ui_ctx.tasks.wait()
        ctx.close()
    print(f"saved {out}")


SCREENS = [(1366, 768, 1), (1920, 1080, 1), (2560, 1440, 1), (1920, 1080, 2), (2560, 1440, 2)]


def main() -> None:
    if len(sys.argv) == 3:
        shoot(sys.argv[1], Path(sys.argv[2]))
        return
    (DOCS / "screenshots").mkdir(parents=True, exist_ok=True)
    for width, height, scale in SCREENS:
        for scheme in ("light", "dark"):
            out = DOCS / "screenshots" / f"desk-{width}x{height}@{scale}-{scheme}.png"
            env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "QT_SCALE_FACTOR": str(scale)}
            screen = f"-screen 0 {width}x{height}x24"
            subprocess.run(
                ["xvfb-run", "-a", "-s", screen, sys.executable, __file__, scheme, str(out)],
                check=True,
                env=env,
            )
            if (width, height, scale) == (1366, 768, 1):
                (DOCS / f"screenshot-{scheme}.png").write_bytes(out.read_bytes())


if __name__ == "__main__":
    main()
