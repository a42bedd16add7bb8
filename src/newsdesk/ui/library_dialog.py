"""The base of the dialogs over the library (tags, sections, the Trash, the quick switcher):
each keeps the UI context and runs its library work on a worker through ``in_library``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtWidgets import QDialog, QWidget

from newsdesk.ui.dbwork import run_in_library

if TYPE_CHECKING:
    from sqlmodel import Session

    from newsdesk.ui.context import UiContext

T = TypeVar("T")


class LibraryDialog(QDialog):
    """A dialog titled ``title`` whose library work belongs to it: a result that arrives
    after the dialog was deleted is dropped, and an expected error is shown under its title."""

    def __init__(
        self, ui_ctx: UiContext, parent: QWidget | None, title: str, size: tuple[int, int]
    ) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.setWindowTitle(title)
        self.resize(*size)

    def in_library(
        self,
        work: Callable[[Session], T],
        on_done: Callable[[T], None],
        *,
        title: str = "",
        on_failed: Callable[[], None] | None = None,
    ) -> None:
        """``work(session)`` on a worker, then ``on_done(result)`` (see ``run_in_library``)."""
        run_in_library(
            self.ui_ctx,
            work,
            on_done,
            title=title or self.windowTitle(),
            on_failed=on_failed,
            owner=self,
        )
