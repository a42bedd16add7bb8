"""The main window: composes the library browser, the metadata panel, the editor and the
preview, and wires menus, toolbar, status bar and autosave between them."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QMenu,
    QScrollArea,
    QSplitter,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from newsdesk.errors import NotFoundError, UserError
from newsdesk.services.preferences import (
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)
from newsdesk.ui.icons import icon

if TYPE_CHECKING:
    # Annotations only: the services (and SQLAlchemy) load with the library, after a window
    # made by ``MainWindow.shell`` has painted (issue 3's start-up).
    from newsdesk.services.articles import ArticleRecord
    from newsdesk.services.settings import SiteSettings
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.prompts import Question
    from newsdesk.ui.window_state import WindowState

log = logging.getLogger(__name__)

LIBRARY_FILTER = "newsdesk libraries (*.newsdesk);;All files (*)"
FORMAT_ACTIONS = (
    "bold", "italic", "link", None, "heading1", "heading2", "heading3", None,
    "quote", "bullets", "numbered", "pullquote", None, "image",
)  # fmt: skip
PREVIEW_WIDTH_KEYS = {"fit": "Ctrl+Alt+0", "phone": "Ctrl+Alt+1", "tablet": "Ctrl+Alt+2", "desktop": "Ctrl+Alt+3"}  # fmt: skip


def _fill(menu: QMenu | QToolBar, actions: list[QAction | None]) -> None:
    """Add actions in order; None is a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


def _shown(widget: QWidget) -> bool:
    return not widget.isHidden()


def read_preferences(ui_ctx: UiContext) -> Preferences:
    """The person's preferences (defaults when the file is missing or unreadable)."""
    loaded = load_preferences(preferences_path(ui_ctx.services.paths.config_dir))
    for warning in loaded.warnings:
        log.warning("%s", warning)
    return loaded.preferences


class MainWindow(QMainWindow):
    article_opened = Signal(object)  # ArticleRecord shown in the editor
    library_requested = Signal(str)  # the person chose another library file: reopen on it
    explicit_save_recorded = Signal(int)  # article id whose Ctrl+S revision was recorded
    library_opened = Signal()  # attach: the window's library is open and its panes use it

    def __init__(
        self, ui_ctx: UiContext, state: WindowState, preferences: Preferences | None = None
    ) -> None:
        """A window on ``ui_ctx``'s open library (tests, a switch to another library)."""
        self._init_shell()
        self.build(ui_ctx, state, preferences)
        self.attach()

    @classmethod
    def shell(cls, ui_ctx: UiContext, state: WindowState, preferences: Preferences) -> MainWindow:
        """The whole window while its library is still opening (start-up): panes, menus and
        toolbars are built from Qt alone, so it paints at once, disabled, saying "Opening
        library…"; once ``ui_ctx`` has the library, ``attach`` brings it to life."""
        window = cls.__new__(cls)
        window._init_shell()
        window.build(ui_ctx, state, preferences)
        return window

    def _init_shell(self) -> None:
        super().__init__()
        self.attached = False  # the library is open and the panes use it: see attach
        from newsdesk.services.article_session import ArticleSession

        # The open article as every pane sees it (saved version, unsaved fields, save state).
        self.session = ArticleSession()
        self._splitters_restored = False
        self.setWindowTitle("newsdesk")

    @property
    def record(self) -> ArticleRecord | None:
        """The open article as the library last stored it (None: no article open)."""
        return self.session.saved

    def build(
        self, ui_ctx: UiContext, state: WindowState, preferences: Preferences | None = None
    ) -> None:
        """The panes, menus, toolbars and status bar. Nothing here reads the library (nor
        imports the services), so a shell paints before the library is open."""
        from newsdesk.ui.autosave import AutosaveController
        from newsdesk.ui.editor.widget import MarkdownEditor
        from newsdesk.ui.library.browser import LibraryBrowser
        from newsdesk.ui.library.commands import ArticleCommands
        from newsdesk.ui.metadata.panel import MetadataPanel
        from newsdesk.ui.preview.pane import PreviewPane
        from newsdesk.ui.transfer import Transfers

        self.ui_ctx, self.state = ui_ctx, state
        self.preferences = preferences if preferences is not None else read_preferences(ui_ctx)
        self._loading = False
        self._explicit_save = False  # Ctrl+S pressed: record a 'save' revision once it lands
        self._quit_question: Question | None = None  # "Quit anyway?" while it is shown
        self._leave_unsaved = False  # the person chose to quit without the unsaved changes
        self._before_focus: list[tuple[Callable[[bool], Any], bool]] = []
        self.tag_manager: Any = None  # the non-modal dialogs, made on first use
        self.section_manager: Any = None
        self.trash_dialog: Any = None
        self.commands = ArticleCommands(self)  # new, duplicate, archive, Trash
        self.library = LibraryBrowser(ui_ctx, self)
        self.metadata = MetadataPanel(ui_ctx, self)
        self.editor = MarkdownEditor(ui_ctx, self, language=None)  # an article brings one
        self.preview = PreviewPane(ui_ctx, self)
        self.autosave = AutosaveController(ui_ctx, self)
        self.transfers = Transfers(ui_ctx, self)
        self.setWindowIcon(icon("fa5s.newspaper"))
        self._build_layout()
        self._build_actions()
        self._build_menus()
        self._build_status_bar()
        self._connect()
        from newsdesk.ui.session_view import observe

        observe(self, self.session)
        self.apply_preferences(self.preferences)
        self._set_article_enabled(False)
        self._restore_window()
        self.preview.show_placeholder()
        # Until the library is open: the panes and every action that needs it are disabled.
        keep = {self.act_quit, self.act_about, self.act_history, self.act_palette}
        keep |= {self.act_shortcuts, self.act_guide, *self.edit_actions.actions.values()}
        keep |= {self.act_toggle_library, self.act_toggle_meta, self.act_toggle_preview}
        keep |= set(self.layouts.actions.values())
        keep |= set(self.preview.width_actions.values())
        self._held = [a for a in self.findChildren(QAction) if a.isEnabled() and a not in keep]
        for action in self._held:
            action.setEnabled(False)
        self.main_splitter.setEnabled(False)
        self.statusBar().showMessage("Opening library…")

    def attach(self) -> None:
        """``ui_ctx`` has its library now: the history comes in and the panes come alive."""
        from newsdesk.ui.history.autosave import AutosaveCheckpointer
        from newsdesk.ui.history.panel import HistoryPanel

        assert self.ui_ctx.is_open and not self.attached
        self.history = HistoryPanel(self.ui_ctx, self)
        self.checkpointer = AutosaveCheckpointer(self.ui_ctx, self)
        self.history_dock.setWidget(self.history)
        self.history.before_restore = self._flush_before_restore
        self.history.restored.connect(self._on_restored)
        # New revisions (Ctrl+S, a pause's checkpoint and its thinning) show in the list.
        self.explicit_save_recorded.connect(self._on_revisions_changed)
        self.checkpointer.checkpoint_recorded.connect(self._on_revisions_changed)
        for action in self._held:
            action.setEnabled(True)
        self._held = []
        self.main_splitter.setEnabled(True)
        self._set_article_enabled(self.record is not None)
        self.editor.library_opened()
        from newsdesk.ui.accessibility import AccessibilityWatcher, label_main_window

        # Names and descriptions for screen readers (dialogs as they are first shown); after
        # the first paint: walking every widget costs start-up time (PySide wraps each type).
        label_main_window(self)
        self.accessibility = AccessibilityWatcher(self)
        from newsdesk.ui.watch import LibraryWatcher

        self.watcher = LibraryWatcher(self.ui_ctx, self)
        self.watcher.changed.connect(self._on_changed_elsewhere)
        self.autosave.saved.connect(lambda rec: self.watcher.note_saved(rec.id, rec.version))
        self.watcher.is_own = lambda i, v: (self.autosave.saved_version(i) or -1) >= v
        self.watcher.start()

        from newsdesk.ui.newsroom.hook import install as install_newsroom

        self.newsroom = install_newsroom(self)  # stage, presence, embargo, corrections, notes
        self.statusBar().clearMessage()
        self.attached = True
        self.library_opened.emit()

    # -- building -----------------------------------------------------------------------------

    def _build_layout(self) -> None:
        from newsdesk.ui.layout import InspectorStrip, LayoutController

        scroll = QScrollArea(self)
        scroll.setWidget(self.metadata)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # A compact inspector: it wraps, and nothing in it pushes the form sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(220)
        self.metadata.setMinimumWidth(0)
        self.metadata_area = scroll
        self.inspector_strip = InspectorStrip(self)
        self.inspector_strip.hide()
        column = QWidget(self)
        column_layout = QVBoxLayout(column)
        column_layout.setContentsMargins(0, 0, 0, 0)
        column_layout.setSpacing(0)
        column_layout.addWidget(self.inspector_strip)
        column_layout.addWidget(self.editor, 1)
        self.writing = QSplitter(Qt.Orientation.Horizontal, self)
        self.writing.setObjectName("writingSplitter")
        self.writing.addWidget(column)
        self.writing.addWidget(self.preview)
        self.writing.setChildrenCollapsible(False)
        self.main_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_splitter.setObjectName("mainSplitter")
        self.main_splitter.addWidget(self.library)
        self.main_splitter.addWidget(scroll)
        self.main_splitter.addWidget(self.writing)
        self.main_splitter.setStretchFactor(2, 1)
        self.main_splitter.setCollapsible(2, False)
        self.setCentralWidget(self.main_splitter)
        self.layouts = LayoutController(self)
        self.history_dock = QDockWidget("History", self)
        self.history_dock.setObjectName("historyDock")  # its panel comes with the library
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.history_dock)
        self.history_dock.hide()

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
        self.act_import = a("&Import…", "fa5s.file-import", "Ctrl+Shift+O", self.import_files)
        self.act_export_html = a("&HTML Page…", "fa5s.file-code", "Ctrl+Alt+E", self.export_html)
        self.act_export_bundle = a(
            "Article &Bundle…", "fa5s.file-archive", "Ctrl+Alt+B", self.export_bundle
        )
        self.act_export_site = a("Static &Site…", "fa5s.globe", "Ctrl+Alt+W", self.export_site)
        self.act_new_library = a("Ne&w Library…", None, "Ctrl+Alt+N", self.new_library)
        self.act_open_library = a("&Open Library…", "fa5s.folder-open", "Ctrl+O", self.open_library)
        self.act_preferences = a("&Preferences…", "fa5s.cog", "Ctrl+,", self.show_preferences)
        self.act_quit = a("&Quit", "fa5s.sign-out-alt", "Ctrl+Q", self.close)
        self.act_duplicate = a("D&uplicate", "fa5s.copy", "Ctrl+D", self.commands.duplicate)
        self.act_archive = a("&Archive", "fa5s.archive", "Ctrl+Shift+E", self.commands.archive)
        self.act_delete = a(
            "&Move to Trash",
            "fa5s.trash-alt",
            "Ctrl+Shift+Del",
            self.commands.delete,
            "Move to the Trash",
        )
        self.act_search = a(
            "Search &Library…", "fa5s.search", "Ctrl+Shift+F", self.library.focus_search
        )
        self.act_focus_editor = a("Go to &Editor", None, "Ctrl+E", self.focus_editor)
        self.act_focus_headline = a("Go to &Headline", None, "Ctrl+Shift+H", self.focus_headline)
        self.act_tags = a("&Tags…", "fa5s.tags", "Ctrl+Alt+T", self.show_tag_manager)
        self.act_sections = a("&Sections…", "fa5s.stream", "Ctrl+Alt+S", self.show_section_manager)
        self.act_trash = a("T&rash…", "fa5s.trash-restore", "Ctrl+Alt+R", self.commands.show_trash)
        self.act_toggle_library = self._toggle("Show &Library", "Ctrl+Shift+L", self.library)
        self.act_toggle_library.setIcon(icon("fa5s.columns"))
        self.act_toggle_meta = self._toggle("Show &Inspector", "Ctrl+Shift+M", self.metadata_area)
        self.act_toggle_meta.toggled.connect(self._on_inspector_toggled)
        self.act_toggle_preview = self._toggle("Show &Preview", "Ctrl+Alt+P", self.preview)
        self.act_toggle_preview.setIcon(icon("fa5s.eye"))
        self.act_history = self.history_dock.toggleViewAction()
        self.act_history.setText("&History")
        self.act_history.setIcon(icon("fa5s.history"))
        self.act_history.setShortcut(QKeySequence("Ctrl+Alt+H"))
        self.act_quick_open = a("&Open Article…", "fa5s.bolt", "Ctrl+P", self.quick_open)
        self.inspector_strip.button.clicked.connect(lambda: self.act_toggle_meta.setChecked(True))
        self.act_about = a("&About newsdesk", "fa5s.info-circle", "F1", self.about)
        from newsdesk.ui.edit_actions import EditActions
        from newsdesk.ui.keys import ShortcutGuard

        self.edit_actions = EditActions(self, icon)
        self.act_palette = a(
            "&Command Palette…", "fa5s.terminal", "Ctrl+Shift+P", self.show_palette
        )
        self.act_shortcuts = a(
            "&Keyboard Shortcuts", "fa5s.keyboard", "Ctrl+/", self.show_shortcuts
        )
        self.act_guide = a("&Writing Guide", "fa5s.question-circle", "Shift+F1", self.show_guide)
        self.palette: Any = None
        self.shortcuts_dialog: Any = None

        self.shortcut_guard = ShortcutGuard(
            self, [self.act_focus_editor, self.act_focus_headline, self.act_palette]
        )
        smart = self.editor.action("smart")
        smart.setShortcut(QKeySequence("Ctrl+Alt+Q"))
        for name, action in self.preview.width_actions.items():
            action.setShortcut(QKeySequence(PREVIEW_WIDTH_KEYS[name]))
            self.addAction(action)  # reachable while the preview's toolbar is hidden

    def _build_menus(self) -> None:
        ed = self.editor.action
        menus = self.menuBar()
        file_menu = menus.addMenu("&File")
        _fill(file_menu, [self.act_new, self.act_quick_open, self.act_save, None, self.act_import])
        export_menu = file_menu.addMenu(icon("fa5s.file-export"), "&Export")
        _fill(export_menu, [self.act_export_html, self.act_export_bundle, self.act_export_site])
        _fill(file_menu, [None, self.act_new_library, self.act_open_library, None])
        _fill(file_menu, [self.act_preferences, None, self.act_quit])
        edit_menu = menus.addMenu("&Edit")
        _fill(edit_menu, [ed("find"), ed("replace"), self.act_search, None])
        _fill(edit_menu, [self.act_focus_editor, self.act_focus_headline])
        self.edit_actions.install(edit_menu)
        format_menu = menus.addMenu("F&ormat")
        _fill(format_menu, [ed(n) if n else None for n in FORMAT_ACTIONS])
        self.article_menu = menus.addMenu("&Article")
        _fill(self.article_menu, [self.act_duplicate, self.act_archive, None, self.act_delete])
        self._build_publish_actions()
        library_menu = menus.addMenu("&Library")
        _fill(library_menu, [self.act_tags, self.act_sections, None, self.act_trash])
        view_menu = menus.addMenu("&View")
        _fill(view_menu, [*self.layouts.actions.values(), None])
        _fill(view_menu, [self.act_toggle_library, self.act_toggle_meta, self.act_toggle_preview])
        _fill(view_menu, [self.act_history, None, ed("focus"), ed("smart"), None])
        width_menu = view_menu.addMenu("Preview &Width")
        _fill(width_menu, list(self.preview.width_actions.values()))
        _fill(view_menu, [None, self.act_palette])
        help_menu = menus.addMenu("&Help")
        _fill(help_menu, [self.act_guide, self.act_shortcuts, None, self.act_about])
        self.main_toolbar = self._toolbar("Main", "mainToolbar", [
            self.act_new, self.act_save, None, self.act_duplicate, self.act_archive,
            self.act_delete, None, self.act_search, self.act_toggle_preview, self.act_history,
        ])  # fmt: skip
        self.format_toolbar = self._toolbar(
            "Format", "formatToolbar", [ed(n) if n else None for n in FORMAT_ACTIONS]
        )
        self.format_toolbar.addSeparator()
        self.format_toolbar.addAction(ed("focus"))
        # The collapsed library: a strip at the left that opens it, or the quick switcher.
        self.sidebar_strip = self._toolbar(
            "Sidebar", "sidebarToolbar", [self.act_toggle_library, self.act_quick_open]
        )
        self.removeToolBar(self.sidebar_strip)
        self.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.sidebar_strip)
        self.sidebar_strip.show()
        self.library.set_context_actions([self.act_duplicate, self.act_archive, self.act_delete])

    def _toolbar(self, title: str, name: str, actions: list[QAction | None]) -> QToolBar:
        toolbar = self.addToolBar(title)
        toolbar.setObjectName(name)
        toolbar.setMovable(False)
        _fill(toolbar, actions)
        return toolbar

    def _build_publish_actions(self) -> None:
        """Article → Publish…, the outbox and the publishing targets (ui.publish)."""
        from newsdesk.ui.publish import make_publish_actions

        self.article_menu.addSeparator()
        for action in make_publish_actions(self):
            self.article_menu.addAction(action)
            self.addAction(action)

    def _toggle(self, text: str, shortcut: str, widget: QWidget) -> QAction:
        action = QAction(text, self, checkable=True, checked=True)
        action.setShortcut(QKeySequence(shortcut))
        action.toggled.connect(widget.setVisible)
        self.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        from newsdesk.ui.status import StatusLine

        self.status = StatusLine(self, self.session)
        self.stats_label, self.save_label = self.status.stats_label, self.status.save_label

    def _connect(self) -> None:
        self.editor.changed.connect(self._on_body_changed)
        self.metadata.field_changed.connect(self._on_field_changed)
        self.library.article_activated.connect(self.open_article)
        self.library.library_changed.connect(self.commands.fields_changed)
        self.library.choices_loaded.connect(self._on_choices)
        self.library.model.loaded.connect(self._select_open_in_library)
        self.autosave.state_changed.connect(self.session.set_state)
        self.autosave.state_changed.connect(self._on_saved_while_asking)
        self.autosave.saved.connect(self._on_saved)
        self.autosave.reloaded.connect(
            lambda rec: self.show_article(rec, self.editor.cursor_position())
        )
        self.autosave.copy_created.connect(self._on_copy_created)
        self.library.table.selectionModel().selectionChanged.connect(self._on_library_selection)
        self.preview.source_line_clicked.connect(self._on_preview_line)
        self.editor.cursor_line_changed.connect(self._on_cursor_line)
        self.editor.focus_mode_changed.connect(self._on_focus_mode)
        self.editor.action("smart").toggled.connect(self._on_smart_toggled)
        self.transfers.imported.connect(self._on_imported)

    # -- start-up -----------------------------------------------------------------------------

    def start(self) -> None:
        """List the library and reopen the article open last time."""
        self.library.start()
        self.preview.set_look(self.state.preview_look())  # a learned site look, kept per library
        self.preview.look_menu.look_chosen.connect(self.state.set_preview_look)
        remembered = self.state.open_article()
        if remembered is not None:
            self.open_article(remembered[0], remembered[1])

    def _restore_window(self) -> None:
        """Size and place the window (inside a screen that exists, never larger than it)
        and bring back its docks, toolbars and layout."""
        from newsdesk.ui.layout import first_size, fit_to_screen

        geometry = self.state.geometry("geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(first_size(self))
        fit_to_screen(self)
        state = self.state.geometry("state")
        if state is not None:
            self.restoreState(state)
        self.sidebar_strip.show()

    def showEvent(self, event: QShowEvent) -> None:
        from newsdesk.ui.layout import fit_to_screen

        super().showEvent(event)
        if not self._splitters_restored:
            fit_to_screen(self)  # now with its frame: the frame stays on the screen too
        self._restore_splitters()

    def _restore_splitters(self) -> None:
        from newsdesk.ui.layout import EDIT, LAYOUTS

        if self._splitters_restored:
            return
        # Splitter sizes are only meaningful once the window has its real size.
        self._splitters_restored = True
        name = self.state.value("layout", EDIT)
        sized = [
            splitter.restoreState(value)
            for key, splitter in (
                ("main_splitter", self.main_splitter),
                ("writing_splitter", self.writing),
            )
            if (value := self.state.geometry(key)) is not None
        ]
        self.layouts.apply(name if name in LAYOUTS else EDIT, sizes=not (sized and all(sized)))

    def _on_inspector_toggled(self, shown: bool) -> None:
        from newsdesk.ui.layout import WRITE

        self.inspector_strip.setVisible(not shown and self.layouts.current != WRITE)

    def quick_open(self) -> None:
        """Ctrl+P: type part of a headline, Enter opens the article."""
        from newsdesk.ui.library.switcher import QuickSwitcher

        if getattr(self, "switcher", None) is None:
            self.switcher = QuickSwitcher(self.ui_ctx, self)
            self.switcher.article_chosen.connect(self.open_article)
        self.switcher.start()

    def _on_choices(self, sections: list[str], tags: list[str]) -> None:
        from newsdesk.services.editing import storage_errors
        from newsdesk.services.settings import load_settings

        ctx = self.ui_ctx.services

        def load() -> SiteSettings:
            with storage_errors(), ctx.session() as session:
                return load_settings(session)

        def loaded(settings: SiteSettings) -> None:
            self.metadata.set_choices(sections, tags, settings)
            if self.record is not None:  # the site's locale may make "en" British
                self._apply_spelling_language(self.metadata.language_code())

        self.ui_ctx.tasks.run(load, loaded, self.on_read_error)

    def _apply_spelling_language(self, language: str) -> None:
        from newsdesk.domain.languages import spelling_language

        self.editor.set_language(spelling_language(language, self.metadata.settings.locale))

    # -- opening ------------------------------------------------------------------------------

    def open_article(self, article_id: int, cursor: int | None = None) -> None:
        from newsdesk.ui.dbwork import load_article

        if self.record is not None and article_id == self.record.id:
            return
        if not self.leave_current():
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):
                self.state.set_open_article(None)  # deleted elsewhere since last time
                return
            self._on_error(exc)

        load_article(
            self.ui_ctx, article_id, lambda rec: self.show_article(rec, cursor or 0), failed,
            owner=self,
        )  # fmt: skip

    def leave_current(self) -> bool:
        """Save the open article before another is shown; False keeps it open (unsaved)."""
        if self.record is None or self.autosave.flush():
            return True
        self.ui_ctx.prompts.error(
            "Not saved",
            f"{self.autosave.state}\nThe article stays open so that nothing is lost.",
        )
        return False

    def show_article(self, rec: ArticleRecord, cursor: int) -> None:
        self._loading = True
        try:
            self.editor.set_markdown(rec.body, cursor)
            self._apply_spelling_language(rec.language)
            self.metadata.load(rec)
            assert rec.id is not None
            self.autosave.start(rec, self.editor.markdown)
            self.session.open(rec, self.editor.markdown)  # the panes follow the session
            self.history.set_article(rec.id)
        finally:
            self._loading = False
        self._set_article_enabled(True)
        self.state.set_open_article(rec.id, cursor)
        self.library.select_article(rec.id)
        self.metadata.suggest_tags_for(rec.body)
        self.article_opened.emit(rec)

    def show_fields(self, current: ArticleRecord) -> None:
        """The open article's fields changed in the library (a bulk change): show them."""
        self._loading = True
        self.metadata.load(current)
        self._loading = False
        self.preview.update_fields(current)

    def close_article(self) -> None:
        self.autosave.stop()
        self._loading = True
        self.editor.set_markdown("")
        self.metadata.clear()
        self._loading = False
        self.session.open(None)
        self.history.set_article(None)
        self._set_article_enabled(False)
        self.state.set_open_article(None)

    def _set_article_enabled(self, enabled: bool) -> None:
        self.editor.setEnabled(enabled)
        self.metadata.setEnabled(enabled)
        editing = [self.editor.action(n) for n in FORMAT_ACTIONS if n]
        editing += [self.editor.action("find"), self.editor.action("replace")]
        for act in (self.act_save, self.act_focus_editor, self.act_focus_headline, *editing):
            act.setEnabled(enabled)
        self.act_export_html.setEnabled(enabled)

    def _select_open_in_library(self) -> None:
        if self.record is not None and self.record.id is not None:
            self.library.select_article(self.record.id)

    # -- editing ------------------------------------------------------------------------------

    def _on_body_changed(self) -> None:
        if self._loading or self.record is None:
            return
        self.autosave.note_body_changed()
        self.session.body_typed()

    def _on_field_changed(self, name: str, value: Any) -> None:
        if self._loading or self.record is None:
            return
        self.autosave.note_change(name, value)
        self.session.change_field(name, value)
        if name == "language":
            self._apply_spelling_language(str(value or ""))

    def _on_saved(self, rec: ArticleRecord) -> None:
        self.session.stored(rec)  # library row, metadata and the rest follow
        self.state.set_open_article(rec.id, self.editor.cursor_position())
        if rec.id is not None:
            self.checkpointer.article_saved(rec.id)
        if self._explicit_save and not self.autosave.dirty and not self.autosave.saving:
            self._record_explicit_save()

    def _on_copy_created(self, rec: ArticleRecord) -> None:
        self.library.refresh()
        self.ui_ctx.prompts.info("Copy saved", f"The other version is kept as “{rec.headline}”.")

    def _on_preview_line(self, line: int) -> None:
        # Source lines count from 0, as the editor's blocks do (findBlockByLineNumber would
        # count wrapped lines, landing paragraphs too early).
        block = self.editor.text_edit.document().findBlockByNumber(max(line, 0))
        if block.isValid():
            self.editor.set_cursor_position(block.position())
            self.editor.text_edit.setFocus()

    # -- actions ------------------------------------------------------------------------------

    def save_now(self) -> None:
        """Ctrl+S: save at once; once the text is in the library, keep a 'save' revision."""
        if self.record is None:
            return
        self._explicit_save = True
        self.autosave.save_now()
        idle = not self.autosave.saving and not self.autosave.dirty
        if idle and not self.autosave.state.startswith("Not saved"):
            self._record_explicit_save()  # nothing was pending: what is stored is it

    def _record_explicit_save(self) -> None:
        from newsdesk.services.editing import storage_errors
        from newsdesk.services.revisions import record_revision

        self._explicit_save = False
        if self.record is None or self.record.id is None:
            return
        ctx, article_id = self.ui_ctx.services, self.record.id

        def record() -> int:
            with storage_errors(), ctx.session() as session:
                record_revision(session, article_id, "save")
            return article_id

        self.ui_ctx.tasks.run(record, self.explicit_save_recorded.emit, self._on_error)

    def new_article(self) -> None:
        self.commands.new_article()

    def focus_editor(self) -> None:
        self.editor.text_edit.setFocus()

    def focus_headline(self) -> None:
        self.metadata.headline.setFocus()

    def show_palette(self) -> None:
        from newsdesk.ui.palette import CommandPalette

        if self.palette is None:
            self.palette = CommandPalette(self)
        self.palette.open_palette()

    def show_shortcuts(self) -> None:
        from newsdesk.ui.shortcuts_help import ShortcutsDialog

        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self)
        else:
            self.shortcuts_dialog.reload()  # generated from the actions each time
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()

    def show_guide(self) -> None:
        from newsdesk.paths import resources_dir
        from newsdesk.ui.guide import GuideDialog

        dialog = GuideDialog(resources_dir(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide_dialog = dialog
        dialog.show()

    def about(self) -> None:
        from newsdesk import __version__

        self.ui_ctx.prompts.info(
            "About newsdesk",
            f"newsdesk {__version__}\nLibrary: {self.ui_ctx.services.paths.db_path}\n"
            f"Window state: {self.state.path}",
        )

    def on_read_error(self, exc: BaseException) -> None:
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

    # -- view ---------------------------------------------------------------------------------

    def _on_cursor_line(self, line: int) -> None:
        # The editor's blocks and the preview's source lines both count from 0.
        self.preview.scroll_to_source_line(line)

    def _focus_panes(self) -> list[tuple[Callable[[bool], Any], Callable[[], bool]]]:
        """(show/hide, is shown) for everything focus mode hides."""
        panes: list[tuple[Callable[[bool], Any], Callable[[], bool]]] = [
            (act.setChecked, act.isChecked)
            for act in (self.act_toggle_library, self.act_toggle_meta, self.act_toggle_preview)
        ]
        widgets: list[QWidget] = [self.main_toolbar, self.format_toolbar, self.history_dock]
        for widget in widgets:
            panes.append((widget.setVisible, partial(_shown, widget)))
        return panes

    def _on_focus_mode(self, on: bool) -> None:
        """Focus mode hides every pane but the editor; leaving it brings back what was shown."""
        if on:
            self._before_focus = [(show, shown()) for show, shown in self._focus_panes()]
            for show, _was in self._before_focus:
                show(False)
            self.editor.text_edit.setFocus()
            return
        for show, was in self._before_focus:
            show(was)
        self._before_focus = []

    def apply_preferences(self, prefs: Preferences) -> None:
        """Editor font, smart typography and the autosave interval follow the preferences."""
        self.preferences = prefs
        self.editor.set_editor_font(prefs.editor_font_family, prefs.editor_font_size)
        self.editor.set_smart_typography(prefs.smart_typography)
        self.autosave.set_interval(prefs.autosave_seconds)

    def _on_smart_toggled(self, on: bool) -> None:
        if on == self.preferences.smart_typography:
            return
        self.preferences = self.preferences.with_changes(smart_typography=on)
        self._save_preferences(self.preferences)

    def _save_preferences(self, prefs: Preferences) -> None:
        path = preferences_path(self.ui_ctx.services.paths.config_dir)

        def save() -> None:
            save_preferences(path, prefs)

        self.ui_ctx.tasks.run(save, on_error=self._on_error)

    def show_preferences(self) -> None:
        from newsdesk.ui.preferences.dialog import PreferencesDialog

        dialog = PreferencesDialog(self.ui_ctx, self.preferences, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.preferences_saved.connect(self.apply_preferences)
        dialog.site_settings_saved.connect(self._on_site_settings)
        self.preferences_dialog = dialog
        dialog.open()

    def _on_site_settings(self, _settings: SiteSettings) -> None:
        """Site name, budgets or theme changed: the preview and the counters follow."""
        self.library.reload_choices()  # brings the new budgets to the metadata panel
        self._reload_preview()

    def _reload_preview(self) -> None:
        if self.record is not None and self.record.id is not None:
            self.preview.show_article(self.record.id)
            self.preview.update_body(self.editor.markdown())

    # -- history --------------------------------------------------------------------------

    def _flush_before_restore(self) -> bool:
        """Before a restore, the editor's pending text goes to the library (and so into the
        'before restore' revision); if it cannot be saved, no restore."""
        return self.leave_current()

    def _on_changed_elsewhere(self, ids: set[int]) -> None:
        """Another window or process changed these articles: the list follows, and so does
        the open article unless it has edits of its own not saved yet (their save merges
        fields or asks which version stays)."""
        from newsdesk.ui.dbwork import load_article

        self.library.refresh()
        if self.record is None or self.record.id not in ids:
            return
        article_id = self.record.id
        self.history.refresh()

        def show(rec: ArticleRecord) -> None:
            current = self.autosave.current_record()
            if self.record is None or self.record.id != rec.id or current is None:
                return
            busy = self.autosave.dirty or self.autosave.saving
            if not busy and rec.version > current.version:
                self.show_article(rec, self.editor.cursor_position())

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):  # deleted or moved to the Trash elsewhere
                if self.record is not None and self.record.id == article_id:
                    self.close_article()
                    self.statusBar().showMessage("The article was deleted elsewhere.", 10000)
                return
            self.on_read_error(exc)

        load_article(self.ui_ctx, article_id, show, failed, owner=self)

    def _on_revisions_changed(self, article_id: int, *_rev: int) -> None:
        if self.history.article_id == article_id:
            self.history.refresh()

    def _on_restored(self, article_id: int) -> None:
        """A revision was restored: show it, the same way a reload after a conflict does."""
        from newsdesk.ui.dbwork import load_article

        if self.record is None or self.record.id != article_id:
            return
        cursor = self.editor.cursor_position()

        def show(rec: ArticleRecord) -> None:
            if self.record is not None and self.record.id == rec.id:
                self.show_article(rec, cursor)
                self.library.update_record(rec)

        load_article(self.ui_ctx, article_id, show, self.on_read_error, owner=self)

    # -- taxonomy -------------------------------------------------------------------------

    def show_tag_manager(self) -> None:
        from newsdesk.ui.tags.manager import TagManagerDialog

        if self.tag_manager is None:
            self.tag_manager = TagManagerDialog(self.ui_ctx, self, self.library.selected_ids())
            self.tag_manager.open_article.connect(self.open_article)
            self.tag_manager.tags_changed.connect(self._on_taxonomy_changed)
        else:
            self.tag_manager.set_article_selection(self.library.selected_ids())
            self.tag_manager.refresh()
        self.tag_manager.show()
        self.tag_manager.raise_()
        self.tag_manager.activateWindow()

    def show_section_manager(self) -> None:
        from newsdesk.ui.sections import SectionManagerDialog

        if self.section_manager is None:
            self.section_manager = SectionManagerDialog(self.ui_ctx, self)
            self.section_manager.sections_changed.connect(self._on_taxonomy_changed)
        else:
            self.section_manager.refresh()
        self.section_manager.show()
        self.section_manager.raise_()
        self.section_manager.activateWindow()

    def _on_library_selection(self, *_args: Any) -> None:
        if self.tag_manager is not None:
            self.tag_manager.set_article_selection(self.library.selected_ids())

    def _on_taxonomy_changed(self) -> None:
        """Tags or sections were renamed, merged, moved or deleted: the list, the choices,
        the open article's fields and the preview (tags, navigation) follow."""
        self.library.refresh()
        self.library.reload_choices()
        if self.record is not None and self.record.id is not None:
            self.commands.fields_changed([self.record.id])
            self.preview.show_article(self.record.id)

    # -- import, export, libraries ----------------------------------------------------------

    def import_files(self) -> None:
        self.transfers.import_files()

    def _on_imported(self) -> None:
        self.library.refresh()
        self.library.reload_choices()

    def export_html(self) -> None:
        if self.record is not None and not self.autosave.flush():
            self.ui_ctx.prompts.error("Export", f"{self.autosave.state}\nNothing was exported.")
            return
        self.transfers.export_html(self.record.id if self.record else None)

    def export_bundle(self) -> None:
        if self.record is not None:
            self.autosave.flush()
        ids = self.commands.targets()
        name = f"{self.record.slug}.zip" if self.record and len(ids) == 1 else "articles.zip"
        self.transfers.export_bundle(ids, name)

    def export_site(self) -> None:
        if self.record is not None:
            self.autosave.flush()
        self.transfers.export_site()

    def new_library(self) -> None:
        suggested = str(self.ui_ctx.services.paths.data_dir / "new-library.newsdesk")
        path = self.ui_ctx.prompts.save_path("Create a new library", suggested, LIBRARY_FILTER)
        if path:
            if not path.endswith(".newsdesk"):
                path += ".newsdesk"
            self.library_requested.emit(path)

    def open_library(self) -> None:
        path = self.ui_ctx.prompts.open_path("Open a library", LIBRARY_FILTER)
        if path:
            self.library_requested.emit(path)

    # -- closing ------------------------------------------------------------------------------

    def save_layout(self) -> None:
        self.state.set_geometry("geometry", self.saveGeometry())
        self.state.set_geometry("state", self.saveState())
        self.state.set_geometry("main_splitter", QByteArray(self.main_splitter.saveState()))
        self.state.set_geometry("writing_splitter", QByteArray(self.writing.saveState()))
        self.state.set_value("layout", self.layouts.current)
        if self.record is not None:
            self.state.set_open_article(self.record.id, self.editor.cursor_position())
        self.state.sync()

    def _ask_quit_anyway(self) -> None:
        """Ask whether to quit without the unsaved changes; the question goes away by itself
        (and the window closes) once a retry saves them, so it never stays up stale."""

        def answered(leave: bool) -> None:
            if leave:
                self._leave_unsaved = True
                self.close()

        self._quit_question = self.ui_ctx.prompts.confirm_later(
            "Not saved",
            f"{self.autosave.state}\nQuit anyway and lose the unsaved changes?",
            answered,
            ok="Quit without saving",
            destructive=True,
        )

    def _on_saved_while_asking(self, state: str) -> None:
        question = self._quit_question
        if question is not None and question.open and state == "Saved":
            question.withdraw()
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.attached:  # closed while the library was opening: nothing to save yet
            event.accept()
            return
        if self._quit_question is not None and self._quit_question.open:
            event.ignore()  # already asking
            return
        if self.record is not None and not self._leave_unsaved and not self.autosave.flush():
            event.ignore()
            self._ask_quit_anyway()
            return
        self.save_layout()
        self.watcher.stop()
        # Leaving counts as a pause: the last edits are offered a revision now, and no idle
        # timer fires later against a library that is closing.
        self.checkpointer.checkpoint()
        self.ui_ctx.tasks.wait()
        self.newsroom.shutdown()  # leaves the open article at once; stops watching
        self.preview.shutdown()
        event.accept()
