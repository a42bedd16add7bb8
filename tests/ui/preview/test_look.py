"""The preview in a learned site look, in the real QtWebEngine: the article inside the site's
page with the site's stylesheet (served from the library through newsdesk://look/), patched
in place while typing, header fields swapped in place, nothing requested from outside."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from tests.looks.conftest import Site
from tests.ui.preview.test_pane import js, show

from newsdesk.core.articles import ArticleRecord, create_article, get_article
from newsdesk.services import looks, publishing
from newsdesk.ui.context import UiContext
from newsdesk.ui.preview.pane import PreviewPane
from newsdesk.ui.prompts import ScriptedPrompts


@pytest.fixture
def learned(ctx) -> Iterator[str]:
    """A look learned from a real web site on 127.0.0.1, which is then stopped."""
    site = Site()
    try:
        with ctx.session() as s:
            publishing.add_target(s, "paper", "folder", str(ctx.paths.data_dir))
        looks.learn_look(ctx.session, "paper", site.url + "/post/")
    finally:
        site.stop()
    yield "paper"


@pytest.fixture
def pane(qtbot, ctx) -> Iterator[PreviewPane]:
    ui_ctx = UiContext(services=ctx, prompts=ScriptedPrompts())
    pane = PreviewPane(ui_ctx, open_external=lambda _url: None)
    qtbot.addWidget(pane)
    pane.resize(900, 700)
    pane.show()
    qtbot.waitExposed(pane)
    yield pane
    ui_ctx.tasks.wait()


def _article(ctx) -> ArticleRecord:
    with ctx.session() as s:
        return create_article(s, ArticleRecord(
            headline="Seawall approved", standfirst="After three winters of floods.",
            body="First paragraph.\n\n> A quote.\n\nThird paragraph.",
            byline=["Ada Lovelace"], dateline="Porto Calhau",
        ))  # fmt: skip


def test_site_look_shows_the_article_and_follows_typing(qtbot, ctx, learned, pane) -> None:
    rec = _article(ctx)
    pane.look_menu.refresh()
    qtbot.waitUntil(lambda: pane.look_menu.names == ["paper"], timeout=10000)
    labels = [a.text() for a in pane.look_menu.menu.actions()]
    assert labels == ["newsdesk theme", "paper"]
    pane.look_menu.menu.actions()[1].trigger()  # as a person picks it from the menu
    assert pane.look == "paper"
    assert rec.id is not None
    show(qtbot, pane, rec.id)
    assert js(qtbot, pane, "document.querySelector('h1.post-heading').textContent") == (
        "Seawall approved"
    )
    # the site's own stylesheet, from the library: .post-heading { font-size: 3em }
    assert js(qtbot, pane, "getComputedStyle(document.querySelector('h1')).fontSize") == "48px"
    assert js(qtbot, pane, "document.querySelector('div.post-text p').textContent") == (
        "PORTO CALHAU – First paragraph."
    )
    first_node = "document.querySelector('div.post-text').children[2]"
    js(qtbot, pane, f"({first_node}.__kept = 1)")

    pane.update_body("First paragraph.\n\n> A quote.\n\nThird paragraph, typed now.")
    qtbot.waitUntil(lambda: js(qtbot, pane, "document.querySelector('div.post-text').textContent")
                    .count("typed now") == 1, timeout=10000)  # fmt: skip
    # only the changed block was replaced; the quote carries no site class here (generic)
    assert js(qtbot, pane, "document.querySelectorAll('div.post-text > *').length") == 3

    with ctx.session() as s:
        record = get_article(s, rec.id)
    pane.update_fields(dataclasses.replace(record, headline="Seawall approved at last",
                                           byline=["Grace Hopper"]))  # fmt: skip
    qtbot.waitUntil(lambda: js(qtbot, pane, "document.querySelector('h1.post-heading')"
                               ".textContent") == "Seawall approved at last", timeout=10000)  # fmt: skip
    assert "typed now" in js(qtbot, pane, "document.querySelector('div.post-text').textContent")
    assert js(qtbot, pane, "document.title").startswith("Seawall approved at last")
    assert pane.guard.blocked == []  # nothing asked for outside newsdesk://

    pane.look_menu.menu.actions()[0].trigger()  # back to the newsdesk theme
    qtbot.waitUntil(lambda: js(qtbot, pane, "!!document.querySelector('h1.headline')"),
                    timeout=20000)  # fmt: skip
    # the text typed but not saved is kept across the switch
    qtbot.waitUntil(lambda: "typed now" in js(qtbot, pane, "document.querySelector("
                    "'.article-body').textContent"), timeout=10000)  # fmt: skip


def test_a_script_that_slipped_into_a_snapshot_never_runs(qtbot, ctx, pane) -> None:
    """The sanitiser is not the only guard: a snapshot stored with a script and references to a
    real server on 127.0.0.1 (written straight into the library) runs nothing in the preview,
    and the server never hears from it."""
    from tests.ui.preview.test_pane import MAIN_WORLD

    from newsdesk.looks.snapshot import Snapshot

    site = Site()
    html = (
        "<!DOCTYPE html><html><head><title>t</title>"
        f"<link rel='stylesheet' href='{site.url}/theme/style.css'>"
        "<script>window.__pwned = 1</script></head><body>"
        "<h1 class='t'>x</h1><div class='c'><p>old</p></div>"
        f"<img src='{site.url}/theme/paper.png' alt=''>"
        "<div onclick='window.__pwned = 2' id='trap'>trap</div></body></html>"
    )
    try:
        with ctx.session() as s:
            looks.save_snapshot(s, "slipped", "", Snapshot(
                site.url, "generic", html, {"title": "h1.t", "content": "div.c"}))  # fmt: skip
        rec = _article(ctx)
        assert rec.id is not None
        pane.set_look("slipped")
        show(qtbot, pane, rec.id)
        assert js(qtbot, pane, "document.querySelector('h1.t').textContent") == "Seawall approved"
        js(qtbot, pane, "document.getElementById('trap').click()", MAIN_WORLD)
        assert js(qtbot, pane, "typeof window.__pwned", MAIN_WORLD) == "undefined"
        assert js(qtbot, pane, "document.querySelector('img').naturalWidth") == 0
        assert site.httpd.requests == []
    finally:
        site.stop()


def test_a_look_forgotten_meanwhile_falls_back_to_the_theme(qtbot, ctx, pane) -> None:
    """The look remembered from last time (window state, per library) may have been removed
    with `newsdesk look remove`: the preview shows the theme and says so in its menu."""
    from newsdesk.ui.window_state import WindowState

    state = WindowState(ctx.paths)
    state.set_preview_look("gone")
    assert WindowState(ctx.paths).preview_look() == "gone"
    rec = _article(ctx)
    assert rec.id is not None
    pane.set_look(WindowState(ctx.paths).preview_look())
    show(qtbot, pane, rec.id)
    assert js(qtbot, pane, "document.querySelector('h1.headline').textContent") == (
        "Seawall approved"
    )
    assert pane.look is None
    assert pane.look_menu.button.text() == "Look: newsdesk theme"
