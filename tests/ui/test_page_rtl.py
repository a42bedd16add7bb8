"""An Arabic site in the real browser engine (QtWebEngine): the preview and the exported page
run right to left with the layout mirrored, and the exported page keeps the contrast the
English one has at phone, tablet and desktop widths."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView

from newsdesk.core.articles import ArticleRecord, create_article
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.domain.record import Correction
from newsdesk.export.html import export_html
from newsdesk.render.page import load_theme
from newsdesk.ui.context import UiContext
from newsdesk.ui.preview.pane import PreviewPane
from newsdesk.ui.prompts import ScriptedPrompts
from tests.ui.test_page_accessibility import CONTRAST_JS

BODY = """اختتم مؤتمر الدوحة أعماله مساء الأحد بعد أسبوعين من المحادثات.

> «هذا يوم مهم للميناء»، قالت ليلى حداد.

## ماذا بعد

يوقّع الوزراء الاتفاق في مارس.
"""

# Where things sit on a mirrored page: the text's start edge is the right one, the quote's
# rule and the correction's bar are on the right, the skip link opens at the right.
MIRRORED_JS = """(() => {
  const q = s => document.querySelector(s);
  const style = s => getComputedStyle(q(s));
  const rect = s => q(s).getBoundingClientRect();
  const main = rect('main');
  const text = document.createRange();  // the headline's words, not its block
  text.selectNodeContents(q('h1.headline'));
  const words = text.getBoundingClientRect();
  return {
    dir: document.documentElement.dir,
    direction: getComputedStyle(document.body).direction,
    quoteRight: style('.article-body blockquote').borderRightWidth,
    quoteLeft: style('.article-body blockquote').borderLeftWidth,
    correctionRight: style('.correction').borderRightWidth,
    headlineGapRight: main.right - words.right,
    headlineGapLeft: words.left - main.left,
    bylineAlign: style('.byline').direction,
  };
})()"""


def _arabic_library(ctx) -> int:
    with ctx.session() as s:
        save_settings(s, load_settings(s).with_changes(locale="ar"))
    with ctx.session() as s:
        rec = create_article(
            s,
            ArticleRecord(
                headline="مؤتمر الدوحة يختتم أعماله",
                standfirst="اتفاق بعد أسبوعين من المحادثات.",
                body=BODY,
                section="العالم",
                tags=["المناخ"],
                byline=["ليلى حداد", "عمر خالد"],
                dateline="الدوحة، قطر",
                corrections=[
                    Correction("correction", "صُحّح اسم الميناء.", datetime(2026, 12, 1, tzinfo=UTC))
                ],
                language="ar",
                status="published",
            ),
        )
    assert rec.id is not None
    return rec.id


def _js(qtbot, run: Any, expr: str) -> Any:
    box: list[Any] = []
    run(f"JSON.stringify(({expr}))", box.append)
    qtbot.waitUntil(lambda: bool(box), timeout=10000)
    return json.loads(box[0])


def _assert_mirrored(found: dict[str, Any]) -> None:
    assert (found["dir"], found["direction"], found["bylineAlign"]) == ("rtl", "rtl", "rtl")
    assert (found["quoteRight"], found["quoteLeft"]) == ("3px", "0px"), found
    assert found["correctionRight"] == "4px", found
    # a headline shorter than the column hugs the right edge, not the left one
    assert found["headlineGapRight"] < found["headlineGapLeft"], found


def test_preview_of_an_arabic_site_is_right_to_left(qtbot, ctx) -> None:
    article_id = _arabic_library(ctx)
    ui_ctx = UiContext(services=ctx, prompts=ScriptedPrompts())
    pane = PreviewPane(ui_ctx, open_external=lambda _url: None)
    qtbot.addWidget(pane)
    pane.resize(1100, 800)
    pane.show()
    qtbot.waitExposed(pane)
    with qtbot.waitSignal(pane.page_ready, timeout=20000):
        pane.show_article(article_id)
    _assert_mirrored(_js(qtbot, pane.run_js, MIRRORED_JS))
    assert _js(qtbot, pane.run_js, "document.querySelector('#read-more-title') === null")
    topics = _js(qtbot, pane.run_js, "document.querySelector('.topics__title').textContent")
    assert topics == "مواضيع"
    ui_ctx.tasks.wait()


@pytest.mark.parametrize("width", [375, 1280])
def test_exported_arabic_page_is_mirrored_and_readable(
    qtbot, ctx, tmp_path: Path, width: int
) -> None:
    article_id = _arabic_library(ctx)
    with ctx.session() as s:
        export_html(s, str(article_id), tmp_path / "out", load_theme(ctx.resources))
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(width, 900)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        view.load(QUrl.fromLocalFile(str(tmp_path / "out" / "index.html")))

    def run(script: str, callback: Any) -> None:
        view.page().runJavaScript(script, 0, callback)

    _assert_mirrored(_js(qtbot, run, MIRRORED_JS))
    contrast = _js(qtbot, run, CONTRAST_JS.strip().removesuffix(";"))
    data = json.loads(contrast) if isinstance(contrast, str) else contrast
    assert data["checked"] > 20
    assert data["worst"]["ratio"] >= 4.5, data["worst"]
