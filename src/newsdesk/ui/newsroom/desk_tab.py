"""Preferences → You: the desk identity (name, optional email) every revision, stage change,
note, correction and publish records (core.desk)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QWidget

from newsdesk.core.preferences import Preferences
from newsdesk.services.identity import check_desk


class DeskTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit(placeholderText="e.g. Priya Raman")
        self.name.setObjectName("desk_name")
        self.name.setAccessibleName("Your name")
        self.email = QLineEdit(placeholderText="optional")
        self.email.setObjectName("desk_email")
        self.email.setAccessibleName("Your email")
        form = QFormLayout(self)
        form.addRow("Your &name:", self.name)
        form.addRow("&Email:", self.email)
        note = QLabel(
            "The newsroom sees this name on your saves, stage changes, notes, corrections "
            "and publishes, and beside a story you have open."
        )
        note.setWordWrap(True)
        form.addRow("", note)

    def show_preferences(self, prefs: Preferences) -> None:
        self.name.setText(prefs.desk_name)
        self.email.setText(prefs.desk_email)

    def values(self) -> dict[str, Any]:
        desk = check_desk(self.name.text(), self.email.text())  # UserError: shown, not saved
        return {"desk_name": desk.name, "desk_email": desk.email}
