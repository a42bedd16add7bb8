"""``PreviewPane``: the article's published page, live.

``show_article`` renders the whole page (the same ``render_article_page`` the HTML export
uses; only the Linker differs) off the GUI thread and loads it through ``newsdesk://``.
While typing, ``update_body`` renders only changed blocks (off the GUI thread) and patches
them into the DOM in place, so the page never reloads and the scroll position holds.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QResizeEvent
from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineProfile
from PySide6.QtWebEngineWidgets import QWebEngineView
from PySide6.QtWidgets import QHBoxLayout, QToolBar, QVBoxLayout, QWidget

from newsdesk.core.settings import SiteSettings
from newsdesk.domain.record import ArticleRecord
from newsdesk.ui.preview.page import WORLD, PreviewPage
from newsdesk.ui.preview.scheme import PreviewSchemeHandler, RequestGuard
from newsdesk.ui.trace import mark

if TYPE_CHECKING:  # the renderer and the services load on first use, off the start path
    from newsdesk.services.preview_render import BodyRenderer, RenderedBlock
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.preview.render_process import BlockRenderProcess

log = logging.getLogger(__name__)

WIDTHS = {"fit": None, "phone": 375, "tablet": 768, "desktop": 1280}
PLACEHOLDER_PATH = "/"
# An article page reported loaded without its body is loaded again this many times in a row.
BODILESS_RELOADS = 2
SET_UP_TRIES, SET_UP_PAUSE_MS = 5, 100  # the page's set-up script asked again when not there
# From this length on, typing renders in a child process (no GIL shared with the GUI thread);
# shorter bodies render in a millisecond or two on the worker thread.
PROCESS_CHARS = 20_000
# Shown while no article is open (and at start-up, before the library is open).
PLACEHOLDER = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Preview</title>
<style>html,body{height:100%;margin:0}body{display:flex;align-items:center;justify-content:center;
background:#fbfaf7;color:#5f5b54;font:16px/1.5 Georgia,"Times New Roman",serif;text-align:center}
p{max-width:26em;padding:0 1.5em}</style></head>
<body><p>The article you open is shown here as the published site will show it.</p></body></html>
"""


@dataclass(frozen=True)
class _Loaded:
    record: ArticleRecord
    settings: SiteSettings
    static_dir: Any
    html: str
    asset_urls: dict[str, str]
    blocks: list[RenderedBlock]
    platform: str = ""  # a learned site look's platform (its block classes); "" = a theme

    @property
    def path(self) -> str:
        """The article page's path on the preview's site."""
        return f"/articles/{self.record.slug}/"


class PreviewPane(QWidget):
    source_line_clicked = Signal(int)
    page_ready = Signal()

    def __init__(
        self,
        ui_ctx: UiContext,
        parent: QWidget | None = None,
        open_external: Callable[[QUrl], object] = QDesktopServices.openUrl,
    ) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.profile = QWebEngineProfile()  # off the record: nothing cached on disk
        self.handler = PreviewSchemeHandler(ui_ctx, self.profile)
        self.profile.installUrlSchemeHandler(b"newsdesk", self.handler)
        self.guard = RequestGuard(self.profile)
        self.profile.setUrlRequestInterceptor(self.guard)
        self.page = PreviewPage(self.profile, None)
        self.page.link_opened.connect(open_external)
        self.view = QWebEngineView(self)
        self.view.setPage(self.page)
        self.page.setParent(self.view)
        self.page.source_line_clicked.connect(self.source_line_clicked)
        self.page.frame_painted.connect(self._on_frame)
        self.page.loadFinished.connect(self._on_load_finished)
        self.page.renderProcessTerminated.connect(self._on_renderer_gone)
        self._article_id: int | None = None
        self._renderer: BodyRenderer | None = None  # made on the first render (a worker)
        self._renderer_lock = threading.Lock()
        self._generation = 0
        self._bodiless = 0  # loads in a row that finished without the article's body
        self._loaded: _Loaded | None = None
        self._shown: list[RenderedBlock] | None = None  # what the DOM holds, block by block
        self._markdown: str | None = None  # the latest body from the editor
        self._fields: ArticleRecord | None = None  # changed fields not rendered yet
        self._fields_busy = False  # a header render is running
        self._pending = False
        self._busy = False
        self._render_child: BlockRenderProcess | None = None  # made when a long article opens
        self._width = "fit"
        self._look: str | None = None  # a learned site look (newsdesk.looks), or the theme
        from newsdesk.ui.preview.theme_watch import ThemeWatcher

        self.theme_watch = ThemeWatcher(self)  # a newsroom's own theme: reload on save
        self.theme_watch.changed.connect(self._on_theme_edited)
        self._build_layout()
        # Parented last, so the profile is deleted after the view and page that use it.
        self.profile.setParent(self)

    # -- layout and widths ----------------------------------------------------------------
    def _build_layout(self) -> None:
        self.toolbar = QToolBar(self)
        group = QActionGroup(self)
        self.width_actions: dict[str, QAction] = {}
        for name, label in [("fit", "Fit"), ("phone", "Phone 375"), ("tablet", "Tablet 768"), ("desktop", "Desktop 1280")]:  # fmt: skip
            action = QAction(label, self, checkable=True)
            action.setObjectName(f"preview_width_{name}")
            action.triggered.connect(lambda _=False, n=name: self.set_width(n))
            group.addAction(action)
            self.toolbar.addAction(action)
            self.width_actions[name] = action
        self.width_actions["fit"].setChecked(True)
        from newsdesk.ui.preview.look_menu import LookMenu

        self.look_menu = LookMenu(self.ui_ctx, self)
        self.look_menu.look_chosen.connect(self.set_look)
        first = self.toolbar.actions()[0]
        self.toolbar.insertWidget(first, self.look_menu.button)  # first: the widths may overflow
        self.toolbar.insertSeparator(first)
        self._stage = QWidget(self)
        stage_layout = QHBoxLayout(self._stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.addStretch(1)
        stage_layout.addWidget(self.view, 0)
        stage_layout.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self._stage, 1)
        self._apply_width()

    def set_width(self, name: str) -> None:
        """``fit`` the pane, or lay the page out as a phone (375), tablet (768) or desktop
        (1280 px) would; a preset wider than the pane is scaled down to fit."""
        self._width = name
        self.width_actions[name].setChecked(True)
        self._apply_width()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._apply_width()

    def _apply_width(self) -> None:
        target = WIDTHS[self._width]
        available = max(1, self._stage.width())
        stage = self._stage.layout()
        if target is None:
            # The view fills the stage and follows it; a fixed width here would also be the
            # pane's minimum, so the preview could never be made narrower again.
            self.view.setMinimumWidth(0)
            self.view.setMaximumWidth(16777215)
            for index, stretch in enumerate((0, 1, 0)):
                stage.setStretch(index, stretch)  # type: ignore[union-attr]
            self.view.setZoomFactor(1.0)
            return
        for index, stretch in enumerate((1, 0, 1)):
            stage.setStretch(index, stretch)  # type: ignore[union-attr]
        self.view.setMinimumWidth(0)
        shown = min(target, available)
        self.view.setFixedWidth(shown)
        self.view.setZoomFactor(shown / target)

    # -- whole page -------------------------------------------------------------------------
    def show_placeholder(self) -> None:
        """No article: a quiet page saying what will appear here."""
        self._generation += 1
        self._article_id = None
        self._loaded = self._shown = self._markdown = self._fields = None
        self.handler.pages = {PLACEHOLDER_PATH: PLACEHOLDER}
        self.page.show_url(QUrl(f"newsdesk://site{PLACEHOLDER_PATH}"))

    def show_article(self, article_id: int) -> None:
        """Render and show the article's page (off the GUI thread); ``page_ready`` follows."""
        self._generation += 1
        generation = self._generation
        self._article_id = article_id
        self._shown = None
        self._bodiless = 0
        self._markdown = self._fields = None
        ui, look = self.ui_ctx, self._look
        log.debug("preview %d: loading article %d", generation, article_id)
        mark("preview: article asked for")

        def load() -> _Loaded:
            mark("preview: rendering the page")
            from newsdesk.services.preview import load_page

            mark("preview: renderer imported")
            page = load_page(ui.services, article_id, look)
            mark("preview: page rendered")
            record, settings, urls = page.record, page.settings, page.asset_urls
            blocks = self._render_blocks(
                record.body, record.dateline, settings, urls, page.platform
            )
            mark("preview: blocks rendered")
            return _Loaded(
                record, settings, page.static_dir, page.html, urls, blocks, page.platform
            )

        ui.tasks.run(load, lambda loaded: self._on_loaded(generation, loaded), self._on_error)

    def _on_loaded(self, generation: int, loaded: _Loaded) -> None:
        if generation != self._generation:
            return
        self._loaded = loaded
        if self._look is not None and not loaded.platform:  # the look is gone: the theme
            self._look = None
            self.look_menu.show_current(None)
        if self._markdown is None:  # the editor has not sent a newer body meanwhile
            self._markdown = loaded.record.body
        if len(self._markdown) >= PROCESS_CHARS:
            self._render_process.start()  # ready by the first keystroke
        self.handler.theme_dir = loaded.static_dir
        self._watch_theme(loaded.static_dir)
        path = loaded.path
        log.debug("preview %d: rendered, showing %s", generation, path)
        self.handler.pages = {path: loaded.html.encode("utf-8")}
        mark("preview: loading the article's page")
        self.page.show_url(QUrl(f"newsdesk://site{path}"))

    def _on_load_finished(self, ok: bool) -> None:
        loaded = self._loaded
        mark(f"preview: load finished {self.page.url().toString()}")
        log.debug(
            "preview %d: load finished ok=%s url=%s expected=%s",
            self._generation,
            ok,
            self.page.url().toString(),
            self.page.expected_url.toString(),
        )
        if not ok or loaded is None or self.page.url() != self.page.expected_url:
            return
        generation = self._generation
        blocks = loaded.blocks
        script = f"__nd.init({_js([b.html for b in blocks])}, {_js([b.line for b in blocks])})"

        tries = [0]

        def set_up() -> None:
            if generation == self._generation:
                self.page.runJavaScript(script, WORLD, done)

        def done(result: object) -> None:
            log.debug("preview %d: body set up (%s)", generation, result)
            if generation != self._generation:
                return
            if result not in ("mapped", "rebuilt", "no-body") and tries[0] < SET_UP_TRIES:
                # The set-up script gave no answer: not in the page yet (seen once on CI, the
                # answer "()"), and the page was taken as shown with its blocks unmapped, so a
                # click in it moved no cursor. Asked again in a moment.
                tries[0] += 1
                QTimer.singleShot(SET_UP_PAUSE_MS, self, set_up)
                return
            article = self.page.url().path() == loaded.path
            if result == "no-body" and article and self._bodiless < BODILESS_RELOADS:
                # Chromium reported the article's URL finished while the document was still
                # the page before it (seen under load: the real load finished just after).
                # Not shown yet: load it once more unless that load is still under way.
                self._bodiless += 1
                if not self.page.isLoading():
                    self.page.show_url(self.page.expected_url)
                return
            self._bodiless = 0  # (a theme without an article body is shown as it is)
            self._shown = blocks
            mark("preview: article shown")
            self.page.runJavaScript("__nd.frame('load')", WORLD)
            self._render_fields()  # fields typed while the page loaded (a headline at once)
            if self._markdown != loaded.record.body:
                self._pending = True
                self._kick()

        set_up()

    def _on_renderer_gone(self, status: object, exit_code: int) -> None:
        """The page's renderer process crashed or was killed: show the article again rather
        than leave a blank pane (its text is in the editor and the library)."""
        if status == QWebEnginePage.RenderProcessTerminationStatus.NormalTerminationStatus:
            return
        log.warning("preview renderer ended (%s, exit code %s); reloading", status, exit_code)
        self._busy = self._fields_busy = False
        if self._article_id is None:
            self.show_placeholder()
            return
        shown = self._loaded.record if self._loaded is not None else None
        typed, fields = self._markdown, self._fields or shown
        self.show_article(self._article_id)
        self._markdown, self._fields = typed, fields  # newer than the library's copy, maybe

    # -- typing -----------------------------------------------------------------------------
    def update_body(self, markdown: str) -> None:
        """Patch the shown body to ``markdown``: only changed blocks are rendered and replaced."""
        self._markdown = markdown
        self._pending = True
        self._kick()

    def _kick(self) -> None:
        # One render at a time; keystrokes that arrive meanwhile coalesce into the next one.
        if self._busy or not self._pending or self._shown is None or self._loaded is None:
            return
        self._busy, self._pending = True, False
        generation, loaded, markdown = self._generation, self._loaded, self._markdown or ""
        if len(markdown) >= PROCESS_CHARS:
            self._render_process.start()  # once; until it is ready, the thread renders
            if self._render_process.ready:
                self._render_in_process(generation, loaded, markdown)
                return

        def render() -> list[RenderedBlock]:
            return self._render_blocks(
                markdown,
                loaded.record.dateline,
                loaded.settings,
                loaded.asset_urls,
                loaded.platform,
            )

        self.ui_ctx.tasks.run(
            render, lambda blocks: self._apply(generation, blocks), self._on_error
        )

    def _render_in_process(self, generation: int, loaded: _Loaded, markdown: str) -> None:
        from newsdesk.services.preview import PREVIEW_LINKER
        from newsdesk.services.preview_render import resolve_assets

        urls = loaded.asset_urls

        def resolve(sha: str) -> str:
            return urls.get(sha) or PREVIEW_LINKER.asset(sha)  # new images: by full hash

        def done(blocks: list[RenderedBlock]) -> None:
            self._apply(generation, resolve_assets(blocks, resolve))

        def failed(reason: str) -> None:  # the thread renders it (and the next ones)
            log.warning("preview: the render process failed (%s)", reason)
            self._busy, self._pending = False, True
            self._kick()

        settings = loaded.settings
        self._render_process.render(
            markdown, loaded.record.dateline, settings.dateline_style, loaded.platform, done, failed
        )

    @property
    def _render_process(self) -> BlockRenderProcess:
        """The child process a long article's typing renders in (made on first use: its
        module and multiprocessing's stay off the start-up path)."""
        if self._render_child is None:
            from newsdesk.ui.preview.render_process import BlockRenderProcess

            self._render_child = BlockRenderProcess(self)
        return self._render_child

    def shutdown(self) -> None:
        """The window closes: the render process ends with it."""
        if self._render_child is not None:
            self._render_child.stop()

    def _render_blocks(
        self,
        markdown: str,
        dateline: str,
        settings: SiteSettings,
        urls: dict[str, str],
        platform: str = "",
    ) -> list[RenderedBlock]:
        from newsdesk.services.preview import PREVIEW_LINKER
        from newsdesk.services.preview_render import BodyRenderer, render_blocks

        def resolve(sha: str) -> str:
            return urls.get(sha) or PREVIEW_LINKER.asset(sha)  # new images: by full hash

        with self._renderer_lock:
            if self._renderer is None:
                self._renderer = BodyRenderer()
            return render_blocks(
                self._renderer, markdown, dateline, settings.dateline_style, platform, resolve
            )

    def _apply(self, generation: int, blocks: list[RenderedBlock]) -> None:
        if generation != self._generation or self._shown is None:
            self._busy = False
            return
        from newsdesk.services.preview_render import make_patch

        patch = make_patch(self._shown, blocks)
        self._shown = blocks
        script = (
            f"__nd.patch({patch.start}, {patch.count}, {_js(patch.html)}, {_js(patch.lines)});"
            "__nd.frame('patch');"
        )

        def done(_result: object) -> None:
            self._busy = False
            self._kick()

        self.page.runJavaScript(script, WORLD, done)

    def update_fields(self, record: ArticleRecord) -> None:
        """Show changed headline, standfirst, byline, dateline, section, tags or image: the
        header is re-rendered from the same templates and swapped in; the body stays.

        One header render at a time, newest fields winning: renders running side by side could
        finish out of order and leave an older headline on the page (seen under load in CI)."""
        self._fields = record  # while the page loads or a render runs: applied after
        self._render_fields()

    def _render_fields(self) -> None:
        waiting = self._loaded is None or self._shown is None  # the page is still loading
        if self._fields_busy or self._fields is None or waiting:
            return
        record, self._fields = self._fields, None
        self._fields_busy = True
        generation = self._generation
        markdown = self._markdown if self._markdown is not None else record.body
        ui, look = self.ui_ctx, self._look

        def render() -> tuple[str, ArticleRecord]:
            from newsdesk.services.preview import render_header

            return render_header(ui.services, record, markdown, look)

        def done(result: tuple[str, ArticleRecord]) -> None:
            self._fields_busy = False
            html, rec = result
            if generation == self._generation and self._loaded is not None:
                self._loaded = dataclasses.replace(self._loaded, record=rec)
                self.page.runJavaScript(f"__nd.fields({_js(html)})", WORLD)
                self._pending = True  # the dateline lives in the body's first paragraph
                self._kick()
            self._render_fields()  # fields typed while this one rendered

        def failed(exc: BaseException) -> None:
            self._fields_busy = False
            self._report(exc)

        ui.tasks.run(render, done, failed, owner=self)

    # -- site looks ---------------------------------------------------------------------------
    @property
    def look(self) -> str | None:
        """The learned site look shown (``newsdesk target look``), or None: the theme."""
        return self._look

    def set_look(self, name: str | None) -> None:
        """Show the article in a learned site look (None: in the newsdesk theme)."""
        self._look = name or None
        self.look_menu.show_current(self._look)
        self.reload()

    def reload(self) -> None:
        """Render the open article's page again (a look or theme changed), keeping the text
        and fields typed since the last save."""
        if self._article_id is None:
            return
        shown = self._loaded.record if self._loaded is not None else None
        typed, fields = self._markdown, self._fields or shown
        self.show_article(self._article_id)
        self._markdown, self._fields = typed, fields

    def _watch_theme(self, static_dir: Any) -> None:
        from pathlib import Path

        folder = Path(static_dir).parent.resolve()
        builtin = folder.is_relative_to(Path(self.ui_ctx.services.resources).resolve())
        self.theme_watch.watch(None if builtin else folder)

    def _on_theme_edited(self) -> None:
        from newsdesk.services.preview import forget_templates

        log.debug("preview: theme files changed in %s; reloading", self.theme_watch.folder)
        forget_templates()
        self.profile.clearHttpCache()  # the stylesheet keeps its address
        self.reload()

    # -- scroll sync ------------------------------------------------------------------------
    def scroll_to_source_line(self, line: int) -> None:
        """Bring the element made from source ``line`` into view (if it is not already)."""
        if self._shown is not None:
            self.page.runJavaScript(f"__nd.scrollToLine({int(line)})", WORLD)

    # -- plumbing -----------------------------------------------------------------------------
    def _on_frame(self, _tag: str) -> None:
        self.page_ready.emit()

    def _on_error(self, exc: BaseException) -> None:
        self._busy = False
        self._report(exc)

    def _report(self, exc: BaseException) -> None:
        from newsdesk.errors import UserError

        if isinstance(exc, UserError):
            self.ui_ctx.prompts.error("Preview", str(exc))
            return
        raise exc

    def run_js(self, script: str, callback: Callable[[Any], None]) -> None:
        """Run script in the preview's isolated world (tests and benchmarks read the DOM)."""
        self.page.runJavaScript(script, WORLD, callback)


def _js(value: object) -> str:
    """A Python value as a JavaScript literal (JSON, with </script> harmless anyway)."""
    return json.dumps(value, ensure_ascii=False)
