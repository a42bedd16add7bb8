"""A table model over the library that loads pages of rows on a worker as the view scrolls.

Opening a library of any size costs one page query; ``canFetchMore``/``fetchMore`` bring in the
next page (keyset paging) when the view needs it. Rows of a stale query are dropped.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from newsdesk.domain.headlines import shown_headline
from newsdesk.domain.listing import PAGE_SIZE, LibraryFilter, LibraryRow
from newsdesk.domain.stages import countdown, stage_label
from newsdesk.domain.status import status_label
from newsdesk.errors import UserError
from newsdesk.ui.trace import mark

if TYPE_CHECKING:
    from newsdesk.domain.record import ArticleRecord
    from newsdesk.ui.context import UiContext

COLUMNS = [
    ("headline", "Headline"),
    ("section", "Section"),
    ("status", "Status"),
    ("updated", "Updated"),
    ("words", "Words"),
    ("stage", "Stage"),
    ("deadline", "Deadline"),
]
ID_ROLE = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: the default parent


class LibraryModel(QAbstractTableModel):
    loaded = Signal()  # a page arrived (tests and the status line wait for it)
    total_changed = Signal(int)
    failed = Signal(str)  # a page could not be read

    def __init__(self, ui_ctx: UiContext, parent: Any = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.filter = LibraryFilter()
        self.sort_name, self.descending = "updated", True
        self.aside: set[str] = set()  # columns the table has no room for (``set_aside``)
        self.rows: list[LibraryRow] = []
        self.total = 0
        self._generation = 0
        self._loading = False
        self._exhausted = True

    # -- Qt model interface -------------------------------------------------------------------

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][1]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        name = COLUMNS[index.column()][0]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, name)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole and name == "headline":
            return self._headline_tip(row)
        if role == Qt.ItemDataRole.ToolTipRole and name == "updated":
            by = f" by {row.updated_by}" if row.updated_by else ""
            return f"Updated {row.updated_at.astimezone():%A %d %B %Y, %H:%M}{by}"
        if role == Qt.ItemDataRole.TextAlignmentRole and name == "words":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def set_aside(self, names: set[str]) -> None:
        """The columns the table has no room to show (``columns.ColumnFitter``)."""
        self.aside = names

    def _headline_tip(self, row: LibraryRow) -> str:
        """The headline whole, when its embargo ends, and what the columns set aside hold."""
        lines = [row.headline]
        if row.embargo_at:
            lines.append(f"Embargoed until {row.embargo_at.astimezone():%d %B %Y, %H:%M}")
        held = [
            f"{label}: {shown}"
            for name, label in COLUMNS
            if name in self.aside and (shown := self._display(row, name))
        ]
        if held:
            lines.append(" · ".join(held))
        return "\n".join(lines)

    @staticmethod
    def _display(row: LibraryRow, name: str) -> str:
        if name == "headline":
            if row.embargo_at and row.embargo_at > datetime.now().astimezone():
                return f"⏸ Embargoed · {shown_headline(row.headline)}"  # the tooltip: until when
            return shown_headline(row.headline)
        if name == "section":
            return row.section
        if name == "status":
            return status_label(row.status)
        if name == "updated":
            when = short_date(row.updated_at.astimezone(), datetime.now().astimezone())
            return f"{row.updated_by}, {when}" if row.updated_by else when
        if name == "stage":
            return stage_label(row.stage)
        if name == "deadline":
            return countdown(row.deadline_at)
        if name == "words" and row.word_budget:
            return f"{row.word_count:,}/{row.word_budget:,}"
        return f"{row.word_count:,}"

    def canFetchMore(self, parent: _Index = _ROOT) -> bool:
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: _Index = _ROOT) -> None:
        if self.canFetchMore(parent):
            self._load_page()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_name = COLUMNS[column][0]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # -- loading ------------------------------------------------------------------------------

    def set_filter(self, flt: LibraryFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        """Start again from the first page (after a filter, sort or bulk change)."""
        self._generation += 1
        self.beginResetModel()
        self.rows = []
        self._exhausted, self._loading = False, False
        self.endResetModel()
        self._load_page(with_count=True)

    def _load_page(self, with_count: bool = False) -> None:
        generation, flt = self._generation, self.filter
        sort, descending = self.sort_name, self.descending
        after = self.rows[-1] if self.rows else None
        if not self.ui_ctx.is_open:  # the window is still opening its library: start() loads
            self._exhausted = True
            return
        ctx = self.ui_ctx.services
        self._loading = True

        def query() -> tuple[list[LibraryRow], int | None]:
            from newsdesk.services.editing import storage_errors
            from newsdesk.services.listing import count_articles, list_page

            mark("library page: query")
            with storage_errors(), ctx.session() as session:
                rows = list_page(session, flt, sort=sort, descending=descending, after=after)
                total = count_articles(session, flt) if with_count else None
            mark("library page: queried")
            return rows, total

        self.ui_ctx.tasks.run(
            query, lambda result: self._on_page(generation, *result), self._on_failed
        )

    def _on_failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self._loading = False
        self._exhausted = True  # a later reload() tries again
        self.failed.emit(str(exc))

    def _on_page(self, generation: int, rows: list[LibraryRow], total: int | None) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self._exhausted = len(rows) < PAGE_SIZE
        if rows:
            start = len(self.rows)
            self.beginInsertRows(QModelIndex(), start, start + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        if total is not None:
            self.total = total
            self.total_changed.emit(total)
        mark("library page: listed")
        self.loaded.emit()

    # -- single-row updates -------------------------------------------------------------------

    def row_of(self, article_id: int) -> int | None:
        for number, row in enumerate(self.rows):
            if row.id == article_id:
                return number
        return None

    def update_record(self, rec: ArticleRecord) -> None:
        """Show a saved article's new headline, words, … in place (no reload while typing)."""
        number = self.row_of(rec.id) if rec.id is not None else None
        if number is None or rec.id is None or rec.updated_at is None:
            return
        self.rows[number] = LibraryRow(
            rec.id, rec.headline, rec.section or "", rec.status, rec.updated_at, rec.word_count
        )
        self.dataChanged.emit(self.index(number, 0), self.index(number, len(COLUMNS) - 1))


def short_date(when: datetime, now: datetime) -> str:
    """A date that fits a narrow column, as mail clients show it: the time for today and
    yesterday, the day for this year, the year only when it is another one."""
    day = when.date()
    if day == now.date():
        return f"Today {when:%H:%M}"
    if day == now.date() - timedelta(days=1):
        return f"Yesterday {when:%H:%M}"
    if day.year == now.year:
        return f"{when:%d %b}"
    return f"{when:%d %b %Y}"
