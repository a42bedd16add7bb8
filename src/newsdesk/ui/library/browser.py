"""The library browser widget: search box, filters, the article table and bulk changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from newsdesk.domain.listing import LibraryFilter
from newsdesk.domain.stages import DEFAULT_STAGES
from newsdesk.domain.status import STATUSES, status_label
from newsdesk.errors import UserError
from newsdesk.services.searching import SearchHit, search_library
from newsdesk.ui.library.columns import ColumnFitter
from newsdesk.ui.library.model import COLUMNS, ID_ROLE, LibraryModel
from newsdesk.ui.library.search import HitDelegate, SearchResultsModel

if TYPE_CHECKING:  # the services load with the library, after the window is shown
    from newsdesk.domain.record import ArticleRecord
    from newsdesk.ui.context import UiContext

ALL = "__all__"
NO_SECTION = ""
SEARCH_DELAY_MS = 250
HITS_SHOWN = 100  # search results listed at once, best first


def _count(total: int) -> str:
    return f"{total:,} article{'' if total == 1 else 's'}"


def _bulk_service() -> Any:
    from newsdesk.services import bulk

    return bulk


class LibraryBrowser(QWidget):
    article_activated = Signal(int)
    library_changed = Signal(list)  # ids of articles changed by a bulk action
    searched = Signal()  # search results shown (tests wait for it)
    choices_loaded = Signal(list, list)  # section names, tag names

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.model = LibraryModel(ui_ctx, self)
        self.results = SearchResultsModel(self)
        self._context_actions: list[QAction] = []
        self._quiet = False
        self._build()
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._run_search)
        self.search_box.textChanged.connect(self._search_timer.start)
        for combo in (self.status_filter, self.section_filter, self.tag_filter, self.stage_filter):
            combo.currentIndexChanged.connect(self._apply_filter)
        self.mine.toggled.connect(self._apply_filter)
        self.model.failed.connect(
            lambda message: self.count_label.setText(f"Cannot read the library: {message}")
        )
        self.model.total_changed.connect(lambda total: self.count_label.setText(_count(total)))

    def _build(self) -> None:
        self.search_box = QLineEdit(placeholderText="Search the library…", clearButtonEnabled=True)
        self.status_filter = QComboBox()
        self.status_filter.setToolTip("Show articles with this status")
        self.status_filter.addItem("All statuses", ALL)
        for status in STATUSES:
            self.status_filter.addItem(status_label(status), status)
        self.section_filter = QComboBox()
        self.section_filter.setToolTip("Show articles in this section")
        self.tag_filter = QComboBox()
        self.tag_filter.setToolTip("Show articles with this tag")
        self._fill(self.section_filter, "All sections", [], with_none="No section")
        self._fill(self.tag_filter, "All tags", [])
        self.stage_filter = QComboBox()
        self.stage_filter.setToolTip("Show articles at this editorial stage")
        self.stage_filter.setAccessibleName("Stage filter")
        self.stage_filter.addItem("All stages", ALL)
        for stage in DEFAULT_STAGES:
            self.stage_filter.addItem(stage.label, stage.name)
        self.mine = QCheckBox("My stories")
        self.mine.setToolTip("Only the stories assigned to you (your name: Preferences)")
        # Two rows: in one, the four filters and "My stories" made the pane at least 478 px
        # wide, more than a laptop's Edit layout can give it beside the inspector.
        filters = QGridLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        combos = (self.status_filter, self.section_filter, self.tag_filter, self.stage_filter)
        for n, combo in enumerate(combos):
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(6)
            filters.addWidget(combo, n // 3, n % 3)
        filters.addWidget(self.mine, 1, 1, 1, 2)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.DescendingOrder)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.columns = ColumnFitter(
            self.table, [name for name, _label in COLUMNS], self.model.set_aside
        )
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.selectionModel().selectionChanged.connect(self._on_selection)
        self.hits_view = QListView(self)
        self.hits_view.setModel(self.results)
        self.hits_view.setItemDelegate(HitDelegate(self.hits_view))
        self.hits_view.setWordWrap(True)
        self.hits_view.setUniformItemSizes(False)
        self.hits_view.activated.connect(self._open_hit)
        self.hits_view.clicked.connect(self._open_hit)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.hits_view)
        self.count_label = QLabel("", self)
        self.count_label.setWordWrap(True)  # a long query's words never widen the library
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.search_box)
        layout.addLayout(filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.count_label)

    @staticmethod
    def _fill(combo: QComboBox, everything: str, names: list[str], with_none: str = "") -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, ALL)
        if with_none:
            combo.addItem(with_none, NO_SECTION)
        for name in names:
            combo.addItem(name, name)
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # -- loading ------------------------------------------------------------------------------

    def start(self, choices: bool = True) -> None:
        """Load the first page and (unless the window asks for them later) the filter
        choices."""
        self.model.reload()
        if choices:
            self.reload_choices()

    def refresh(self) -> None:
        self.model.reload()
        self.reload_choices()
        if self.search_box.text().strip():
            self._run_search()

    def reload_choices(self) -> None:
        ctx = self.ui_ctx.services

        def load() -> tuple[list[str], list[str]]:
            from newsdesk.services.editing import in_library
            from newsdesk.services.taxonomy import section_names, tag_names

            return in_library(ctx, lambda s: (section_names(s), tag_names(s)))

        self.ui_ctx.tasks.run(load, lambda result: self._on_choices(*result), self._on_read_error)

    def _on_choices(self, sections: list[str], tags: list[str]) -> None:
        self._fill(self.section_filter, "All sections", sections, with_none="No section")
        self._fill(self.tag_filter, "All tags", tags)
        self.choices_loaded.emit(sections, tags)

    def _apply_filter(self) -> None:
        def value(combo: QComboBox) -> Any:
            data = combo.currentData()
            return None if data == ALL else data

        self.model.set_filter(
            LibraryFilter(
                status=value(self.status_filter),
                section=value(self.section_filter),
                tag=value(self.tag_filter),
                stage=value(self.stage_filter),
                assignee=self._desk() if self.mine.isChecked() else None,
            )
        )

    def _desk(self) -> str:
        return self.ui_ctx.services.desk if self.ui_ctx.is_open else ""

    # -- search -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus()
        self.search_box.selectAll()

    def _run_search(self) -> None:
        query = self.search_box.text().strip()
        if not query:
            self.stack.setCurrentWidget(self.table)
            self.count_label.setText(_count(self.model.total))
            return
        ctx = self.ui_ctx.services

        def find() -> list[SearchHit]:
            return search_library(ctx, query, limit=HITS_SHOWN + 1)  # one more: are there more?

        def show(hits: list[SearchHit]) -> None:
            if self.search_box.text().strip() != query:
                return  # the person typed on; a newer search is coming
            more = len(hits) > HITS_SHOWN
            hits = hits[:HITS_SHOWN]
            self.results.set_hits(hits)
            self.stack.setCurrentWidget(self.hits_view)
            self.count_label.setText(
                f"The {HITS_SHOWN} best matches for “{query}” (more match: add a word)"
                if more
                else f"{len(hits)} found for “{query}”"
            )
            self.searched.emit()

        self.ui_ctx.tasks.run(find, show, self._on_error)

    def _open_hit(self, index: Any) -> None:
        self.article_activated.emit(int(index.data(ID_ROLE)))

    # -- selection ----------------------------------------------------------------------------

    def _on_selection(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        ids = self.selected_ids()
        if len(ids) == 1 and not self._quiet:
            self.article_activated.emit(ids[0])

    def selected_ids(self) -> list[int]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.rows[row].id for row in rows if row < len(self.model.rows)]

    def select_article(self, article_id: int) -> None:
        """Highlight the open article (if loaded) without opening it again."""
        row = self.model.row_of(article_id)
        if row is None:
            return
        self._quiet = True
        try:
            self.table.selectRow(row)
        finally:
            self._quiet = False

    def update_record(self, rec: ArticleRecord) -> None:
        self.model.update_record(rec)

    # -- bulk changes -------------------------------------------------------------------------

    def set_context_actions(self, actions: list[QAction]) -> None:
        self._context_actions = actions

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.build_context_menu()
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def build_context_menu(self) -> QMenu:
        menu = QMenu(self)
        status_menu = menu.addMenu("Set status")
        for status in STATUSES:
            action = status_menu.addAction(status_label(status))
            action.triggered.connect(lambda _=False, s=status: self.bulk_set_status(s))
        menu.addAction("Move to section…", self.bulk_move_to_section)
        menu.addAction("Add tag…", self.bulk_add_tag)
        menu.addAction("Remove tag…", self.bulk_remove_tag)
        if self._context_actions:
            menu.addSeparator()
            for action in self._context_actions:
                menu.addAction(action)
        return menu

    def bulk_set_status(self, status: str) -> None:
        ids = self.selected_ids()
        self._bulk(ids, lambda s: _bulk_service().set_status(s, ids, status))

    def bulk_move_to_section(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        sections = [self.section_filter.itemText(i) for i in range(2, self.section_filter.count())]
        options = ["No section", *sections]
        name = self.ui_ctx.prompts.choose(
            "Move to section", f"Move {len(ids)} article(s) to:", options
        )
        if name is not None:
            section = None if name == "No section" else name
            self._bulk(ids, lambda s: _bulk_service().set_section(s, ids, section))

    def bulk_add_tag(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        text = self.ui_ctx.prompts.ask_text("Add tag", f"Tag to add to {len(ids)} article(s):")
        tags = [t.strip() for t in (text or "").split(",") if t.strip()]
        if tags:
            self._bulk(ids, lambda s: _bulk_service().add_tags(s, ids, tags))

    def bulk_remove_tag(self) -> None:
        ids = self.selected_ids()
        tags = [self.tag_filter.itemText(i) for i in range(1, self.tag_filter.count())]
        if not ids or not tags:
            return
        tag = self.ui_ctx.prompts.choose("Remove tag", f"Tag to remove from {len(ids)}:", tags)
        if tag is not None:
            self._bulk(ids, lambda s: _bulk_service().remove_tag(s, ids, tag))

    def _bulk(self, ids: list[int], change: Callable[[Any], Any]) -> None:
        if not ids:
            return
        ctx = self.ui_ctx.services

        def run() -> None:
            from newsdesk.services.editing import storage_errors

            with storage_errors(), ctx.session() as session:
                change(session)

        def done(_result: None) -> None:
            self.refresh()
            self.library_changed.emit(ids)

        self.ui_ctx.tasks.run(run, done, self._on_error)

    def _on_read_error(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.count_label.setText(f"Cannot read the library: {exc}")

    def _on_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.ui_ctx.prompts.error("Library", str(exc))
        else:
            raise exc
