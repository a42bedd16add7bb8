"""Read-only tables of whole rows (the Trash, the Outbox): a header, rows chosen whole, no row
numbers, one column taking the room left and others fitted to what they hold."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


def row_table(
    columns: Sequence[str],
    parent: QWidget | None = None,
    *,
    stretch: int,
    fitted: Iterable[int] = (),
) -> QTableWidget:
    """``stretch``: the column that takes the room left; ``fitted``: columns as wide as their
    contents (the rest keep the width they are given, and the person can drag them)."""
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(list(columns))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    for column in fitted:
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def cell(
    text: str, *, tip: bool = False, data: Any = None, right: bool = False
) -> QTableWidgetItem:
    """One cell: ``tip`` shows its whole text as a tooltip (a long one may be cut short),
    ``data`` is kept under the user role, ``right`` aligns a number."""
    item = QTableWidgetItem(text)
    if tip:
        item.setToolTip(text)
    if data is not None:
        item.setData(Qt.ItemDataRole.UserRole, data)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item
