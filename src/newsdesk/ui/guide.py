"""Help → Writing Guide: a short guide to the desk, read from resources/help/guide.md."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget


class GuideDialog(QDialog):
    def __init__(self, resources: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Writing Guide")
        self.setObjectName("guideDialog")
        self.resize(560, 560)
        self.text = QTextBrowser()
        self.text.setOpenExternalLinks(True)
        self.text.setAccessibleName("Writing guide")
        self.text.setAccessibleDescription("A short guide to writing with newsdesk")
        try:
            guide = (resources / "help" / "guide.md").read_text(encoding="utf-8")
        except OSError as exc:
            guide = f"The guide could not be read: {exc.strerror or exc}"
        self.text.setMarkdown(guide)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
