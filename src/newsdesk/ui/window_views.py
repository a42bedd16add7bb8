"""What the main window shows around the article: its size and layout (restored onto a screen
that exists, remembered on close), focus mode, the preferences, and the non-modal helpers
(quick switcher, command palette, shortcuts list, writing guide, About)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QObject, Qt
from PySide6.QtWidgets import QWidget

from newsdesk.core.preferences import (
    Preferences,
    preferences_path,
    save_preferences,
)

if TYPE_CHECKING:
    from newsdesk.core.settings import SiteSettings
    from newsdesk.ui.mainwindow import MainWindow


def _shown(widget: QWidget) -> bool:
    return not widget.isHidden()


class WindowViews(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.splitters_restored = False
        self._before_focus: list[tuple[Callable[[bool], Any], bool]] = []
        self.palette: Any = None  # the helpers, made on first use
        self.shortcuts_dialog: Any = None
        self.switcher: Any = None
        self.preferences_dialog: Any = None
        self.guide_dialog: Any = None

    # -- size and layout ----------------------------------------------------------------------
    def restore_window(self) -> None:
        """Size and place the window (inside a screen that exists, never larger than it)
        and bring back its docks, toolbars and layout."""
        from newsdesk.ui.layout import first_size, fit_to_screen

        w = self.w
        geometry = w.state.geometry("geometry")
        if geometry is None or not w.restoreGeometry(geometry):
            w.resize(first_size(w))
        fit_to_screen(w)
        state = w.state.geometry("state")
        if state is not None:
            w.restoreState(state)
        w.acts.sidebar_strip.show()

    def shown(self) -> None:
        """The window is shown: now with its frame on the screen, and its real size for the
        splitters."""
        from newsdesk.ui.layout import EDIT, LAYOUTS, fit_to_screen

        if self.splitters_restored:
            return
        w = self.w
        fit_to_screen(w)  # the frame stays on the screen too
        self.splitters_restored = True
        name = w.state.value("layout", EDIT)
        sized = [
            splitter.restoreState(value)
            for key, splitter in (
                ("main_splitter", w.main_splitter),
                ("writing_splitter", w.writing),
            )
            if (value := w.state.geometry(key)) is not None
        ]
        w.layouts.apply(name if name in LAYOUTS else EDIT, sizes=not (sized and all(sized)))

    def save_layout(self) -> None:
        w = self.w
        w.state.set_geometry("geometry", w.saveGeometry())
        w.state.set_geometry("state", w.saveState())
        w.state.set_geometry("main_splitter", QByteArray(w.main_splitter.saveState()))
        w.state.set_geometry("writing_splitter", QByteArray(w.writing.saveState()))
        w.state.set_value("layout", w.layouts.current)
        if w.record is not None:
            w.state.set_open_article(w.record.id, w.editor.cursor_position())
        w.state.sync()

    def on_inspector_toggled(self, shown: bool) -> None:
        from newsdesk.ui.layout import WRITE

        self.w.inspector_strip.setVisible(not shown and self.w.layouts.current != WRITE)

    def _focus_panes(self) -> list[tuple[Callable[[bool], Any], Callable[[], bool]]]:
        """(show/hide, is shown) for everything focus mode hides."""
        acts = self.w.acts
        panes: list[tuple[Callable[[bool], Any], Callable[[], bool]]] = [
            (act.setChecked, act.isChecked)
            for act in (acts.act_toggle_library, acts.act_toggle_meta, acts.act_toggle_preview)
        ]
        for widget in (acts.main_toolbar, acts.format_toolbar, self.w.history_dock):
            panes.append((widget.setVisible, partial(_shown, widget)))
        return panes

    def on_focus_mode(self, on: bool) -> None:
        """Focus mode hides every pane but the editor; leaving it brings back what was shown."""
        if on:
            self._before_focus = [(show, shown()) for show, shown in self._focus_panes()]
            for show, _was in self._before_focus:
                show(False)
            self.w.editor.text_edit.setFocus()
            return
        for show, was in self._before_focus:
            show(was)
        self._before_focus = []

    # -- editor and preview ---------------------------------------------------------------------
    def on_cursor_line(self, line: int) -> None:
        # The editor's blocks and the preview's source lines both count from 0.
        self.w.preview.scroll_to_source_line(line)

    def on_preview_line(self, line: int) -> None:
        # Source lines count from 0, as the editor's blocks do (findBlockByLineNumber would
        # count wrapped lines, landing paragraphs too early).
        editor = self.w.editor
        block = editor.text_edit.document().findBlockByNumber(max(line, 0))
        if block.isValid():
            editor.set_cursor_position(block.position())
            editor.text_edit.setFocus()

    # -- preferences ----------------------------------------------------------------------------
    def apply_preferences(self, prefs: Preferences) -> None:
        """Editor font, smart typography and the autosave interval follow the preferences."""
        w = self.w
        w.preferences = prefs
        w.editor.set_editor_font(prefs.editor_font_family, prefs.editor_font_size)
        w.editor.set_smart_typography(prefs.smart_typography)
        w.autosave.set_interval(prefs.autosave_seconds)

    def on_smart_toggled(self, on: bool) -> None:
        w = self.w
        if on == w.preferences.smart_typography:
            return
        w.preferences = w.preferences.with_changes(smart_typography=on)
        path, prefs = preferences_path(w.ui_ctx.services.paths.config_dir), w.preferences
        w.ui_ctx.tasks.run(lambda: save_preferences(path, prefs), on_error=w.flow.on_error)

    def show_preferences(self) -> None:
        from newsdesk.ui.preferences.dialog import PreferencesDialog

        w = self.w
        dialog = PreferencesDialog(w.ui_ctx, w.preferences, w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.preferences_saved.connect(self.apply_preferences)
        dialog.site_settings_saved.connect(self.on_site_settings)
        self.preferences_dialog = dialog
        dialog.open()

    def on_site_settings(self, _settings: SiteSettings) -> None:
        """Site name, budgets or theme changed: the preview and the counters follow."""
        w = self.w
        w.library.reload_choices()  # brings the new budgets to the metadata panel
        if w.record is not None and w.record.id is not None:
            w.preview.show_article(w.record.id)
            w.preview.update_body(w.editor.markdown())

    # -- helpers --------------------------------------------------------------------------------
    def quick_open(self) -> None:
        """Ctrl+P: type part of a headline, Enter opens the article."""
        from newsdesk.ui.library.switcher import QuickSwitcher

        if self.switcher is None:
            self.switcher = QuickSwitcher(self.w.ui_ctx, self.w)
            self.switcher.article_chosen.connect(self.w.open_article)
        self.switcher.start()

    def show_palette(self) -> None:
        from newsdesk.ui.palette import CommandPalette

        if self.palette is None:
            self.palette = CommandPalette(self.w)
        self.palette.open_palette()

    def show_shortcuts(self) -> None:
        from newsdesk.ui.shortcuts_help import ShortcutsDialog

        if self.shortcuts_dialog is None:
            self.shortcuts_dialog = ShortcutsDialog(self.w)
        else:
            self.shortcuts_dialog.reload()  # generated from the actions each time
        self.shortcuts_dialog.show()
        self.shortcuts_dialog.raise_()

    def show_guide(self) -> None:
        from newsdesk.paths import resources_dir
        from newsdesk.ui.guide import GuideDialog

        dialog = GuideDialog(resources_dir(), self.w)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide_dialog = dialog
        dialog.show()

    def about(self) -> None:
        from newsdesk import __version__

        w = self.w
        w.ui_ctx.prompts.info(
            "About newsdesk",
            f"newsdesk {__version__}: write, preview, export and publish news articles.\n\n"
            f"Library: {w.ui_ctx.services.paths.db_path}\n"
            f"Window state: {w.state.path}",
        )
