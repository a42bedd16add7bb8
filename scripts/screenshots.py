"""Save screenshots of the main window with a sample article, in the light and the dark
palette, into docs/ (docs/screenshot-light.png, docs/screenshot-dark.png).

Run under a display, e.g.: xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshots.py
Each scheme runs in its own process, because the palette is chosen at start-up.
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
    from newsdesk.services.articles import get_article
    from newsdesk.services.context import open_context
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
        window.resize(1600, 960)
        window.start()
        window.show()
        window.open_article(article.id, 0)

        def settle(ms: int) -> None:
            loop = QEventLoop()
            QTimer.singleShot(ms, loop.quit)
            loop.exec()

        settle(3500)  # the list, the metadata choices and the preview page arrive
        window.grab().save(str(out))
        window.autosave.flush()
        window.ui_ctx.tasks.wait()
        ctx.close()
    print(f"saved {out}")


def main() -> None:
    if len(sys.argv) == 3:
        shoot(sys.argv[1], Path(sys.argv[2]))
        return
    DOCS.mkdir(exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    for scheme in ("light", "dark"):
        out = DOCS / f"screenshot-{scheme}.png"
        subprocess.run([sys.executable, __file__, scheme, str(out)], check=True, env=env)


if __name__ == "__main__":
    main()
