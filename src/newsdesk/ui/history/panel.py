"""The history panel: an article's revisions (time, kind, words, what changed); choosing two
shows a word-level diff of the body and the changed fields, side by side or inline; restore."""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from newsdesk.domain import diff as word_diff
from newsdesk.services import history as revisions
from newsdesk.ui.context import UiContext
from newsdesk.ui.dbwork import run_in_library

REV_ROLE = Qt.ItemDataRole.UserRole
SIDE_BY_SIDE, INLINE = "Side by side", "Inline"
KIND_LABELS = {
    "save": "Saved",
    "autosave": "Autosave",
    "publish": "Published",
    "restore": "Before restore",
    "import": "Imported",
}


def _when(info: revisions.RevisionInfo) -> str:
    return info.created_at.astimezone().strftime("%d %b %H:%M:%S")


class HistoryPanel(QWidget):
    """History of one article. ``restored(article_id)`` fires after a restore, so the editor
    reloads the article."""

    restored = Signal(int)
    refreshed = Signal()
    diff_shown = Signal()

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.article_id: int | None = None
        self._revs: dict[int, revisions.RevisionInfo] = {}
        self._diff: revisions.RevisionDiff | None = None
        # The main window saves the editor's pending text here first; False stops the restore.
        self.before_restore: Callable[[], bool] = lambda: True

        self.list = QTreeWidget()
        self.list.setHeaderLabels(["Time", "Kind", "Words", "What changed"])
        self.list.setRootIsDecorated(False)
        self.list.setAlternatingRowColors(True)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.itemSelectionChanged.connect(self.on_selection_changed)
        for column, width in enumerate((190, 100, 60)):  # "Priya Raman, 03 Dec 10:32:05"
            self.list.setColumnWidth(column, width)

        self.mode = QComboBox()
        self.mode.addItems([SIDE_BY_SIDE, INLINE])
        self.mode.currentTextChanged.connect(lambda _text: self._render())
        self.restore_button = QPushButton("Restore this revision…")
        self.restore_button.clicked.connect(self.on_restore)
        self.heading = QLabel("Choose two revisions to compare them, or one to compare with now")
        self.heading.setWordWrap(True)
        self.view = QTextBrowser()
        self.view.setOpenLinks(False)
        self.view.document().setDefaultStyleSheet(
            word_diff.DIFF_CSS + "table.fields td{padding:2px 8px} th{text-align:left}"
        )

        bar = QHBoxLayout()
        bar.addWidget(self.heading, 1)
        bar.addWidget(self.mode)
        bar.addWidget(self.restore_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addLayout(bar)
        lower_layout.addWidget(self.view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.list)
        splitter.addWidget(lower)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([1, 2])  # the diff gets two thirds (it had a third of a laptop dock)
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self._update_buttons()

    # -- loading ----------------------------------------------------------------------------
    def set_article(self, article_id: int | None) -> None:
        self.article_id = article_id
        self.refresh()

    def refresh(self) -> None:
        article = self.article_id
        if article is None:
            self._fill([])
            return
        run_in_library(
            self.ui_ctx,
            lambda s: revisions.list_revisions(s, article),
            self._fill,
            title="History",
        )

    def _fill(self, rows: list[revisions.RevisionInfo]) -> None:
        self._revs = {r.id: r for r in rows}
        self.list.clear()
        for info in rows:
            item = QTreeWidgetItem(
                [
                    f"{info.desk}, {_when(info)}" if info.desk else _when(info),
                    KIND_LABELS.get(info.kind, info.kind),
                    str(info.word_count),
                    info.summary,
                ]
            )
            item.setData(0, REV_ROLE, info.id)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(3, info.summary)
            self.list.addTopLevelItem(item)
        self._diff = None
        self.view.clear()
        self._update_buttons()
        self.refreshed.emit()

    def item_for(self, rev_id: int) -> QTreeWidgetItem:
        for i in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(i)
            if item is not None and item.data(0, REV_ROLE) == rev_id:
                return item
        raise KeyError(rev_id)

    def selected_ids(self) -> list[int]:
        """Chosen revisions, oldest first."""
        ids = [int(item.data(0, REV_ROLE)) for item in self.list.selectedItems()]
        return sorted(ids, key=lambda i: (self._revs[i].created_at, i))

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(len(self.selected_ids()) == 1)

    # -- comparing --------------------------------------------------------------------------
    def on_selection_changed(self) -> None:
        self._update_buttons()
        ids = self.selected_ids()
        article = self.article_id
        if article is None or not ids:
            self._diff = None
            self.view.clear()
            return
        if len(ids) > 2:
            self.heading.setText("Choose at most two revisions to compare")
            return
        old, new = ids[0], ids[1] if len(ids) == 2 else None

        run_in_library(self.ui_ctx, lambda s: revisions.diff_revisions(s, article, old, new),
                       self._show_diff, on_error=self._on_diff_failed, owner=self)  # fmt: skip

    def _on_diff_failed(self, exc: BaseException) -> None:
        """A listed revision is gone (thinned by an autosave here or in another window): the
        list was stale, so it is read again; nothing for the person to act on."""
        from newsdesk.errors import NotFoundError, UserError

        if isinstance(exc, NotFoundError):
            self.refresh()
        elif isinstance(exc, UserError):
            self.ui_ctx.prompts.error("History", str(exc))
        else:
            raise exc

    def _show_diff(self, d: revisions.RevisionDiff) -> None:
        if d.old is None or [d.old.id, *([d.new.id] if d.new else [])] != self.selected_ids():
            return  # the selection changed while this was computed
        self._diff = d
        self._render()
        self.diff_shown.emit()

    def _render(self) -> None:
        d = self._diff
        if d is None or d.old is None:
            return
        after = (
            f"{KIND_LABELS.get(d.new.kind, d.new.kind).lower()} {_when(d.new)}"
            if d.new
            else "the article now"
        )
        self.heading.setText(
            f"From {KIND_LABELS.get(d.old.kind, d.old.kind).lower()} {_when(d.old)} to {after}: "
            f"{d.body_stats.describe()}"
        )
        self.view.setHtml(
            _marked_first_change(_fields_html(d) + _body_html(d, self.mode.currentText()))
        )
        # Where it changed, not the top: a change at the end of a long article was out of
        # sight, under paragraphs that are the same on both sides.
        self.view.scrollToAnchor(FIRST_CHANGE)

    def diff_text(self) -> str:
        """The diff as shown, in plain text."""
        return self.view.toPlainText()

    # -- restoring --------------------------------------------------------------------------
    def on_restore(self) -> None:
        ids = self.selected_ids()
        article = self.article_id
        if len(ids) != 1 or article is None:
            return
        info = self._revs[ids[0]]
        if not self.ui_ctx.prompts.confirm(
            "Restore revision",
            f"Bring back the article as it was at {_when(info)}? The current text is kept in "
            "the history, so you can restore it again.",
            ok="Restore",
        ):
            return
        if not self.before_restore():
            return
        rev = info.id

        def done(_result: Any) -> None:
            self.refresh()
            self.restored.emit(article)

        run_in_library(
            self.ui_ctx,
            lambda s: revisions.restore_revision(s, article, rev),
            done,
            title="History",
        )


FIRST_CHANGE = "first-change"  # the anchor before the diff's first insertion or deletion


def _marked_first_change(html: str) -> str:
    found = [i for i in (html.find("<ins "), html.find("<del ")) if i >= 0]
    if not found:
        return html
    at = min(found)
    return f'{html[:at]}<a name="{FIRST_CHANGE}"></a>{html[at:]}'


def _fields_html(d: revisions.RevisionDiff) -> str:
    if not d.fields:
        return "<p><i>Every field is the same.</i></p>"
    rows = "".join(
        f"<tr><th>{escape(c.label)}</th>"
        f"<td>{word_diff.inline_html(word_diff.diff_words(c.old, c.new)) or '—'}</td></tr>"
        for c in d.fields
    )
    return f'<table class="fields">{rows}</table><hr>'


def _body_html(d: revisions.RevisionDiff, mode: str) -> str:
    if not any(s.op != "equal" for s in d.body):
        return "<p><i>The body is the same.</i></p>"
    if mode == INLINE:
        return f"<div>{d.inline_html()}</div>"
    return d.side_by_side_html()
