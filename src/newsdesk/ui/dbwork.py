"""Running one library transaction on a worker and handing its result to the GUI thread: the
one helper for library work in the GUI.

Storage failures (locked, read-only, disk full) become ``LibraryWriteError``; expected errors
(``UserError``) are shown through the prompt seam; anything else is a bug and goes on to the
task runner's crash handling.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from newsdesk.errors import UserError

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from sqlmodel import Session

    from newsdesk.domain.record import ArticleRecord
    from newsdesk.ui.context import UiContext

T = TypeVar("T")


def run_in_library(
    ui_ctx: UiContext,
    work: Callable[[Session], T],
    on_done: Callable[[T], None],
    *,
    title: str = "newsdesk",
    on_failed: Callable[[], None] | None = None,
    on_error: Callable[[UserError], None] | None = None,
    owner: QObject | None = None,
) -> None:
    """``work(session)`` in one transaction off the GUI thread, then ``on_done(result)``
    (dropped if ``owner``, or the object of a bound ``on_done``, was deleted meanwhile).
    An expected error (``UserError``: locked, read-only, full, not found) is shown in a box
    titled ``title``, or handed to ``on_error`` (a background read says it in the status bar)."""

    from newsdesk.services.editing import storage_errors

    def job() -> T:
        # A locked, read-only or full library is a message for the person, not a crash.
        with storage_errors(), ui_ctx.services.session() as session:
            return work(session)

    def failed(exc: BaseException) -> None:
        if on_failed is not None:
            on_failed()
        if isinstance(exc, UserError):
            if on_error is not None:
                on_error(exc)
            else:
                ui_ctx.prompts.error(title, str(exc))
            return
        raise exc

    ui_ctx.tasks.run(job, on_done, failed, owner=owner)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def load_article(
    ui_ctx: UiContext,
    article_id: int,
    on_loaded: Callable[[ArticleRecord], None],
    on_failed: Callable[[BaseException], None],
    *,
    owner: QObject | None = None,
) -> None:
    """The one way the GUI reads an article: on a worker, storage errors as messages;
    ``on_failed`` gets ``NotFoundError`` when it is gone (deleted elsewhere)."""
    from newsdesk.services.editing import get_article, storage_errors

    def load() -> ArticleRecord:
        with storage_errors(), ui_ctx.services.session() as session:
            return get_article(session, article_id)

    ui_ctx.tasks.run(load, on_loaded, on_failed, owner=owner)
