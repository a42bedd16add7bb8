"""The library table's columns at the width it is given: the headline keeps room to be read,
and the other columns step aside, least needed first, when they would squeeze it (the
library beside the inspector on a laptop is under 300 px wide: seven columns there left
"Council votes t…" and a sideways scroll bar). Widened again, they come back."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView, QTableView

HEADLINE_ROOM = 26  # average characters of headline kept before another column is shown
# The columns after the headline, the most needed first: they are shown in this order as
# long as each fits whole.
PRIORITY = ("status", "section", "updated", "deadline", "stage", "words")


class ColumnFitter(QObject):
    """Shows or hides ``table``'s columns (named ``names``) as its viewport's width allows,
    and tells ``on_change`` the names of those it hid (the headline's tooltip says what they
    hold)."""

    def __init__(
        self, table: QTableView, names: list[str], on_change: Callable[[set[str]], None]
    ) -> None:
        super().__init__(table)
        self.table, self.names, self.on_change = table, names, on_change
        self.hidden: set[str] = set()
        self._widths: dict[int, int] = {}  # a column's width when it was last shown
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        table.viewport().installEventFilter(self)
        table.horizontalHeader().sectionResized.connect(self._on_resized)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._timer.start()
        return False

    def _on_resized(self, column: int, _old: int, new: int) -> None:
        if column and new > 0 and new != self._widths.get(column):
            self._widths[column] = new  # its contents changed: fit again
            self._timer.start()

    def _need(self, column: int, header: QHeaderView) -> int:
        known = self._widths.get(column)
        if known:
            return known
        text = self.table.model().headerData(column, header.orientation()) or ""
        return self.table.fontMetrics().horizontalAdvance(f"  {text}  ") + 24

    def fit(self) -> None:
        header = self.table.horizontalHeader()
        average = self.table.fontMetrics().averageCharWidth()
        room = self.table.viewport().width() - HEADLINE_ROOM * average
        hidden: set[str] = set()
        for name in PRIORITY:
            if name not in self.names:
                continue
            column = self.names.index(name)
            need = self._need(column, header)
            if need <= room:
                room -= need
            else:
                room = -1  # later columns do not jump the queue
                hidden.add(name)
            if header.isSectionHidden(column) != (name in hidden):
                header.setSectionHidden(column, name in hidden)
        if hidden != self.hidden:
            self.hidden = hidden
            self.on_change(hidden)
