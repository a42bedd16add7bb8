"""A newsroom's own theme (made with ``newsdesk theme new``), edited while the preview shows
an article: a template change and a CSS change each reload the page, in the real QtWebEngine."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_cli
from tests.ui.preview.test_pane import js, show

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.ui.context import UiContext
from newsdesk.ui.preview.pane import PreviewPane
from newsdesk.ui.prompts import ScriptedPrompts


def test_own_theme_reloads_in_the_preview_on_save(qtbot, ctx, db_path) -> None:
    made = run_cli("theme", "new", "harbour", "--use", db=db_path)
    assert made.returncode == 0, made.stderr
    folder = ctx.paths.data_dir / "themes" / "harbour"
    assert (folder / "theme.toml").read_text().startswith("#")
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Seawall approved", body="One.\n\nTwo."))
    ui_ctx = UiContext(services=ctx, prompts=ScriptedPrompts())
    pane = PreviewPane(ui_ctx, open_external=lambda _url: None)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    qtbot.waitExposed(pane)
    assert rec.id is not None
    show(qtbot, pane, rec.id)
    assert pane.theme_watch.folder == folder.resolve()
    pane.update_body("One.\n\nTwo, typed and not saved.")

    template = folder / "templates" / "article.html"
    text = template.read_text()
    edited = text.replace('<h1 class="headline">', '<p class="kicker">Harbour edition</p>\n'
                          '    <h1 class="headline">', 1)  # fmt: skip
    assert edited != text
    _save(template, edited)
    qtbot.waitUntil(lambda: js(qtbot, pane, "(document.querySelector('.kicker') || {})"
                               ".textContent") == "Harbour edition", timeout=15000)  # fmt: skip
    qtbot.waitUntil(lambda: "typed and not saved" in js(
        qtbot, pane, "document.querySelector('.article-body').textContent"), timeout=10000)  # fmt: skip

    css = folder / "static" / "style.css"
    _save(css, css.read_text() + "\nh1.headline { color: rgb(1, 2, 3); }\n")
    qtbot.waitUntil(lambda: js(qtbot, pane, "getComputedStyle(document.querySelector("
                               "'h1.headline')).color") == "rgb(1, 2, 3)", timeout=15000)  # fmt: skip
    ui_ctx.tasks.wait()


def _save(path: Path, text: str) -> None:
    """As many editors save: a new file renamed over the old one."""
    tmp = path.with_name(path.name + ".swp")
    tmp.write_text(text)
    tmp.replace(path)
