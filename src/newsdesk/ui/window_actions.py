"""The main window's actions, menus and toolbars, built from Qt alone (the shell paints before
the library is open). Each action calls one controller of the window: ``flow`` (the open
article), ``views`` (layout, dialogs, preferences) or ``library_commands`` (taxonomy, import,
export, libraries); ``commands`` (new, duplicate, archive, Trash) lives in ``ui.library``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QWidget

from newsdesk.ui.icons import icon
from newsdesk.ui.layout import keep_text_room

if TYPE_CHECKING:
    from newsdesk.ui.mainwindow import MainWindow

FORMAT_ACTIONS = (
    "bold", "italic", "link", None, "heading1", "heading2", "heading3", None,
    "quote", "bullets", "numbered", "pullquote", None, "image",
)  # fmt: skip
PREVIEW_WIDTH_KEYS = {"fit": "Ctrl+Alt+0", "phone": "Ctrl+Alt+1", "tablet": "Ctrl+Alt+2", "desktop": "Ctrl+Alt+3"}  # fmt: skip


def fill(menu: QMenu | QToolBar, actions: list[QAction | None]) -> None:
    """Add actions in order; None is a separator."""
    for action in actions:
        if action is None:
            menu.addSeparator()
        else:
            menu.addAction(action)


class WindowActions:
    """Every window action as ``act_<name>`` (the window hands out ``window.act_<name>``)."""

    def __init__(self, w: MainWindow) -> None:
        self.w = w
        self._build()

    def _action(
        self,
        text: str,
        icon_name: str | None,
        shortcut: Any,
        slot: Callable[[], Any],
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self.w)
        if icon_name:
            action.setIcon(icon(icon_name))
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip or text.replace('&', '').rstrip('…')} ({native})")
        action.triggered.connect(lambda _checked=False: slot())
        self.w.addAction(action)
        return action

    def _toggle(self, text: str, shortcut: str, widget: QWidget) -> QAction:
        action = QAction(text, self.w, checkable=True, checked=True)
        action.setShortcut(QKeySequence(shortcut))
        action.toggled.connect(widget.setVisible)
        # Shown or hidden by a person: the panes get their widths again. A pane never shown
        # yet (the library on a laptop's Edit layout) came back a few pixels wide.
        layouts = self.w.layouts
        action.triggered.connect(
            lambda _on=False: QTimer.singleShot(0, layouts, layouts.size_panes)
        )
        self.w.addAction(action)
        return action

    def _search_library(self) -> None:
        """Search Library: the library pane is shown first if it is hidden (the keys typed
        next went nowhere)."""
        if not self.act_toggle_library.isChecked():
            self.act_toggle_library.trigger()
        self.w.library.focus_search()

    def _build(self) -> None:
        w, a = self.w, self._action
        flow, views, lib = w.flow, w.views, w.library_commands
        self.act_new = a("&New Article", "fa5s.file-medical", "Ctrl+N", w.commands.new_article)
        self.act_save = a("&Save", "fa5s.save", "Ctrl+S", flow.save_now)
        self.act_import = a(
            "&Import…", "fa5s.file-import", "Ctrl+Shift+O", w.transfers.import_files
        )
        self.act_export_html = a("&HTML Page…", "fa5s.file-code", "Ctrl+Alt+E", lib.export_html)
        self.act_export_bundle = a(
            "Article &Bundle…", "fa5s.file-archive", "Ctrl+Alt+B", lib.export_bundle
        )
        self.act_export_site = a("Static &Site…", "fa5s.globe", "Ctrl+Alt+W", lib.export_site)
        self.act_new_library = a("Ne&w Library…", None, "Ctrl+Alt+N", lib.new_library)
        self.act_open_library = a("&Open Library…", "fa5s.folder-open", "Ctrl+O", lib.open_library)
        self.act_preferences = a("&Preferences…", "fa5s.cog", "Ctrl+,", views.show_preferences)
        self.act_quit = a("&Quit", "fa5s.sign-out-alt", "Ctrl+Q", w.close)
        self.act_duplicate = a("D&uplicate", "fa5s.copy", "Ctrl+D", w.commands.duplicate)
        self.act_archive = a("&Archive", "fa5s.archive", "Ctrl+Shift+E", w.commands.archive)
        self.act_delete = a(
            "&Move to Trash", "fa5s.trash-alt", "Ctrl+Shift+Del", w.commands.delete,
            "Move to the Trash",
        )  # fmt: skip
        self.act_search = a("Search &Library…", "fa5s.search", "Ctrl+Shift+F", self._search_library)
        self.act_focus_editor = a("Go to &Editor", None, "Ctrl+E", w.focus_editor)
        self.act_focus_headline = a("Go to &Headline", None, "Ctrl+Shift+H", w.focus_headline)
        self.act_tags = a("&Tags…", "fa5s.tags", "Ctrl+Alt+T", lib.show_tag_manager)
        self.act_sections = a("&Sections…", "fa5s.stream", "Ctrl+Alt+S", lib.show_section_manager)
        self.act_trash = a("T&rash…", "fa5s.trash-restore", "Ctrl+Alt+R", w.commands.show_trash)
        self.act_toggle_library = self._toggle("Show &Library", "Ctrl+Shift+L", w.library)
        self.act_toggle_library.setIcon(icon("fa5s.columns"))
        self.act_toggle_meta = self._toggle("Show &Inspector", "Ctrl+Shift+M", w.metadata_area)
        self.act_toggle_meta.toggled.connect(views.on_inspector_toggled)
        self.act_toggle_preview = self._toggle("Show &Preview", "Ctrl+Alt+P", w.preview)
        self.act_toggle_preview.setIcon(icon("fa5s.eye"))
        self.act_history = w.history_dock.toggleViewAction()
        self.act_history.setText("&History")
        self.act_history.setIcon(icon("fa5s.history"))
        self.act_history.setShortcut(QKeySequence("Ctrl+Alt+H"))
        keep_text_room(w, w.history_dock)  # a strip under the editor, not most of the window
        self.act_quick_open = a("&Open Article…", "fa5s.bolt", "Ctrl+P", views.quick_open)
        w.inspector_strip.button.clicked.connect(lambda: self.act_toggle_meta.setChecked(True))
        self.act_about = a("&About newsdesk", "fa5s.info-circle", "Shift+F1", views.about)
        from newsdesk.ui.edit_actions import EditActions
        from newsdesk.ui.keys import ShortcutGuard

        self.edit_actions = EditActions(w, icon)
        self.act_palette = a(
            "&Command Palette…", "fa5s.terminal", "Ctrl+Shift+P", views.show_palette
        )
        self.act_shortcuts = a(
            "&Keyboard Shortcuts", "fa5s.keyboard", "Ctrl+/", views.show_shortcuts
        )
        self.act_guide = a("&Writing Guide", "fa5s.question-circle", "F1", views.show_guide)
        self.shortcut_guard = ShortcutGuard(
            w, [self.act_focus_editor, self.act_focus_headline, self.act_palette]
        )
        w.editor.action("smart").setShortcut(QKeySequence("Ctrl+Alt+Q"))
        for name, action in w.preview.width_actions.items():
            action.setShortcut(QKeySequence(PREVIEW_WIDTH_KEYS[name]))
            w.addAction(action)  # reachable while the preview's toolbar is hidden

    def always_on(self) -> set[QAction]:
        """The actions that work before the library is open (help, view, standard edit)."""
        w = self.w
        keep = {self.act_quit, self.act_about, self.act_history, self.act_palette}
        keep |= {self.act_shortcuts, self.act_guide, *self.edit_actions.actions.values()}
        keep |= {self.act_toggle_library, self.act_toggle_meta, self.act_toggle_preview}
        return keep | set(w.layouts.actions.values()) | set(w.preview.width_actions.values())

    def article_actions(self) -> list[QAction]:
        """What needs an open article (save, go to, formatting, find, export as HTML)."""
        ed = self.w.editor.action
        editing = [ed(n) for n in FORMAT_ACTIONS if n] + [ed("find"), ed("replace")]
        return [self.act_save, self.act_focus_editor, self.act_focus_headline, *editing,
                self.act_export_html]  # fmt: skip

    def build_menus(self) -> None:
        w, ed = self.w, self.w.editor.action
        menus = w.menuBar()
        file_menu = menus.addMenu("&File")
        fill(file_menu, [self.act_new, self.act_quick_open, self.act_save, None, self.act_import])
        export_menu = file_menu.addMenu(icon("fa5s.file-export"), "&Export")
        fill(export_menu, [self.act_export_html, self.act_export_bundle, self.act_export_site])
        fill(file_menu, [None, self.act_new_library, self.act_open_library, None])
        fill(file_menu, [self.act_preferences, None, self.act_quit])
        edit_menu = menus.addMenu("&Edit")
        fill(edit_menu, [ed("find"), ed("replace"), self.act_search, None])
        fill(edit_menu, [self.act_focus_editor, self.act_focus_headline])
        self.edit_actions.install(edit_menu)
        format_menu = menus.addMenu("F&ormat")
        fill(format_menu, [ed(n) if n else None for n in FORMAT_ACTIONS])
        self.article_menu = menus.addMenu("&Article")
        fill(self.article_menu, [self.act_duplicate, self.act_archive, None, self.act_delete])
        self._publish_actions()
        library_menu = menus.addMenu("&Library")
        fill(library_menu, [self.act_tags, self.act_sections, None, self.act_trash])
        view_menu = menus.addMenu("&View")
        fill(view_menu, [*w.layouts.actions.values(), None])
        fill(view_menu, [self.act_toggle_library, self.act_toggle_meta, self.act_toggle_preview])
        fill(view_menu, [self.act_history, None, ed("focus"), ed("smart"), None])
        width_menu = view_menu.addMenu("Preview &Width")
        fill(width_menu, list(w.preview.width_actions.values()))
        fill(view_menu, [None, self.act_palette])
        help_menu = menus.addMenu("&Help")
        fill(help_menu, [self.act_guide, self.act_shortcuts, None, self.act_about])
        self._toolbars()
        w.library.set_context_actions([self.act_duplicate, self.act_archive, self.act_delete])

    def _toolbars(self) -> None:
        w, ed = self.w, self.w.editor.action
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
        w.removeToolBar(self.sidebar_strip)
        w.addToolBar(Qt.ToolBarArea.LeftToolBarArea, self.sidebar_strip)
        self.sidebar_strip.show()

    def _toolbar(self, title: str, name: str, actions: list[QAction | None]) -> QToolBar:
        toolbar = self.w.addToolBar(title)
        toolbar.setObjectName(name)
        toolbar.setMovable(False)
        fill(toolbar, actions)
        return toolbar

    def _publish_actions(self) -> None:
        """Article → Publish…, the outbox and the publishing targets (ui.publish)."""
        from newsdesk.ui.publish import make_publish_actions

        self.article_menu.addSeparator()
        for action in make_publish_actions(self.w):
            self.article_menu.addAction(action)
            self.w.addAction(action)
