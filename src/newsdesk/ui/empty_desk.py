"""What the editor's place shows while no article is open (the first start, after the open
article went to the Trash): what to do next, not a greyed-out empty editor. On a laptop's
Edit layout the library is hidden, and an empty editor gave no clue where the articles are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from newsdesk.ui.icons import icon

if TYPE_CHECKING:
    from newsdesk.ui.mainwindow import MainWindow


class EmptyDesk(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.setObjectName("emptyDesk")
        title = QLabel("No article is open")
        title.setObjectName("emptyDeskTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        title.setFont(font)
        hint = QLabel("Write a new article, or open one from the library.", wordWrap=True)
        self.new_button = QPushButton(icon("fa5s.file-medical"), "New article")
        self.new_button.setObjectName("emptyDeskNew")
        self.new_button.clicked.connect(lambda: self.w.acts.act_new.trigger())
        self.library_button = QPushButton(icon("fa5s.columns"), "Open the library")
        self.library_button.setObjectName("emptyDeskLibrary")
        self.library_button.clicked.connect(self.show_library)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.library_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        for label in (title, hint):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(label)
        layout.addSpacing(12)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def showEvent(self, event: object) -> None:  # type: ignore[override]
        # The keys as they are now (Preferences → Shortcuts may have changed them).
        acts = getattr(self.w, "acts", None)
        if acts is not None:
            self.new_button.setToolTip(_with_keys("New article", acts.act_new))
            self.library_button.setToolTip(
                _with_keys("Show the library and open its first article", acts.act_toggle_library)
            )
        super().showEvent(event)  # type: ignore[arg-type]

    def show_library(self) -> None:
        """The library pane shown (it is hidden on a laptop's Edit layout), its list given the
        keyboard and its first article opened: Up and Down go through the rest."""
        toggle = self.w.acts.act_toggle_library
        if not toggle.isChecked():
            toggle.trigger()
        table = self.w.library.table
        table.setFocus()
        if self.w.library.model.rowCount() and not table.selectionModel().hasSelection():
            table.selectRow(0)


def make_desk(window: MainWindow, column: QVBoxLayout) -> tuple[QStackedWidget, EmptyDesk]:
    """The editor's place in ``column``: the window's editor, or the empty desk while no
    article is open (``ArticleFlow.show_nothing_open``)."""
    desk = QStackedWidget()
    empty = EmptyDesk(window)
    desk.addWidget(window.editor)
    desk.addWidget(empty)
    column.addWidget(desk, 1)
    return desk, empty


def _with_keys(text: str, action: QAction) -> str:
    keys = action.shortcut().toString()
    return f"{text} ({keys})" if keys else text
