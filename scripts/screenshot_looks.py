"""Save screenshots of one sample article in the preview: in the newsdesk theme, in the look
learned from the real WordPress (Twenty Twenty-Three) and from the real Ghost (Casper), into
docs/look-newsdesk.png, docs/look-wordpress.png and docs/look-ghost.png.

Needs the WordPress of scripts/wordpress/start.sh (NEWSDESK_WP_DIR/NEWSDESK_WP_PORT) and the
shared Ghost peer (its env file under PEERS_STATE_DIR), each with at least one published post.
Casper is activated on Ghost only while its page is fetched; the theme in use is put back.

Run under a display: xvfb-run -a -s "-screen 0 1600x1000x24" python scripts/screenshot_looks.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
ARTICLE_SLUG = "porto-calhau-approves-seawall-after-flooding"
WP_DIR = Path(os.environ.get("NEWSDESK_WP_DIR", "/tmp/newsdesk-wp"))
GHOST_ENV = Path(os.environ.get("PEERS_STATE_DIR", "/tmp/newsdesk-peers")) / "ghost" / "env"


def _ghost_env() -> dict[str, str]:
    env = {}
    for line in GHOST_ENV.read_text().splitlines():
        key, sep, value = line.partition("=")
        if sep and not key.startswith("#"):
            env[key.strip()] = value.strip().strip("'\"")
    return env


def learn(db: Path, base: Path) -> None:
    """Learn both looks into the library ``db`` (the servers are needed only here)."""
    import httpx

    from newsdesk.looks.fetch import Fetcher, newest_post_url
    from newsdesk.looks.snapshot import take_snapshot
    from newsdesk.publish.ghost import admin_token
    from newsdesk.services.looks import save_snapshot
    from newsdesk.services.opening import open_context

    ctx = open_context(str(db), str(base), seed=True)
    fetcher = Fetcher()
    wp = json.loads((WP_DIR / "credentials.json").read_text())
    wp_snap = take_snapshot(fetcher, newest_post_url(fetcher, wp["base_url"], "wordpress"))
    ghost = _ghost_env()
    api = ghost["GHOST_URL"].rstrip("/") + "/ghost/api/admin/themes/"

    def call(method: str, url: str) -> httpx.Response:
        headers = {"Authorization": f"Ghost {admin_token(ghost['GHOST_STAFF_API_KEY'])}",
                   "Accept-Version": "v5.0"}  # fmt: skip
        response = httpx.request(method, url, headers=headers, timeout=60)
        response.raise_for_status()
        return response

    before = next(t["name"] for t in call("GET", api).json()["themes"] if t["active"])
    call("PUT", api + "casper/activate/")
    try:
        ghost_snap = take_snapshot(fetcher, newest_post_url(fetcher, ghost["GHOST_URL"], "ghost"))
    finally:
        call("PUT", api + f"{before}/activate/")
    with ctx.session() as session:
        save_snapshot(session, "WordPress", "", wp_snap)
        save_snapshot(session, "Ghost", "", ghost_snap)
    ctx.close()


def shoot(db: Path, base: Path, look: str, out: Path) -> None:
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from newsdesk.ui.preview.scheme import register_schemes

    register_schemes()
    QApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    from newsdesk.core.articles import get_article
    from newsdesk.services.opening import open_context
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.mainwindow import MainWindow
    from newsdesk.ui.prompts import ScriptedPrompts
    from newsdesk.ui.theme import apply_theme
    from newsdesk.ui.window_state import WindowState

    app = QApplication(sys.argv[:1])
    apply_theme(app, "light")
    ctx = open_context(str(db), str(base))
    with ctx.session() as session:
        article = get_article(session, ARTICLE_SLUG)
    prompts = ScriptedPrompts()
    window = MainWindow(UiContext(ctx, prompts), WindowState(ctx.paths))
    window.resize(1600, 1000)
    window.start()
    window.show()
    if look != "newsdesk":
        window.preview.set_look(look)
    loop = QEventLoop()
    window.preview.page_ready.connect(lambda: QTimer.singleShot(1500, loop.quit))  # fonts
    QTimer.singleShot(60_000, loop.quit)
    window.open_article(article.id, 0)
    loop.exec()
    if prompts.errors:
        raise SystemExit(f"the preview failed: {prompts.errors}")
    window.grab().save(str(out))
    window.autosave.flush()
    window.ui_ctx.tasks.wait()
    ctx.close()
    print(f"saved {out}")


def main() -> None:
    if len(sys.argv) == 5:
        shoot(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], Path(sys.argv[4]))
        return
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    with tempfile.TemporaryDirectory(prefix="newsdesk-looks-") as tmp:
        db, base = Path(tmp) / "looks.newsdesk", Path(tmp) / "profile"
        learn(db, base)
        for look, name in (
            ("newsdesk", "newsdesk"),
            ("WordPress", "wordpress"),
            ("Ghost", "ghost"),
        ):
            out = DOCS / f"look-{name}.png"
            subprocess.run([sys.executable, __file__, str(db), str(base), look, str(out)],
                           check=True, env=env)  # fmt: skip


if __name__ == "__main__":
    main()
