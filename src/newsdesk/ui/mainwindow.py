"""The main window: composes the library browser, the metadata panel, the editor and the
preview, and wires menus, toolbar, status bar and autosave between them."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QScrollArea, QSplitter, QWidget

from newsdesk.errors import NotFoundError, UserError
from newsdesk.render.markdown import count_words
from newsdesk.services import bulk
from newsdesk.services.articles import ArticleRecord, get_article
from newsdesk.services.editing import duplicate_article, new_article, storage_errors
from newsdesk.services.settings import SiteSettings, load_settings
from newsdesk.ui.autosave import AutosaveController
from newsdesk.ui.context import UiContext
from newsdesk.ui.icons import icon
from newsdesk.ui.library.browser import LibraryBrowser
from newsdesk.ui.metadata.panel import MetadataPanel
from newsdesk.ui.window_state import WindowState

try:
    from newsdesk.ui.editor.widget import MarkdownEditor  # type: ignore[import-not-found]
except ImportError:
    from newsdesk.ui._fallback import MarkdownEditor  # type: ignore[assignment]
try:
    from newsdesk.ui.preview.pane import PreviewPane  # type: ignore[import-not-found]
except ImportError:
    from newsdesk.ui._fallback import PreviewPane  # type: ignore[assignment]

log = logging.getLogger(__name__)

WORDS_PER_MINUTE = 230


def text_stats(text: str) -> str:
    words = count_words(text)
    minutes = math.ceil(words / WORDS_PER_MINUTE) if words else 0
    return f"{words:,} words · {len(text):,} characters · {minutes} min read"


class MainWindow(QMainWindow):
    article_opened = Signal(object)  # ArticleRecord shown in the editor

    def __init__(self, ui_ctx: UiContext, state: WindowState) -> None:
        super().__init__()
        self.ui_ctx, self.state = ui_ctx, state
        self.record: ArticleRecord | None = None  # the open article as last loaded
        self._loading = False
        self._splitters_restored = False
        self.library = LibraryBrowser(ui_ctx, self)
        self.metadata = MetadataPanel(ui_ctx, self)
        self.editor = MarkdownEditor(self)
        self.preview = PreviewPane(ui_ctx, self)
        self.autosave = AutosaveController(ui_ctx, self)
        self._stats_timer = QTimer(self, singleShot=True, interval=300)
        self._stats_timer.timeout.connect(self._update_stats)
        self.setWindowTitle("newsdesk")
        self.setWindowIcon(icon("fa5s.newspaper"))
        self._build_layout()
        self._build_actions()
        self._build_status_bar()
        self._connect()
        self._set_article_enabled(False)

    # -- building -----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        scroll = QScrollArea(self)
        scroll.setWidget(self.metadata)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setMinimumWidth(260)
        self.metadata_area = scroll
        self.writing = QSplitter(Qt.Orientation.Horizontal, self)
        self.writing.setObjectName("writingSplitter")
        self.writing.addWidget(self.editor)
        self.writing.addWidget(self.preview)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.library)
        self.main_splitter.addWidget(scroll)
        self.main_splitter.addWidget(self.writing)
        self.main_splitter.setStretchFactor(2, 1)
        self.main_splitter.setSizes([440, 340, 820])
        self.writing.setSizes([460, 460])
        self.setCentralWidget(self.main_splitter)
        self.resize(1600, 960)

    def _action(
        self,
        text: str,
        icon_name: str | None,
        shortcut: Any,
        slot: Callable[[], Any],
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setToolTip(
            f"{tip or text.replace('&', '').rstrip('…')} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
        )
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        a = self._action
        self.act_new = a("&New Article", "fa5s.file-medical", "Ctrl+N", self.new_article)
        self.act_save = a("&Save", "fa5s.save", "Ctrl+S", self.save_now)
        self.act_duplicate = a("D&uplicate", "fa5s.copy", "Ctrl+Shift+D", self.duplicate)
        self.act_archive = a("&Archive", "fa5s.archive", "Ctrl+Shift+E", self.archive)
        self.act_delete = a("&Delete…", "fa5s.trash-alt", "Ctrl+Shift+Del", self.delete)
        self.act_quit = a("&Quit", "fa5s.sign-out-alt", "Ctrl+Q", self.close)
        self.act_find = a("&Find…", "fa5s.search", "Ctrl+F", self.show_find)
        self.act_search = a(
            "Search &Library…", "fa5s.search", "Ctrl+Shift+F", self.library.focus_search
        )
        self.act_focus_editor = a("Go to &Editor", None, "Ctrl+E", self.focus_editor)
        self.act_focus_headline = a("Go to &Headline", None, "Ctrl+Shift+H", self.focus_headline)
        self.act_toggle_library = self._toggle("Show &Library", "Ctrl+Shift+L", self.library)
        self.act_toggle_meta = self._toggle("Show &Metadata", "Ctrl+Shift+M", self.metadata_area)
        self.act_toggle_preview = self._toggle("Show &Preview", "Ctrl+Shift+P", self.preview)
        self.act_toggle_preview.setIcon(icon("fa5s.eye"))
        self.act_about = a("&About newsdesk", "fa5s.info-circle", "F1", self.about)
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        for act in (self.act_new, self.act_save, None, self.act_quit):
            file_menu.addAction(act) if act else file_menu.addSeparator()
        edit_menu = menus.addMenu("&Edit")
        for act in (
            self.act_find,
            self.act_search,
            None,
            self.act_focus_editor,
            self.act_focus_headline,
        ):
            edit_menu.addAction(act) if act else edit_menu.addSeparator()
        article_menu = menus.addMenu("&Article")
        for act in (self.act_duplicate, self.act_archive, None, self.act_delete):
            article_menu.addAction(act) if act else article_menu.addSeparator()
        view_menu = menus.addMenu("&View")
        for act in (self.act_toggle_library, self.act_toggle_meta, self.act_toggle_preview):
            view_menu.addAction(act)
        menus.addMenu("&Help").addAction(self.act_about)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        for act in (
            self.act_new, self.act_save, None, self.act_duplicate, self.act_archive,
            self.act_delete, None, self.act_search, self.act_toggle_preview,
        ):  # fmt: skip
            toolbar.addAction(act) if act else toolbar.addSeparator()
        self.library.set_context_actions([self.act_duplicate, self.act_archive, self.act_delete])

    def _toggle(self, text: str, shortcut: str, widget: QWidget) -> QAction:
        action = QAction(text, self, checkable=True, checked=True)
        action.setShortcut(QKeySequence(shortcut))
        action.toggled.connect(widget.setVisible)
        self.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        self.stats_label = QLabel("")
        self.save_label = QLabel("")
        self.save_label.setObjectName("saveState")
        self.statusBar().addWidget(self.stats_label, 1)
        self.statusBar().addPermanentWidget(self.save_label)

    def _connect(self) -> None:
        self.editor.changed.connect(self._on_body_changed)
        self.metadata.field_changed.connect(self._on_field_changed)
        self.library.article_activated.connect(self.open_article)
        self.library.library_changed.connect(self._on_library_changed)
        self.library.choices_loaded.connect(self._on_choices)
        self.library.model.loaded.connect(self._select_open_in_library)
        self.autosave.state_changed.connect(self._on_save_state)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.reloaded.connect(
            lambda rec: self._show_article(rec, self.editor.cursor_position())
        )
        self.autosave.copy_created.connect(self._on_copy_created)
        self.preview.source_line_clicked.connect(self._on_preview_line)

    # -- start-up -----------------------------------------------------------------------------

    def start(self) -> None:
        """Restore the layout and reopen the article open last time."""
        for name, restore in (("geometry", self.restoreGeometry), ("state", self.restoreState)):
            value = self.state.geometry(name)
            if value is not None:
                restore(value)
        self.library.start()
        remembered = self.state.open_article()
        if remembered is not None:
            self.open_article(remembered[0], remembered[1])
        self._on_save_state(self.autosave.state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._splitters_restored:
            # Splitter sizes are only meaningful once the window has its real size.
            self._splitters_restored = True
            for name, splitter in (
                ("main_splitter", self.main_splitter),
                ("writing_splitter", self.writing),
            ):
                value = self.state.geometry(name)
                if value is not None:
                    splitter.restoreState(value)

    def _on_choices(self, sections: list[str], tags: list[str]) -> None:
        ctx = self.ui_ctx.services

        def load() -> SiteSettings:
            with storage_errors(), ctx.session() as session:
                return load_settings(session)

        self.ui_ctx.tasks.run(
            load,
            lambda settings: self.metadata.set_choices(sections, tags, settings),
            self._on_read_error,
        )

    # -- opening ------------------------------------------------------------------------------

    def open_article(self, article_id: int, cursor: int | None = None) -> None:
        if self.record is not None and article_id == self.record.id:
            return
        if not self._leave_current():
            return
        ctx = self.ui_ctx.services

        def load() -> ArticleRecord:
            with storage_errors(), ctx.session() as session:
                return get_article(session, article_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):
                self.state.set_open_article(None)  # deleted elsewhere since last time
                return
            self._on_error(exc)

        self.ui_ctx.tasks.run(load, lambda rec: self._show_article(rec, cursor or 0), failed)

    def _leave_current(self) -> bool:
        """Save the open article before another is shown; False keeps it open (unsaved)."""
        if self.record is None or self.autosave.flush():
            return True
        self.ui_ctx.prompts.error(
            "Not saved",
            f"{self.autosave.state}\nThe article stays open so that nothing is lost.",
        )
        return False

    def _show_article(self, rec: ArticleRecord, cursor: int) -> None:
        self._loading = True
        try:
            self.record = rec
            self.editor.set_markdown(rec.body, cursor)
            self.editor.set_language(rec.language)
            self.metadata.load(rec)
            assert rec.id is not None
            self.preview.show_article(rec.id)
            self.autosave.start(rec, self.editor.markdown)
        finally:
            self._loading = False
        self._set_article_enabled(True)
        self._on_save_state(self.autosave.state)
        self.state.set_open_article(rec.id, cursor)
        self.setWindowTitle(f"{rec.headline or 'Untitled'} — newsdesk")
        self.library.select_article(rec.id)
        self._update_stats()
        self.article_opened.emit(rec)

    def _close_article(self) -> None:
        self.autosave.stop()
        self.record = None
        self._loading = True
        self.editor.set_markdown("")
        self.metadata.clear()
        self._loading = False
        self._set_article_enabled(False)
        self.state.set_open_article(None)
        self.setWindowTitle("newsdesk")
        self._update_stats()

    def _set_article_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)
        self.metadata.setEnabled(enabled)
        for act in (self.act_save, self.act_find, self.act_focus_editor, self.act_focus_headline):
            act.setEnabled(enabled)

    def _select_open_in_library(self) -> None:
        if self.record is not None and self.record.id is not None:
            self.library.select_article(self.record.id)

    # -- editing ------------------------------------------------------------------------------

    def _on_body_changed(self) -> None:
        if self._loading or self.record is None:
            return
        self.autosave.note_body_changed()
        self.preview.update_body(self.editor.markdown())
        self._stats_timer.start()

    def _on_field_changed(self, name: str, value: Any) -> None:
        if self._loading or self.record is None:
            return
        self.autosave.note_change(name, value)
        current = self.autosave.current_record()
        if current is not None:
            self.preview.update_fields(current)
        if name == "headline":
            self.setWindowTitle(f"{value or 'Untitled'} — newsdesk")

    def _on_saved(self, rec: ArticleRecord) -> None:
        self.library.update_record(rec)
        self.metadata.apply_saved(rec)
        self.state.set_open_article(rec.id, self.editor.cursor_position())

    def _on_save_state(self, state: str) -> None:
        self.save_label.setText(state if self.record is not None else "")
        self.save_label.setStyleSheet(
            "color: #c0392b; font-weight: bold;" if state.startswith("Not saved") else ""
        )

    def _on_copy_created(self, rec: ArticleRecord) -> None:
        self.library.refresh()
        self.ui_ctx.prompts.info("Copy saved", f"The other version is kept as “{rec.headline}”.")

    def _update_stats(self) -> None:
        self.stats_label.setText(text_stats(self.editor.markdown()) if self.record else "")

    def _on_preview_line(self, line: int) -> None:
        block = self.editor.text_edit.document().findBlockByLineNumber(max(line - 1, 0))
        if block.isValid():
            self.editor.set_cursor_position(block.position())
            self.editor.text_edit.setFocus()

    # -- actions ------------------------------------------------------------------------------

    def save_now(self) -> None:
        self.autosave.save_now()

    def new_article(self) -> None:
        if not self._leave_current():
            return
        ctx = self.ui_ctx.services

        def create() -> ArticleRecord:
            with storage_errors(), ctx.session() as session:
                return new_article(session)

        def created(rec: ArticleRecord) -> None:
            self.library.refresh()
            self._show_article(rec, 0)
            self.focus_headline()

        self.ui_ctx.tasks.run(create, created, self._on_error)

    def _targets(self) -> list[int]:
        """The articles an action applies to: the library's selection, else the open one."""
        ids = self.library.selected_ids()
        if not ids and self.record is not None and self.record.id is not None:
            ids = [self.record.id]
        return ids

    def duplicate(self) -> None:
        ids = self._targets()
        if not ids or not self._leave_current():
            return
        ctx = self.ui_ctx.services

        def run() -> list[ArticleRecord]:
            with storage_errors(), ctx.session() as session:
                return [duplicate_article(session, i) for i in ids]

        def done(copies: list[ArticleRecord]) -> None:
            self.library.refresh()
            self._show_article(copies[0], 0)

        self.ui_ctx.tasks.run(run, done, self._on_error)

    def archive(self) -> None:
        ids = self._targets()
        if ids and self._leave_current():
            self._change_library(ids, lambda s: bulk.set_status(s, ids, "archived"))

    def delete(self) -> None:
        ids = self._targets()
        if not ids:
            return
        what = f"“{self._headline_of(ids[0])}”" if len(ids) == 1 else f"these {len(ids)} articles"
        if not self.ui_ctx.prompts.confirm(
            "Delete", f"Delete {what}? This cannot be undone.", ok="Delete", destructive=True
        ):
            return
        if self.record is not None and self.record.id in ids:
            self._close_article()  # its unsaved edits go with it: the person said delete
        self._change_library(ids, lambda s: bulk.delete_many(s, ids), deleted=True)

    def _headline_of(self, article_id: int) -> str:
        row = self.library.model.row_of(article_id)
        if row is not None:
            return self.library.model.rows[row].headline or "Untitled"
        return (self.record.headline if self.record else "") or "Untitled"

    def _change_library(
        self, ids: list[int], change: Callable[[Any], Any], deleted: bool = False
    ) -> None:
        ctx = self.ui_ctx.services

        def run() -> None:
            with storage_errors(), ctx.session() as session:
                change(session)

        def done(_result: None) -> None:
            self.library.refresh()
            if not deleted:
                self._on_library_changed(ids)

        self.ui_ctx.tasks.run(run, done, self._on_error)

    def _on_library_changed(self, ids: list[int]) -> None:
        """A bulk change touched the open article: show its new fields, keep the text."""
        if self.record is None or self.record.id not in ids:
            return
        ctx, article_id = self.ui_ctx.services, self.record.id

        def load() -> ArticleRecord:
            with storage_errors(), ctx.session() as session:
                return get_article(session, article_id)

        def show(rec: ArticleRecord) -> None:
            if self.record is None or self.record.id != rec.id:
                return
            self.autosave.rebase(rec)
            current = self.autosave.current_record() or rec
            self._loading = True
            self.metadata.load(current)
            self._loading = False
            self.preview.update_fields(current)

        self.ui_ctx.tasks.run(load, show, self._on_read_error)

    def show_find(self) -> None:
        show_find = getattr(self.editor, "show_find", None)
        if callable(show_find):
            show_find()
        else:
            self.library.focus_search()

    def focus_editor(self) -> None:
        self.editor.text_edit.setFocus()

    def focus_headline(self) -> None:
        self.metadata.headline.setFocus()

    def about(self) -> None:
        from newsdesk import __version__

        self.ui_ctx.prompts.info(
            "About newsdesk",
            f"newsdesk {__version__}\nLibrary: {self.ui_ctx.services.paths.db_path}\n"
            f"Window state: {self.state.path}",
        )

    def _on_read_error(self, exc: BaseException) -> None:
        """A background read failed: say so in the status bar; no modal box for it."""
        if not isinstance(exc, UserError):
            raise exc
        log.warning("reading the library failed: %s", exc)
        self.statusBar().showMessage(f"Cannot read the library: {exc}", 10000)

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.ui_ctx.prompts.error("newsdesk", str(exc))
        else:
            raise exc

    # -- closing ------------------------------------------------------------------------------

    def save_layout(self) -> None:
        self.state.set_geometry("geometry", self.saveGeometry())
        self.state.set_geometry("state", self.saveState())
        self.state.set_geometry("main_splitter", QByteArray(self.main_splitter.saveState()))
        self.state.set_geometry("writing_splitter", QByteArray(self.writing.saveState()))
        if self.record is not None:
            self.state.set_open_article(self.record.id, self.editor.cursor_position())
        self.state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.record is not None and not self.autosave.flush():
            leave = self.ui_ctx.prompts.confirm(
                "Not saved",
                f"{self.autosave.state}\nQuit anyway and lose the unsaved changes?",
                ok="Quit without saving",
                destructive=True,
            )
            if not leave:
                event.ignore()
                return
        self.save_layout()
        self.ui_ctx.tasks.wait()
        event.accept()
