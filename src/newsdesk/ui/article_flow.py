"""The open article's flow through the window: opening (on a worker, once: ``dbwork``),
leaving (saved first), showing, closing, typing and saves, Ctrl+S revisions, and changes that
come from elsewhere (another window or process, a restore, a bulk edit). It feeds the one
``ArticleSession``; the panes follow the session (``ui.session_view``)."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject

from newsdesk.errors import NotFoundError, UserError
from newsdesk.ui.dbwork import load_article, run_in_library

if TYPE_CHECKING:
    from newsdesk.core.settings import SiteSettings
    from newsdesk.domain.record import ArticleRecord
    from newsdesk.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)


class ArticleFlow(QObject):
    def __init__(self, w: MainWindow) -> None:
        super().__init__(w)
        self.w = w
        self.loading = False  # the editor and fields are being filled: not typing
        self._explicit_save = False  # Ctrl+S pressed: record a 'save' revision once it lands

    # -- opening ------------------------------------------------------------------------------
    def reopen(self, remembered: tuple[int, int] | None) -> None:
        """At start-up: the article open last time (id, cursor), or the empty desk."""
        if remembered is None:
            self.show_nothing_open()
        else:
            self.open_article(*remembered)

    def open_article(self, article_id: int, cursor: int | None = None) -> None:
        w = self.w
        if w.record is not None and article_id == w.record.id:
            return
        if not self.leave_current():
            return

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):
                w.state.set_open_article(None)  # deleted elsewhere since last time
                self.show_nothing_open()
                return
            self.on_error(exc)

        load_article(
            w.ui_ctx, article_id, lambda rec: self.show_article(rec, cursor or 0), failed, owner=w
        )

    def leave_current(self) -> bool:
        """Save the open article before another is shown; False keeps it open (unsaved)."""
        w = self.w
        if w.record is None or w.autosave.flush():
            return True
        w.ui_ctx.prompts.error(
            "Not saved", f"{w.autosave.state}\nThe article stays open so that nothing is lost."
        )
        return False

    def show_article(self, rec: ArticleRecord, cursor: int) -> None:
        w = self.w
        self.loading = True
        try:
            w.editor.set_markdown(rec.body, cursor)
            w.metadata.load(rec)
            assert rec.id is not None
            w.autosave.start(rec, w.editor.markdown)
            w.session.open(rec, w.editor.markdown)  # the panes follow the session
            # After the preview has its render on a worker: the dictionary loads meanwhile.
            # At start-up the filter choices bring it, with the site's locale (on_choices).
            if w.settled:
                self.apply_spelling_language(rec.language)
        finally:
            self.loading = False
        self.set_article_enabled(True)
        w.state.set_open_article(rec.id, cursor)
        w.library.select_article(rec.id)
        w.metadata.suggest_tags_for(rec.body)
        w.article_opened.emit(rec)

    def show_fields(self, current: ArticleRecord) -> None:
        """The open article's fields changed in the library (a bulk change): show them."""
        self.loading = True
        self.w.metadata.load(current)
        self.loading = False
        self.w.preview.update_fields(current)

    def close_article(self) -> None:
        w = self.w
        w.autosave.stop()
        self.loading = True
        w.editor.set_markdown("")
        w.metadata.clear()
        self.loading = False
        w.session.open(None)
        self.set_article_enabled(False)
        w.state.set_open_article(None)
        self.show_nothing_open()

    def show_nothing_open(self) -> None:
        """No article open: the editor's place says what to do (``ui.empty_desk``)."""
        if self.w.record is None:
            self.w.desk.setCurrentWidget(self.w.empty_desk)

    def set_article_enabled(self, enabled: bool) -> None:
        self.w.editor.setEnabled(enabled)
        if enabled:
            self.w.desk.setCurrentWidget(self.w.editor)
        self.w.metadata.setEnabled(enabled)
        for action in self.w.acts.article_actions():
            action.setEnabled(enabled)

    def select_open_in_library(self) -> None:
        if self.w.record is not None and self.w.record.id is not None:
            self.w.library.select_article(self.w.record.id)

    # -- editing ------------------------------------------------------------------------------
    def on_body_changed(self) -> None:
        if self.loading or self.w.record is None:
            return
        self.w.autosave.note_body_changed()
        self.w.session.body_typed()

    def on_field_changed(self, name: str, value: Any) -> None:
        if self.loading or self.w.record is None:
            return
        self.w.autosave.note_change(name, value)
        self.w.session.change_field(name, value)
        if name == "language":
            self.apply_spelling_language(str(value or ""))

    def apply_spelling_language(self, language: str) -> None:
        from newsdesk.domain.languages import spelling_language

        w = self.w
        w.editor.set_language(spelling_language(language, w.metadata.settings.locale))

    def on_choices(self, sections: list[str], tags: list[str]) -> None:
        from newsdesk.services.site import load_settings

        def loaded(settings: SiteSettings) -> None:
            self.w.metadata.set_choices(sections, tags, settings)
            if self.w.record is not None:  # the site's locale may make "en" British
                self.apply_spelling_language(self.w.metadata.language_code())

        run_in_library(self.w.ui_ctx, load_settings, loaded, on_error=self.on_read_error,
                       owner=self)  # fmt: skip

    # -- saving -------------------------------------------------------------------------------
    def on_saved(self, rec: ArticleRecord) -> None:
        w = self.w
        w.session.stored(rec)  # library row, metadata and the rest follow
        w.state.set_open_article(rec.id, w.editor.cursor_position())
        if rec.id is not None:
            w.checkpointer.article_saved(rec.id)
        if self._explicit_save and not w.autosave.dirty and not w.autosave.saving:
            self._record_explicit_save()

    def save_now(self) -> None:
        """Ctrl+S: save at once; once the text is in the library, keep a 'save' revision."""
        w = self.w
        if w.record is None:
            return
        self._explicit_save = True
        w.autosave.save_now()
        idle = not w.autosave.saving and not w.autosave.dirty
        if idle and not w.autosave.state.startswith("Not saved"):
            self._record_explicit_save()  # nothing was pending: what is stored is it

    def _record_explicit_save(self) -> None:
        from newsdesk.services.history import record_revision

        self._explicit_save = False
        if self.w.record is None or self.w.record.id is None:
            return
        article_id = self.w.record.id

        def record(session: Any) -> int:
            record_revision(session, article_id, "save")
            return article_id

        run_in_library(self.w.ui_ctx, record, self.w.explicit_save_recorded.emit, owner=self)

    def on_copy_created(self, rec: ArticleRecord) -> None:
        self.w.library.refresh()
        self.w.ui_ctx.prompts.info("Copy saved", f"The other version is kept as “{rec.headline}”.")

    # -- changes from elsewhere ---------------------------------------------------------------
    def on_changed_elsewhere(self, ids: set[int]) -> None:
        """Another window or process changed these articles: the list follows, and so does
        the open article unless it has edits of its own not saved yet (their save merges
        fields or asks which version stays)."""
        w = self.w
        w.library.refresh()
        if w.record is None or w.record.id not in ids:
            return
        article_id = w.record.id

        def show(rec: ArticleRecord) -> None:
            current = w.autosave.current_record()
            if w.record is None or w.record.id != rec.id or current is None:
                return
            busy = w.autosave.dirty or w.autosave.saving
            if not busy and rec.version > current.version:
                self.reload(rec)
            else:  # its own edits stay; its history still gains the other desk's revisions
                w.session.revisions_changed(article_id)

        def failed(exc: BaseException) -> None:
            if isinstance(exc, NotFoundError):  # deleted or moved to the Trash elsewhere
                if w.record is None or w.record.id != article_id:
                    return
                if w.autosave.dirty or w.autosave.saving:  # words typed here, not saved yet
                    w.statusBar().showMessage(
                        "This article was deleted elsewhere; what you typed is still here. "
                        "Restore it from Library → Trash… to keep it, or copy your text.",
                    )
                    return
                self.close_article()
                w.statusBar().showMessage("The article was deleted elsewhere.", 10000)
                return
            self.on_read_error(exc)

        load_article(w.ui_ctx, article_id, show, failed, owner=w)

    def reload(self, rec: ArticleRecord) -> None:
        """The library's version replaces what is shown (elsewhere, a restore, take theirs):
        the editor, the fields and the autosave take it; the session tells the other panes."""
        w = self.w
        cursor = w.editor.cursor_position()
        self.loading = True
        try:
            w.autosave.start(rec, w.editor.markdown)
            w.session.reloaded(rec)  # the editor and metadata follow (session_view)
        finally:
            self.loading = False
        self.apply_spelling_language(rec.language)
        w.editor.set_cursor_position(min(cursor, len(rec.body)))

    def on_revisions_changed(self, article_id: int, *_rev: int) -> None:
        self.w.session.revisions_changed(article_id)

    def on_restored(self, article_id: int) -> None:
        """A revision was restored: show it, the same way a reload after a conflict does."""
        w = self.w
        if w.record is None or w.record.id != article_id:
            return

        def show(rec: ArticleRecord) -> None:
            if w.record is not None and w.record.id == rec.id:
                self.reload(rec)

        load_article(w.ui_ctx, article_id, show, self.on_read_error, owner=w)

    def flush_before_restore(self) -> bool:
        """Before a restore, the editor's pending text goes to the library (and so into the
        'before restore' revision); if it cannot be saved, no restore."""
        return self.leave_current()

    # -- errors -------------------------------------------------------------------------------
    def on_read_error(self, exc: BaseException) -> None:
        """A background read failed: say so in the status bar; no modal box for it."""
        if not isinstance(exc, UserError):
            raise exc
        log.warning("reading the library failed: %s", exc)
        self.w.statusBar().showMessage(f"Cannot read the library: {exc}", 10000)

    def on_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.w.ui_ctx.prompts.error("newsdesk", str(exc))
        else:
            raise exc
