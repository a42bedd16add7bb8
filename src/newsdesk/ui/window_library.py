"""The library-wide commands of the main window: the tag and section managers (and what
follows a rename or merge), import, export and choosing another library file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from newsdesk.ui.mainwindow import MainWindow

LIBRARY_FILTER = "newsdesk libraries (*.newsdesk);;All files (*)"


class LibraryCommands(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w

    # -- taxonomy -------------------------------------------------------------------------
    def show_tag_manager(self) -> None:
        from newsdesk.ui.tags.manager import TagManagerDialog

        w = self.w
        if w.tag_manager is None:
            w.tag_manager = TagManagerDialog(w.ui_ctx, w, w.library.selected_ids())
            w.tag_manager.open_article.connect(w.open_article)
            w.tag_manager.tags_changed.connect(self.on_taxonomy_changed)
        else:
            w.tag_manager.set_article_selection(w.library.selected_ids())
            w.tag_manager.refresh()
        w.tag_manager.show()
        w.tag_manager.raise_()
        w.tag_manager.activateWindow()

    def show_section_manager(self) -> None:
        from newsdesk.ui.sections import SectionManagerDialog

        w = self.w
        if w.section_manager is None:
            w.section_manager = SectionManagerDialog(w.ui_ctx, w)
            w.section_manager.sections_changed.connect(self.on_taxonomy_changed)
        else:
            w.section_manager.refresh()
        w.section_manager.show()
        w.section_manager.raise_()
        w.section_manager.activateWindow()

    def on_library_selection(self, *_args: Any) -> None:
        if self.w.tag_manager is not None:
            self.w.tag_manager.set_article_selection(self.w.library.selected_ids())

    def on_taxonomy_changed(self) -> None:
        """Tags or sections were renamed, merged, moved or deleted: the list, the choices,
        the open article's fields and the preview (tags, navigation) follow."""
        w = self.w
        w.library.refresh()
        w.library.reload_choices()
        if w.record is not None and w.record.id is not None:
            w.commands.fields_changed([w.record.id])
            w.preview.show_article(w.record.id)

    # -- import, export, libraries ------------------------------------------------------------
    def on_imported(self, ids: list[int]) -> None:
        self.w.library.refresh()
        self.w.library.reload_choices()
        if len(ids) == 1:  # one article brought in: shown, as an editor opens a file
            self.w.open_article(ids[0])

    def export_html(self) -> None:
        w = self.w
        if w.record is not None and not w.autosave.flush():
            w.ui_ctx.prompts.error("Export", f"{w.autosave.state}\nNothing was exported.")
            return
        w.transfers.export_html(w.record.id if w.record else None)

    def export_bundle(self) -> None:
        w = self.w
        if w.record is not None:
            w.autosave.flush()
        ids = w.commands.targets()
        name = f"{w.record.slug}.zip" if w.record and len(ids) == 1 else "articles.zip"
        w.transfers.export_bundle(ids, name)

    def export_site(self) -> None:
        if self.w.record is not None:
            self.w.autosave.flush()
        self.w.transfers.export_site()

    def new_library(self) -> None:
        w = self.w
        suggested = str(w.ui_ctx.services.paths.data_dir / "new-library.newsdesk")
        path = w.ui_ctx.prompts.save_path("Create a new library", suggested, LIBRARY_FILTER)
        if path:
            if not path.endswith(".newsdesk"):
                path += ".newsdesk"
            w.library_requested.emit(path)

    def open_library(self) -> None:
        path = self.w.ui_ctx.prompts.open_path("Open a library", LIBRARY_FILTER)
        if path:
            self.w.library_requested.emit(path)
