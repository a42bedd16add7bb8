"""The conflict choice, side by side: the version saved elsewhere and mine, with what differs
marked word by word, and three answers (keep mine, take theirs, keep both)."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from newsdesk.domain import diff as word_diff
from newsdesk.ui.prompts import VersionChoice


def comparison_html(theirs: dict[str, str], mine: dict[str, str]) -> str:
    """Changed fields, then the body, in two columns: theirs on the left, mine on the right."""
    rows = [
        f"<tr><th>{escape(name)}</th><td>{escape(theirs[name])}</td><td>{escape(mine[name])}</td></tr>"
        for name in theirs
        if name != "Body" and theirs[name] != mine.get(name)
    ]
    fields = f'<table class="fields">{"".join(rows)}</table><hr>' if rows else ""
    body = word_diff.side_by_side_html(
        word_diff.diff_words(theirs.get("Body", ""), mine.get("Body", "")),
        ("Saved elsewhere", "Mine, here"),
    )
    return fields + body


class ConflictDialog(QDialog):
    def __init__(self, choice: VersionChoice, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(choice.title)
        self.choice: str | None = None
        label = QLabel(choice.text, self)
        label.setWordWrap(True)
        view = QTextBrowser(self)
        view.setAccessibleName("The two versions side by side")
        view.document().setDefaultStyleSheet(word_diff.DIFF_CSS + "td{padding:2px 8px}")
        view.setHtml(comparison_html(choice.theirs, choice.mine))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        for option in choice.options:
            button = QPushButton(option, self)
            button.clicked.connect(lambda _=False, o=option: self._choose(o))
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(view, 1)
        layout.addWidget(buttons)
        from newsdesk.ui.accessibility import complete_accessibility

        complete_accessibility(self)  # made outside the main window's watch
        self.resize(820, 520)

    def _choose(self, option: str) -> None:
        self.choice = option
        self.accept()
