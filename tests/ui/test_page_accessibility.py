"""The published page, measured in a real browser engine (QtWebEngine): every piece of text has
a contrast of at least 4.5:1 against what is behind it, at phone, tablet and desktop widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineWidgets import QWebEngineView

from newsdesk.export.html import export_html
from newsdesk.render.page import load_theme

CONTRAST_JS = r"""
(() => {
  const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(',').map(Number); return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1}; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = el => { for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; }
    return {r: 255, g: 255, b: 255, a: 1}; };
  let worst = {ratio: 99, text: ''};
  let checked = 0;
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden' || st.display === 'none' || el.getClientRects().length === 0) continue;
    if (el.closest('.skip-link')) continue;  // off-screen until focused
    const fg = parse(st.color), bg = background(el);
    const a = lum(fg), b = lum(bg);
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    checked++;
    if (ratio < worst.ratio) worst = {ratio, text: el.tagName + ' ' + el.className + ': ' + el.textContent.trim().slice(0, 40)};
  }
  return JSON.stringify({worst, checked});
})()
"""


@pytest.mark.parametrize("width", [375, 768, 1280])
def test_text_contrast_is_at_least_4_5(qtbot, sample_ctx, tmp_path: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    import json

    with sample_ctx.session() as s:
        export_html(
            s,
            "porto-calhau-approves-seawall-after-flooding",
            tmp_path / "out",
            load_theme(sample_ctx.resources),
        )
    view = QWebEngineView()
    qtbot.addWidget(view)
    view.resize(width, 900)
    view.show()
    with qtbot.waitSignal(view.loadFinished, timeout=20000):
        view.load(QUrl.fromLocalFile(str(tmp_path / "out" / "index.html")))
    result: list[str] = []
    view.page().runJavaScript(CONTRAST_JS, 0, result.append)
    qtbot.waitUntil(lambda: bool(result), timeout=10000)
    data = json.loads(result[0])
    assert data["checked"] > 50
    assert data["worst"]["ratio"] >= 4.5, data["worst"]
