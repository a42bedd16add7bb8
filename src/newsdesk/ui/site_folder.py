"""Where File → Export → Static Site writes: a folder typed or chosen, that need not exist
yet (the export makes it), suggested as the folder the site last went to. The system's folder
chooser alone took only a folder that exists ("Directory not found" for a new name) and began
in the program's working folder, so a first export meant making the folder by hand first."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)


class SiteFolderDialog(QDialog):
    def __init__(self, title: str, suggested: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("siteFolderDialog")
        self.path = QLineEdit(suggested)
        self.path.setObjectName("siteFolder")
        self.path.setAccessibleName("Site folder")
        self.path.setMinimumWidth(460)
        self.browse = QPushButton("&Choose…")
        self.browse.setAutoDefault(False)  # Enter in the field exports; it opened the chooser
        self.browse.clicked.connect(self.on_browse)
        label = QLabel("&Folder:")
        label.setBuddy(self.path)
        hint = QLabel(
            "A folder that does not exist yet is made. A folder the site was exported to "
            "before is brought up to date: only what changed is written.",
            wordWrap=True,
        )
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(ok | cancel)  # Enter: OK (a Cancel made first took it)
        self.export_button = self.buttons.button(ok)
        self.export_button.setText("&Export")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(
            lambda text: self.export_button.setEnabled(bool(text.strip()))
        )
        layout = QGridLayout(self)  # the label, the field and Choose… in a row; then the rest
        layout.addWidget(label, 0, 0)
        layout.addWidget(self.path, 0, 1)
        layout.addWidget(self.browse, 0, 2)
        layout.addWidget(hint, 1, 0, 1, 3)
        layout.addWidget(self.buttons, 2, 0, 1, 3)
        layout.setColumnStretch(1, 1)
        self.path.setToolTip("The folder the site is written to; it is made if it is not there")
        self.browse.setToolTip("Choose the folder with the system's folder chooser")
        self.export_button.setToolTip("Export the site into the folder")
        from newsdesk.ui.accessibility import complete_accessibility

        complete_accessibility(self)  # made outside the main window's watch
        self.path.selectAll()

    def on_browse(self) -> None:
        start = _nearest_folder(self.path.text())
        chosen = QFileDialog.getExistingDirectory(self, self.windowTitle(), start)
        if chosen:
            self.path.setText(chosen)

    def chosen(self) -> str:
        return str(Path(self.path.text().strip()).expanduser())


def _nearest_folder(text: str) -> str:
    """The folder the chooser opens in: the typed one, or the nearest that exists above it."""
    path = Path(text.strip() or str(Path.home())).expanduser()
    while not path.is_dir() and path != path.parent:
        path = path.parent
    return str(path)
