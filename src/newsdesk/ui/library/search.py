"""Full-text search results: a list of hits, each painted with its matched words highlighted."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from newsdesk.domain.status import status_label
from newsdesk.services.searching import SNIPPET_CLOSE, SNIPPET_OPEN, SearchHit
from newsdesk.ui.library.model import ID_ROLE

HTML_ROLE = Qt.ItemDataRole.UserRole + 2
_Index = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root: the default parent


def hit_html(hit: SearchHit, highlight: str) -> str:
    snippet = html.escape(hit.snippet)
    snippet = snippet.replace(SNIPPET_OPEN, f"<b style='background:{highlight}'>")
    snippet = snippet.replace(SNIPPET_CLOSE, "</b>")
    meta = " · ".join(x for x in (hit.section or "", status_label(hit.status)) if x)
    return (
        f"<div><b>{html.escape(hit.headline or 'Untitled')}</b> "
        f"<span style='color:gray'>{html.escape(meta)}</span></div><div>{snippet}</div>"
    )


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.hits = hits
        self.endResetModel()

    def rowCount(self, parent: _Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.snippet_marked("", "")
        if role == HTML_ROLE:
            return hit
        if role == ID_ROLE:
            return hit.id
        return None


class HitDelegate(QStyledItemDelegate):
    """Paints a hit as rich text (headline, section, snippet with the matches marked)."""

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        hit: SearchHit = index.data(HTML_ROLE)
        highlight = option.palette.color(QPalette.ColorRole.Highlight).lighter(160).name()
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(hit_html(hit, highlight))
        doc.setTextWidth(max(option.rect.width(), 200))
        return doc

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        doc = self._document(option, index)
        painter.save()
        painter.translate(option.rect.topLeft())
        context = QAbstractTextDocumentLayout.PaintContext()
        role = (
            QPalette.ColorRole.HighlightedText
            if option.state & QStyle.StateFlag.State_Selected
            else QPalette.ColorRole.Text
        )
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        doc.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 4)
