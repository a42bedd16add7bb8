"""What the window does to articles as a whole: new, duplicate, archive, move to the Trash
(and back), and showing the open article's new fields after a bulk change. Every piece of
library work goes through ``run_in_library`` (storage errors become a message)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from newsdesk.domain.headlines import shown_headline
from newsdesk.ui.dbwork import load_article, run_in_library

if TYPE_CHECKING:
    from newsdesk.domain.record import ArticleRecord
    from newsdesk.ui.mainwindow import MainWindow


class ArticleCommands:
    def __init__(self, window: MainWindow) -> None:
        self.w = window

    def targets(self) -> list[int]:
        """The articles an action applies to: the library's selection, else the open one."""
        ids = self.w.library.selected_ids()
        record = self.w.record
        if not ids and record is not None and record.id is not None:
            ids = [record.id]
        return ids

    def new_article(self) -> None:
        from newsdesk.services.editing import new_article

        if not self.w.leave_current():
            return

        def created(rec: ArticleRecord) -> None:
            self.w.library.refresh()
            self.w.show_article(rec, 0)
            self.w.focus_headline()

        # The person's name (Preferences → You, asked at the welcome) is the new story's byline.
        name = self.w.preferences.desk_name.strip()
        byline = [name] if name else None
        run_in_library(
            self.w.ui_ctx, lambda s: new_article(s, byline=byline), created, owner=self.w
        )

    def duplicate(self) -> None:
        from newsdesk.services.editing import duplicate_article

        ids = self.targets()
        if not ids or not self.w.leave_current():
            return

        def done(copies: list[ArticleRecord]) -> None:
            self.w.library.refresh()
            self.w.show_article(copies[0], 0)

        work: Callable[[Any], list[ArticleRecord]] = lambda s: [  # noqa: E731
            duplicate_article(s, i) for i in ids
        ]
        run_in_library(self.w.ui_ctx, work, done, owner=self.w)

    def archive(self) -> None:
        from newsdesk.services import bulk

        ids = self.targets()
        if ids and self.w.leave_current():
            self.change_library(ids, lambda s: bulk.set_status(s, ids, "archived"))

    def delete(self) -> None:
        """Move the chosen articles to the Trash (Library → Trash… brings them back); asks
        first only when one is still published somewhere (the Trash does not unpublish)."""
        from newsdesk.services.trash import live_copies

        ids = self.targets()
        if not ids:
            return
        run_in_library(
            self.w.ui_ctx, lambda s: live_copies(s, ids), lambda live: self._move(ids, live),
            owner=self.w,
        )  # fmt: skip

    def _move(self, ids: list[int], live: list[Any]) -> None:
        from newsdesk.services.trash import move_to_trash

        if live:
            where = "\n".join(f"• “{c.headline}” on {c.target} {c.url}".rstrip() for c in live)
            question = (
                f"Still published:\n{where}\n\nMoving to the Trash does not unpublish; "
                "Article → Publish… can unpublish first. Move to the Trash anyway?"
            )
            if not self.w.ui_ctx.prompts.confirm("Move to Trash", question, ok="Move to Trash"):
                return
        what = f"“{self._headline_of(ids[0])}”" if len(ids) == 1 else f"{len(ids)} articles"
        record = self.w.record
        if record is not None and record.id in ids:
            if not self.w.leave_current():  # its last words go into the Trash with it
                return
            self.w.close_article()
        self.change_library(ids, lambda s: move_to_trash(s, ids), deleted=True)
        self.w.statusBar().showMessage(
            f"Moved {what} to the Trash (Library → Trash… restores it)", 10000
        )

    def show_trash(self) -> None:
        from newsdesk.ui.trash import TrashDialog

        if self.w.trash_dialog is None:
            self.w.trash_dialog = TrashDialog(self.w.ui_ctx, self.w)
            self.w.trash_dialog.restored.connect(self._on_restored_from_trash)
        else:
            self.w.trash_dialog.refresh()
        self.w.trash_dialog.show()
        self.w.trash_dialog.raise_()
        self.w.trash_dialog.activateWindow()

    def _on_restored_from_trash(self, ids: list[int]) -> None:
        self.w.library.refresh()
        self.w.library.reload_choices()
        if ids and self.w.record is None:
            self.w.open_article(ids[0])

    def _headline_of(self, article_id: int) -> str:
        model = self.w.library.model
        row = model.row_of(article_id)
        if row is not None:
            return shown_headline(model.rows[row].headline)
        return shown_headline(self.w.record.headline if self.w.record else "")

    def change_library(
        self, ids: list[int], change: Callable[[Any], Any], deleted: bool = False
    ) -> None:
        def done(_result: object) -> None:
            self.w.library.refresh()
            if not deleted:
                self.fields_changed(ids)

        run_in_library(self.w.ui_ctx, change, done, owner=self.w)

    def fields_changed(self, ids: list[int]) -> None:
        """A bulk change touched the open article: show its new fields, keep the text."""
        record = self.w.record
        if record is None or record.id is None or record.id not in ids:
            return

        def show(rec: ArticleRecord) -> None:
            w = self.w
            if w.record is None or w.record.id != rec.id:
                return
            w.autosave.rebase(rec)
            current = w.autosave.current_record() or rec
            w.show_fields(current)

        load_article(self.w.ui_ctx, record.id, show, self.w.on_read_error, owner=self.w)
