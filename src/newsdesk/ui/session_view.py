"""The panes as observers of the one ``ArticleSession``: each shows the open article from
the session's changes, so none can lag behind the others (title and inspector strip, status
bar, preview, library row, metadata, history)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from newsdesk.core.article_session import ArticleSession, Change, Event
from newsdesk.domain.headlines import shown_headline

if TYPE_CHECKING:
    from newsdesk.ui.mainwindow import MainWindow


def observe(window: MainWindow, session: ArticleSession) -> None:
    """Subscribe the window's panes to ``session``."""
    for observer in (_editor, _title, _status, _preview, _library_row, _metadata, _history):
        session.subscribe(partial(observer, window, session))


def _title(window: MainWindow, session: ArticleSession, change: Change) -> None:
    if change.event in (Event.OPENED, Event.RELOADED) or change.detail == "headline":
        if not session.is_open:
            window.setWindowTitle("newsdesk")
            window.inspector_strip.set_text("")
            return
        shown = shown_headline(session.headline())
        window.setWindowTitle(f"{shown} — newsdesk")
        window.inspector_strip.set_text(shown)


def _status(window: MainWindow, session: ArticleSession, change: Change) -> None:
    if change.event in (Event.OPENED, Event.STATE):
        window.status.show_state()
    if change.event in (Event.OPENED, Event.RELOADED):
        window.status.update_stats()
    elif change.event is Event.BODY:
        window.status.body_typed()


def _preview(window: MainWindow, session: ArticleSession, change: Change) -> None:
    if change.event is Event.OPENED:
        if session.article_id is None:
            window.preview.show_placeholder()
        else:
            window.preview.show_article(session.article_id)
    elif change.event is Event.RELOADED and session.article_id is not None:
        window.preview.show_article(session.article_id)
    elif change.event is Event.BODY:
        window.preview.update_body(session.body())
    elif change.event is Event.FIELD:
        current = session.current()
        if current is not None:
            window.preview.update_fields(current)


def _library_row(window: MainWindow, session: ArticleSession, change: Change) -> None:
    if change.event in (Event.SAVED, Event.RELOADED):
        window.library.update_record(change.detail)


def _editor(window: MainWindow, session: ArticleSession, change: Change) -> None:
    """The library's version replaced what was shown: the editor shows its body (opening an
    article fills the editor first, since the session reads the body from it)."""
    if change.event is Event.RELOADED and window.editor.markdown() != change.detail.body:
        window.editor.set_markdown(change.detail.body, window.editor.cursor_position())


def _history(window: MainWindow, session: ArticleSession, change: Change) -> None:
    history = getattr(window, "history", None)  # comes with the library (attach)
    if history is None:
        return
    if change.event is Event.OPENED:
        history.set_article(session.article_id)
    elif change.event in (Event.RELOADED, Event.REVISIONS) and history.article_id is not None:
        history.refresh()


def _metadata(window: MainWindow, session: ArticleSession, change: Change) -> None:
    if change.event is Event.SAVED:
        window.metadata.apply_saved(change.detail)
    elif change.event is Event.RELOADED:
        window.metadata.load(change.detail)
    elif change.event is Event.BODY:
        window.metadata.suggest_tags_for(session.body)  # read after the pause
