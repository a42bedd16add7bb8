"""The tag manager dialog: every tag with its slug, article count and description; sort,
filter, create, rename, merge, delete with undo, a tag's articles, and bulk tagging."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)
from sqlmodel import Session

from newsdesk.services import taxonomy as tags
from newsdesk.ui.context import UiContext
from newsdesk.ui.dbwork import plural
from newsdesk.ui.icons import icon
from newsdesk.ui.library_dialog import LibraryDialog

NAME, SLUG, COUNT, DESCRIPTION = range(4)
HEADERS = ["Name", "Slug", "Articles", "Description"]
TAG_ID = Qt.ItemDataRole.UserRole + 1


class TagManagerDialog(LibraryDialog):
    """Manage tags. ``open_article(id)`` asks the main window to open an article;
    ``tags_changed`` tells it the tag list or some articles' tags changed."""

    open_article = Signal(int)
    tags_changed = Signal()
    refreshed = Signal()
    articles_shown = Signal()

    def __init__(
        self, ui_ctx: UiContext, parent: QWidget | None = None, article_ids: Sequence[int] = ()
    ) -> None:
        super().__init__(ui_ctx, parent, "Tags", (900, 560))
        self._infos: dict[str, tags.TagInfo] = {}
        self._deleted: list[list[tags.DeletedTag]] = []
        self._article_ids: list[int] = []
        self._build()
        self.set_article_selection(article_ids)
        self.refresh()

    # -- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.filter_edit = QLineEdit(placeholderText="Filter by name, slug or description")
        self.filter_edit.setClearButtonEnabled(True)
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels(HEADERS)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(NAME, 160)
        header.resizeSection(SLUG, 150)
        header.resizeSection(COUNT, 70)
        self.table.selectionModel().selectionChanged.connect(self.on_selection_changed)

        self.new_button = QPushButton("New…")
        self.rename_button = QPushButton("Rename…")
        self.slug_button = QPushButton("Slug…")
        self.describe_button = QPushButton("Description…")
        self.merge_button = QPushButton("Merge…")
        self.delete_button = QPushButton("Delete…")
        self.undo_button = QPushButton("Undo delete")
        actions: list[tuple[QPushButton, Callable[[], None]]] = [
            (self.new_button, self.on_new),
            (self.rename_button, self.on_rename),
            (self.slug_button, self.on_slug),
            (self.describe_button, self.on_describe),
            (self.merge_button, self.on_merge),
            (self.delete_button, self.on_delete),
            (self.undo_button, self.on_undo),
        ]
        bar = QHBoxLayout()
        for button, slot in actions:
            button.clicked.connect(slot)
            bar.addWidget(button)
        bar.addStretch(1)

        self.articles_label = QLabel("Choose a tag to see its articles")
        self.articles_list = QListWidget()
        self.articles_list.setWordWrap(True)
        self.articles_list.setAlternatingRowColors(True)
        self.articles_list.itemActivated.connect(self.on_article_activated)
        self.bulk_label = QLabel()
        self.add_to_button = QPushButton("Add to selected articles")
        self.remove_from_button = QPushButton("Remove from selected articles")
        self.add_to_button.clicked.connect(lambda: self.on_bulk(add=True))
        self.remove_from_button.clicked.connect(lambda: self.on_bulk(add=False))
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.articles_label, self.articles_list, self.bulk_label):
            side_layout.addWidget(widget)
        side_layout.addWidget(self.add_to_button)
        side_layout.addWidget(self.remove_from_button)

        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([620, 340])

        self.status = QLabel()
        self.status.setObjectName("status")
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.filter_edit)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self._update_buttons()

    # -- reading the view -------------------------------------------------------------------
    def selected_names(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows(NAME)
        return [self.proxy.data(index) for index in sorted(rows, key=lambda i: i.row())]

    def tag_names(self) -> list[str]:
        """Names in the table as shown (sorted and filtered)."""
        return [self.proxy.data(self.proxy.index(r, NAME)) for r in range(self.proxy.rowCount())]

    def row_of(self, name: str) -> int:
        return self.tag_names().index(name)

    def set_article_selection(self, article_ids: Sequence[int]) -> None:
        """The articles that "Add to/Remove from selected articles" act on."""
        self._article_ids = list(article_ids)
        self.bulk_label.setText(
            f"{plural(len(self._article_ids), 'article')} selected in the library"
            if self._article_ids
            else "Select articles in the library to tag several at once"
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        n = len(self.selected_names()) if hasattr(self, "table") else 0
        self.rename_button.setEnabled(n == 1)
        self.slug_button.setEnabled(n == 1)
        self.describe_button.setEnabled(n == 1)
        self.merge_button.setEnabled(n >= 2)
        self.delete_button.setEnabled(n >= 1)
        self.undo_button.setEnabled(bool(self._deleted))
        bulk = n >= 1 and bool(self._article_ids)
        self.add_to_button.setEnabled(bulk)
        self.remove_from_button.setEnabled(bulk)

    # -- loading ----------------------------------------------------------------------------
    def refresh(self, keep: Sequence[str] | None = None) -> None:
        wanted = list(keep) if keep is not None else self.selected_names()
        self.in_library(tags.list_tag_infos, lambda infos: self._fill(infos, wanted))

    def _fill(self, infos: list[tags.TagInfo], select: Sequence[str]) -> None:
        self._infos = {i.name: i for i in infos}
        self.table.setSortingEnabled(False)
        self.model.removeRows(0, self.model.rowCount())
        for info in infos:
            self.model.appendRow(_row(info))
        self.table.setSortingEnabled(True)
        self._select(select)
        self.refreshed.emit()

    def _select(self, names: Sequence[str]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        shown = self.tag_names()
        flags = (
            selection.SelectionFlag.Select | selection.SelectionFlag.Rows  # type: ignore[attr-defined]
        )
        for name in names:
            if name in shown:
                selection.select(self.proxy.index(shown.index(name), NAME), flags)
        self._update_buttons()

    def on_selection_changed(self, *_args: Any) -> None:
        self._update_buttons()
        names = self.selected_names()
        if not names:
            self.articles_list.clear()
            self.articles_label.setText("Choose a tag to see its articles")
            return

        def articles(s: Any) -> list[tags.ArticleSummary]:
            # A tag may be gone by the time this runs (deleted, merged): then it has none.
            # Several tags (before a merge or a delete): every article any of them is on, once.
            found: dict[int, tags.ArticleSummary] = {}
            for name in names:
                for row in tags.tag_articles(s, name) if tags.find_tag(s, name) else []:
                    found.setdefault(row.id, row)
            return list(found.values())

        self.in_library(articles, lambda rows: self._show_articles(names, rows))

    def _show_articles(self, names: list[str], rows: list[tags.ArticleSummary]) -> None:
        if self.selected_names() != names:
            return  # the person moved on meanwhile
        if len(names) == 1:
            self.articles_label.setText(f"{plural(len(rows), 'article')} tagged “{names[0]}”")
        else:  # it said "2 tags" over an empty list
            self.articles_label.setText(
                f"{plural(len(rows), 'article')} tagged with any of {plural(len(names), 'tag')}"
            )
        self.articles_list.clear()
        for row in rows:
            item = QListWidgetItem(f"{row.headline or 'Untitled'}  ·  {row.status}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            item.setToolTip(f"{row.section or 'No section'} · open with a double click")
            self.articles_list.addItem(item)
        self.articles_shown.emit()

    def on_article_activated(self, item: QListWidgetItem) -> None:
        self.open_article.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    # -- changing ---------------------------------------------------------------------------
    def _change(
        self,
        work: Callable[[Session], Any],
        message: Callable[[Any], str],
        keep: Callable[[Any], Sequence[str]],
    ) -> None:
        def done(result: Any) -> None:
            self.status.setText(message(result))
            self.tags_changed.emit()
            self.refresh(keep(result))

        self.in_library(work, done)

    def on_new(self) -> None:
        name = self.ui_ctx.prompts.ask_text("New tag", "Name of the new tag:")
        if not name or not name.strip():
            return
        self._change(
            lambda s: tags.add_tag(s, name),
            lambda info: f"Added “{info.name}”",
            lambda info: [info.name],
        )

    def on_rename(self) -> None:
        (name,) = self.selected_names()
        info = self._infos[name]
        follows = "" if info.slug_locked else " (its slug follows)"
        new = self.ui_ctx.prompts.ask_text(
            "Rename tag", f"New name for “{name}”{follows}:", default=name
        )
        if not new or new.strip() == name:
            return
        self._change(
            lambda s: tags.rename_tag(s, name, new),
            lambda i: f"Renamed “{name}” to “{i.name}” on {plural(i.articles, 'article')}",
            lambda i: [i.name],
        )

    def on_slug(self) -> None:
        self._edit_detail(
            "slug",
            "Tag slug",
            "Slug for “{}” (leave empty to follow the name):",
            lambda i: f"“{i.name}” is at /tags/{i.slug}/",
        )

    def on_describe(self) -> None:
        self._edit_detail(
            "description",
            "Tag description",
            "Description of “{}”:",
            lambda i: f"Described “{i.name}”",
        )

    def _edit_detail(
        self, detail: str, title: str, label: str, told: Callable[[tags.TagInfo], str]
    ) -> None:
        """Ask for a new slug or description of the selected tag, then set it."""
        (name,) = self.selected_names()
        value = self.ui_ctx.prompts.ask_text(
            title, label.format(name), default=getattr(self._infos[name], detail)
        )
        if value is None:
            return
        self._change(
            lambda s: tags.set_tag_details(s, name, **{detail: value}), told, lambda i: [i.name]
        )

    def on_merge(self) -> None:
        names = self.selected_names()
        by_use = sorted(names, key=lambda n: -self._infos[n].articles)
        target = self.ui_ctx.prompts.choose(
            "Merge tags", f"Merge {plural(len(names), 'tag')} into:", by_use
        )
        if not target:
            return
        sources = [n for n in names if n != target]
        self._change(
            lambda s: tags.merge_tags(s, sources, target),
            lambda r: (
                f"Merged {', '.join(r.merged)} into “{r.target.name}” "
                f"({plural(r.target.articles, 'article')})"
            ),
            lambda r: [r.target.name],
        )

    def on_delete(self) -> None:
        names = self.selected_names()
        affected = sum(self._infos[n].articles for n in names)
        what = f"“{names[0]}”" if len(names) == 1 else plural(len(names), "tag")
        if not self.ui_ctx.prompts.confirm(
            "Delete tags",
            f"Delete {what}? It is taken off {plural(affected, 'article')}. "
            "You can undo this while the tag manager is open.",
            ok="Delete",
            destructive=True,
        ):
            return

        def work(s: Session) -> list[tags.DeletedTag]:
            return [tags.delete_tag(s, n) for n in names]

        def done(gone: list[tags.DeletedTag]) -> None:
            self._deleted.append(gone)
            total = sum(g.articles for g in gone)
            self.status.setText(f"Deleted {what} from {plural(total, 'article')}")
            self.tags_changed.emit()
            self.refresh([])

        self.in_library(work, done)

    def on_undo(self) -> None:
        if not self._deleted:
            return
        gone = self._deleted.pop()

        def work(s: Session) -> list[tags.TagInfo]:
            return [tags.restore_tag(s, g) for g in gone]

        self._change(
            work,
            lambda infos: f"Restored {', '.join(i.name for i in infos)}",
            lambda infos: [i.name for i in infos],
        )

    def on_bulk(self, *, add: bool) -> None:
        names, ids = self.selected_names(), list(self._article_ids)
        self._change(
            lambda s: tags.bulk_tag(s, ids, add=names if add else (), remove=() if add else names),
            lambda changed: (
                f"{'Added to' if add else 'Removed from'} {plural(len(changed), 'article')}"
            ),
            lambda _changed: names,
        )


def _row(info: tags.TagInfo) -> list[QStandardItem]:
    name = QStandardItem(info.name)
    name.setData(info.id, TAG_ID)
    slug = QStandardItem(info.slug)
    if info.slug_locked:
        slug.setIcon(icon("fa5s.lock", color="#666"))
    slug.setToolTip(
        "Set by hand: renames leave it alone" if info.slug_locked else "Follows the name"
    )
    count = QStandardItem()
    count.setData(info.articles, Qt.ItemDataRole.DisplayRole)  # an int, so it sorts as a number
    count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return [name, slug, count, QStandardItem(info.description)]
