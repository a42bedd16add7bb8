"""Screenshots of the newsroom's workflow for docs/: the correction and update boxes on the
published page (real QtWebEngine, the built-in theme) and the Newsroom panel beside the editor
with its stage, presence banner, embargo, corrections and notes.

Run under a display: xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python
scripts/screenshot_newsroom.py [OUT_DIR]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

SEAWALL = "porto-calhau-approves-seawall-after-flooding"


def _wait(app: object, ready: object, seconds: float = 30) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        if callable(ready) and ready():
            return
        time.sleep(0.02)
    raise SystemExit("the widget never finished loading")


def _pause(app: object, seconds: float) -> None:
    """Let Qt paint for a while (a scrolled page is drawn a frame or two later)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.02)


def _story(ctx: object) -> int:
    from newsdesk.core.articles import get_article
    from newsdesk.services import newsroom, notes

    t0 = datetime.now(UTC) - timedelta(hours=3)
    with ctx.session() as s:  # type: ignore[attr-defined]
        rec = get_article(s, SEAWALL)
        assert rec.id is not None
        newsroom.add_correction(
            s, rec.id, "An earlier version said the council voted 9–3; the vote was 9–4.",
            now=t0 + timedelta(hours=1),
        )  # fmt: skip
        newsroom.add_correction(
            s, rec.id, "Adds the mayor's comment on the cost of the first phase.", "update",
            now=t0 + timedelta(hours=2, minutes=20),
        )  # fmt: skip
        newsroom.assign(
            s, rec.id, assignee="Dafydd Jones", word_budget=650,
            deadline=datetime.now(UTC) + timedelta(hours=2, minutes=15),
        )  # fmt: skip
        notes.add_note(s, rec.id, "Do we have the engineers' report on the 9–4 vote?")
        return rec.id


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs")
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="newsroom-shots-"))
    os.environ["NEWSDESK_BASEDIR"] = str(tmp / "profile")
    from newsdesk.ui.preview.scheme import register_schemes

    register_schemes()
    from PySide6.QtCore import QUrl
    from PySide6.QtWebEngineWidgets import QWebEngineView
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from newsdesk.export.html import export_html
    from newsdesk.render.page import load_theme
    from newsdesk.services import newsroom, presence
    from newsdesk.services.opening import open_context
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.prompts import ScriptedPrompts
    from newsdesk.ui.window_state import WindowState

    open_context(str(tmp / "shots.newsdesk"), seed=True).close()  # the sample, by nobody
    os.environ["NEWSDESK_DESK"] = "Dafydd Jones"
    ctx = open_context(str(tmp / "shots.newsdesk"), seed=False)
    article = _story(ctx)
    with ctx.session() as s:
        page_dir = tmp / "page"
        export_html(s, article, page_dir, load_theme(ctx.resources, "default"))
    page = next(page_dir.rglob("index.html"))
    view = QWebEngineView()
    view.resize(1000, 900)
    loaded: list[bool] = []
    view.loadFinished.connect(loaded.append)
    view.load(QUrl.fromLocalFile(str(page)))
    view.show()
    _wait(app, lambda: bool(loaded))
    _pause(app, 1.5)
    view.grab().save(str(out / "newsroom-updated-line.png"))
    scrolled: list[object] = []
    view.page().runJavaScript(
        "document.querySelector('.correction').scrollIntoView({block: 'center'}); 1",
        0,
        scrolled.append,
    )
    _wait(app, lambda: bool(scrolled))
    _pause(app, 1.5)
    view.grab().save(str(out / "newsroom-correction.png"))

    with ctx.session() as s:
        newsroom.set_roles(s, "Dafydd Jones", ["editor"])
        newsroom.move_stage(s, article, "edited")
        newsroom.set_embargo(s, article, datetime.now(UTC) + timedelta(days=1, hours=3))
    ui_ctx = UiContext(ctx, ScriptedPrompts())
    window = MainWindow(ui_ctx, WindowState(ctx.paths))
    window.resize(1600, 1000)
    window.start()
    window.show()
    _wait(app, lambda: window.attached)
    window.open_article(article)
    panel = window.newsroom.panel
    _wait(app, lambda: panel.view is not None)
    other = open_context(str(tmp / "shots.newsdesk"), seed=False)
    with other.session() as s:
        presence.open_article(s, article, presence.new_client_id(), "Aled Morgan")
    _wait(app, lambda: window.newsroom.presence.isVisible())
    _pause(app, 1.0)
    window.grab().save(str(out / "newsroom-statusbar.png"))
    window.newsroom.dock.show()
    window.act_toggle_preview.trigger()  # room for the panel beside the editor
    _pause(app, 1.5)
    window.newsroom.dock.grab().save(str(out / "newsroom-panel.png"))
    window.grab().save(str(out / "newsroom-window.png"))
    window.newsroom.shutdown()
    ui_ctx.tasks.wait()
    other.close()
    print(
        f"wrote {out}/newsroom-correction.png, newsroom-updated-line.png, newsroom-panel.png,"
        " newsroom-window.png"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
