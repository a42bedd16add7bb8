"""Read-only tables of whole rows (the Trash, the Outbox): a header, rows chosen whole, no row
numbers, one column taking the room left and others fitted to what they hold; and trees whose
rows wrap their text (the Newsroom's notes and corrections)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTreeView,
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


class _WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the column's width: QTreeView measures a row
    with no width at all (one line), so a word-wrapped note was cut to "…the counc…"."""

    def __init__(self, tree: QTreeView) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        size = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return size
        width = self.tree.columnWidth(index.column()) - TEXT_MARGINS
        if index.column() == 0:  # a reply sits indented under its note
            depth, parent = 0, index.parent()
            while parent.isValid():
                depth, parent = depth + 1, parent.parent()
            width -= self.tree.indentation() * (depth + int(self.tree.rootIsDecorated()))
        if width <= 0:
            return size
        flags = int(Qt.TextFlag.TextWordWrap)
        needed = option.fontMetrics.boundingRect(QRect(0, 0, width, 1 << 20), flags, text)
        return QSize(size.width(), max(size.height(), needed.height() + TEXT_MARGINS // 2))


TEXT_MARGINS = 12  # px a view's item keeps around its text


def wrap_rows(tree: QTreeView) -> None:
    """``tree``'s rows wrap their text at the columns' widths, and grow and shrink with them."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setItemDelegate(_WrappingDelegate(tree))
    tree.header().sectionResized.connect(lambda *_: tree.doItemsLayout())
