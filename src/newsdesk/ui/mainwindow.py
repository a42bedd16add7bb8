"""The main window: composes the library browser, the inspector, the editor, the preview and
the history, and hands the work to its controllers — ``acts`` (actions, menus, toolbars),
``flow`` (the open article), ``views`` (layout, preferences, helpers), ``library_commands``
(taxonomy, import, export, libraries) and ``commands`` (new, duplicate, archive, Trash). The
panes follow one ``ArticleSession`` (``ui.session_view``); nothing here touches the library."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QScrollArea, QSplitter, QVBoxLayout, QWidget

from newsdesk.core.preferences import Preferences, load_preferences, preferences_path
from newsdesk.ui.icons import icon
from newsdesk.ui.trace import mark

if TYPE_CHECKING:
    # Annotations only: the services (and SQLAlchemy) load with the library, after a window
    # made by ``MainWindow.shell`` has painted (issue 3's start-up).
    from newsdesk.domain.record import ArticleRecord
    from newsdesk.ui.context import UiContext
    from newsdesk.ui.prompts import Question
    from newsdesk.ui.window_state import WindowState

log = logging.getLogger(__name__)

SETTLE_MS = 3000  # the longest start-up work is held back (see hold_until_settled)

# Built by WindowActions; the window hands them out as its own (window.act_new…).
_ON_ACTS = {"main_toolbar", "format_toolbar", "sidebar_strip", "edit_actions", "shortcut_guard",
            "article_menu"}  # fmt: skip


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
    start_up_settled = Signal()  # the work held back at start-up has run (hold_until_settled)

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
        from newsdesk.core.article_session import ArticleSession

        # The open article as every pane sees it (saved version, unsaved fields, save state).
        self.session = ArticleSession()
        self.newsroom: Any = None  # the newsroom's dock and indicators (see _install_newsroom)
        self._later: list[Callable[[], object]] | None = None  # see hold_until_settled
        self.setWindowTitle("newsdesk")

    def __getattr__(self, name: str) -> Any:
        """``act_*`` and the toolbars and menus live on ``self.acts``."""
        acts = self.__dict__.get("acts")
        if acts is not None and (name.startswith("act_") or name in _ON_ACTS):
            return getattr(acts, name)
        raise AttributeError(name)

    @property
    def record(self) -> ArticleRecord | None:
        """The open article as the library last stored it (None: no article open)."""
        return self.session.saved

    def build(
        self, ui_ctx: UiContext, state: WindowState, preferences: Preferences | None = None
    ) -> None:
        """The panes, menus, toolbars and status bar. Nothing here reads the library (nor
        imports the services), so a shell paints before the library is open."""
        from newsdesk.ui.article_flow import ArticleFlow
        from newsdesk.ui.autosave import AutosaveController
        from newsdesk.ui.editor.widget import MarkdownEditor
        from newsdesk.ui.library.browser import LibraryBrowser
        from newsdesk.ui.library.commands import ArticleCommands
        from newsdesk.ui.metadata.panel import MetadataPanel
        from newsdesk.ui.preview.pane import PreviewPane
        from newsdesk.ui.status import StatusLine
        from newsdesk.ui.transfer import Transfers
        from newsdesk.ui.window_actions import WindowActions
        from newsdesk.ui.window_library import LibraryCommands
        from newsdesk.ui.window_views import WindowViews

        self.ui_ctx, self.state = ui_ctx, state
        self.preferences = preferences if preferences is not None else read_preferences(ui_ctx)
        self._quit_question: Question | None = None  # "Quit anyway?" while it is shown
        self._leave_unsaved = False  # the person chose to quit without the unsaved changes
        self.tag_manager: Any = None  # the non-modal dialogs, made on first use
        self.section_manager: Any = None
        self.trash_dialog: Any = None
        # The preview first, its placeholder asked for at once: QtWebEngine starts its processes
        # and loads the page while the rest of the window is built (issue 3's start-up).
        self.preview = PreviewPane(ui_ctx, self)
        self.preview.show_placeholder()
        self.flow = ArticleFlow(self)
        self.views = WindowViews(self)
        self.library_commands = LibraryCommands(self)
        self.commands = ArticleCommands(self)  # new, duplicate, archive, Trash
        self.library = LibraryBrowser(ui_ctx, self)
        self.metadata = MetadataPanel(ui_ctx, self)
        self.editor = MarkdownEditor(ui_ctx, self, language=None)  # an article brings one
        self.autosave = AutosaveController(ui_ctx, self)
        self.transfers = Transfers(ui_ctx, self)
        self.setWindowIcon(icon("fa5s.newspaper"))
        self._build_layout()
        self.acts = WindowActions(self)
        self.acts.build_menus()
        self.status = StatusLine(self, self.session)
        self.stats_label, self.save_label = self.status.stats_label, self.status.save_label
        self._connect()
        from newsdesk.ui.session_view import observe

        observe(self, self.session)
        self.views.apply_preferences(self.preferences)
        self.flow.set_article_enabled(False)
        self.views.restore_window()
        # Until the library is open: the panes and every action that needs it are disabled.
        keep = self.acts.always_on()
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
        self.history.before_restore = self.flow.flush_before_restore
        self.history.restored.connect(self.flow.on_restored)
        # New revisions (Ctrl+S, a pause's checkpoint and its thinning) show in the list.
        self.explicit_save_recorded.connect(self.flow.on_revisions_changed)
        self.checkpointer.checkpoint_recorded.connect(self.flow.on_revisions_changed)
        for action in self._held:
            action.setEnabled(True)
        self._held = []
        self.main_splitter.setEnabled(True)
        self.flow.set_article_enabled(self.record is not None)
        self.editor.library_opened()
        # Names and descriptions for screen readers (dialogs as they are first shown); after
        # the first paint: walking every widget costs start-up time (PySide wraps each type).
        self.after_start(self._label_for_screen_readers)
        from newsdesk.ui.watch import LibraryWatcher

        self.watcher = LibraryWatcher(self.ui_ctx, self)
        self.watcher.changed.connect(self.flow.on_changed_elsewhere)
        self.autosave.saved.connect(lambda rec: self.watcher.note_saved(rec.id, rec.version))
        self.watcher.is_own = lambda i, v: (self.autosave.saved_version(i) or -1) >= v
        self.after_start(self.watcher.start)
        self.after_start(self._install_newsroom)
        self.statusBar().clearMessage()
        self.attached = True
        self.library_opened.emit()

    def _label_for_screen_readers(self) -> None:
        from newsdesk.ui.accessibility import AccessibilityWatcher, label_main_window

        label_main_window(self)
        self.accessibility = AccessibilityWatcher(self)

    def _install_newsroom(self) -> None:
        from newsdesk.ui.newsroom.hook import install as install_newsroom

        self.newsroom = install_newsroom(self)  # stage, presence, embargo, corrections, notes

    # -- start-up: what waits until the first screen is in ------------------------------------
    def hold_until_settled(self) -> None:
        """Start-up (``ui.app``): work a person does not wait for — screen-reader names, the
        library watcher, the newsroom, the filter choices and with them the spelling
        dictionary — is held until the article open last time is in the preview (or the list
        is in, when none was open; at most ``SETTLE_MS``), so the first screen has the
        process's one core's worth of Python (the GIL) to itself."""
        self._later = []

    @property
    def settled(self) -> bool:
        """No start-up work is held back (any more)."""
        return self._later is None

    def after_start(self, work: Callable[[], object]) -> None:
        """Run ``work`` now, or once the start-up has settled (``hold_until_settled``)."""
        if self._later is None:
            work()
        else:
            self._later.append(work)

    def _settle(self) -> None:
        """Run the work held back at start-up (once; nothing after the window closed)."""
        later, self._later = self._later, None
        if not later:
            return
        log.debug("start-up settled: %d held steps run", len(later))
        for work in later:
            work()
        mark("start-up settled")
        self.start_up_settled.emit()

    def _settle_when_listed(self) -> None:
        """The list is in: settled, unless an article is on its way to the preview."""
        if self._later is not None and self.state.open_article() is None:
            self._settle()

    def _build_layout(self) -> None:
        from newsdesk.ui.empty_desk import make_desk
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
        self.desk, self.empty_desk = make_desk(self, column_layout)  # the editor, or a hint
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

    def _connect(self) -> None:
        flow, views = self.flow, self.views
        self.editor.changed.connect(flow.on_body_changed)
        self.metadata.field_changed.connect(flow.on_field_changed)
        self.library.article_activated.connect(self.open_article)
        self.library.library_changed.connect(self.commands.fields_changed)
        self.library.choices_loaded.connect(flow.on_choices)
        self.library.model.loaded.connect(flow.select_open_in_library)
        self.autosave.state_changed.connect(self.session.set_state)
        self.autosave.state_changed.connect(self._on_saved_while_asking)
        self.autosave.saved.connect(flow.on_saved)
        self.autosave.reloaded.connect(flow.reload)
        self.autosave.copy_created.connect(flow.on_copy_created)
        selection = self.library.table.selectionModel()
        selection.selectionChanged.connect(self.library_commands.on_library_selection)
        self.preview.source_line_clicked.connect(views.on_preview_line)
        self.editor.cursor_line_changed.connect(views.on_cursor_line)
        self.editor.focus_mode_changed.connect(views.on_focus_mode)
        self.editor.action("smart").toggled.connect(views.on_smart_toggled)
        self.transfers.imported.connect(self.library_commands.on_imported)

    def start(self) -> None:
        """Reopen the article open last time and list the library: the article's read is
        queued first, as the editor and the preview showing it are what a person waits for
        (the list selects it when its first page arrives)."""
        self.preview.set_look(self.state.preview_look())  # a learned site look, kept per library
        self.preview.look_menu.look_chosen.connect(self.state.set_preview_look)
        self.flow.reopen(self.state.open_article())
        if self._later is not None:  # the first screen's moment: see hold_until_settled
            # Queued: the event loop paints the first screen before the held work runs.
            queued = Qt.ConnectionType.QueuedConnection
            self.preview.page_ready.connect(self._settle, queued)
            self.library.model.loaded.connect(self._settle_when_listed, queued)
            QTimer.singleShot(SETTLE_MS, self, self._settle)
        self.library.start(choices=False)
        self.after_start(self.library.reload_choices)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.views.shown()

    # -- what other parts of the app ask of the window ----------------------------------------
    def open_article(self, article_id: int, cursor: int | None = None) -> None:
        self.flow.open_article(article_id, cursor)

    def show_article(self, rec: ArticleRecord, cursor: int) -> None:
        self.flow.show_article(rec, cursor)

    def show_fields(self, current: ArticleRecord) -> None:
        self.flow.show_fields(current)

    def leave_current(self) -> bool:
        return self.flow.leave_current()

    def close_article(self) -> None:
        self.flow.close_article()

    def new_article(self) -> None:
        self.commands.new_article()

    def focus_editor(self) -> None:
        self.editor.text_edit.setFocus()

    def focus_headline(self) -> None:
        self.metadata.headline.setFocus()

    def on_read_error(self, exc: BaseException) -> None:
        self.flow.on_read_error(exc)

    def _on_changed_elsewhere(self, ids: set[int]) -> None:
        self.flow.on_changed_elsewhere(ids)

    def save_layout(self) -> None:
        self.views.save_layout()

    # -- closing ------------------------------------------------------------------------------
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
        if self._later is not None:
            self._later = []  # closed before the start-up settled: what was held never runs
        self.save_layout()
        self.watcher.stop()
        # Leaving counts as a pause: the last edits are offered a revision now, and no idle
        # timer fires later against a library that is closing.
        self.checkpointer.checkpoint()
        self.ui_ctx.tasks.wait()
        if self.newsroom is not None:
            self.newsroom.shutdown()  # leaves the open article at once; stops watching
        self.preview.shutdown()
        event.accept()
