"""Correcting a learned look's parts: for each part (headline, standfirst, byline, date,
featured image, body) the elements that could be it, with what each shows; the chosen
selector is kept with the snapshot (and used again when the look is learned anew)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.errors import UserError
from newsdesk.services.looks import PART_LABELS, PARTS
from newsdesk.ui.dbwork import run_in_library

if TYPE_CHECKING:
    from newsdesk.services.looks import Candidate
    from newsdesk.ui.context import UiContext


class LookPartsDialog(QDialog):
    def __init__(self, ui_ctx: UiContext, look: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx, self.look = ui_ctx, look
        self.setObjectName("look_parts_dialog")
        self.setWindowTitle(f"Parts of the look {look}")
        self.part = QComboBox()
        self.part.setAccessibleName("Part")
        for part in PARTS:
            self.part.addItem(PART_LABELS[part], part)
        self.candidates = QListWidget()
        self.candidates.setAccessibleName("Elements that could be this part")
        self.selector = QLineEdit()
        self.selector.setAccessibleName("CSS selector")
        self.selector.setPlaceholderText("or type a CSS selector")
        self.use_button = QPushButton("Use for this part")
        self.status = QLabel()
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Part", self.part)
        form.addRow("Selector", self.selector)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "newsdesk found these parts by the platform's conventions or by the page's "
            "structure. Pick another element where it guessed wrong; each line shows what "
            "that element holds on the learned page."
        ))  # fmt: skip
        layout.addLayout(form)
        layout.addWidget(self.candidates, 1)
        layout.addWidget(self.use_button)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.part.currentIndexChanged.connect(self.refresh)
        self.candidates.currentItemChanged.connect(self.on_candidate)
        self.use_button.clicked.connect(self.on_use)
        self.resize(640, 460)
        self.refresh()

    def current_part(self) -> str:
        return str(self.part.currentData())

    def refresh(self) -> None:
        from newsdesk.services.looks import part_candidates

        part, look = self.current_part(), self.look
        self.candidates.clear()
        self.status.setText("Reading the learned page…")
        run_in_library(self.ui_ctx, lambda session: part_candidates(session, look, part),
                       lambda found: self._show(part, found), on_error=self._failed,
                       owner=self)  # fmt: skip

    def _show(self, part: str, found: list[Candidate]) -> None:
        if part != self.current_part():
            return
        self.candidates.clear()
        for c in found:
            item = QListWidgetItem(
                f"{'✓ ' if c.chosen else ''}{c.preview or '(empty)'}\n    {c.selector}"
            )
            item.setData(Qt.ItemDataRole.UserRole, c.selector)
            item.setToolTip(c.selector)
            self.candidates.addItem(item)
            if c.chosen:
                self.candidates.setCurrentItem(item)
        chosen = next((c for c in found if c.chosen), None)
        self.status.setText(f"In use: {chosen.selector}" if chosen else "Not found on the page")

    def on_candidate(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.selector.setText(str(item.data(Qt.ItemDataRole.UserRole)))

    def on_use(self) -> None:
        from newsdesk.services.looks import set_part

        selector, part = self.selector.text().strip(), self.current_part()
        if not selector:
            return
        look = self.look

        def done(_result: object) -> None:
            self.status.setText(f"{PART_LABELS[part]} is now {selector}")
            self.refresh()

        run_in_library(self.ui_ctx, lambda session: set_part(session, look, part, selector),
                       done, title="Look parts", owner=self)  # fmt: skip

    def _failed(self, exc: BaseException) -> None:
        if not isinstance(exc, UserError):
            raise exc
        self.status.setText(str(exc))
