"""Target settings: the list of targets, adding and removing one, and the connection doctor."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.errors import UserError
from newsdesk.publish.base import DoctorReport
from newsdesk.publish.targets import KINDS, SECRET_LABELS
from newsdesk.services import publishing
from newsdesk.ui.context import UiContext


class TargetSettings(QWidget):
    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.list = QListWidget()
        self.name = QLineEdit()
        self.kind = QComboBox()
        self.kind.addItems(list(KINDS))
        self.url = QLineEdit()
        self.user = QLineEdit()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton("Add target")
        self.test_button = QPushButton("Test connection")
        self.remove_button = QPushButton("Remove")
        self.report = QLabel()
        self.report.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Kind", self.kind)
        form.addRow("URL or folder", self.url)
        form.addRow("User", self.user)
        form.addRow("Secret", self.secret)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.test_button, self.remove_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.report)
        self.add_button.clicked.connect(self.on_add)
        self.test_button.clicked.connect(self.on_test)
        self.remove_button.clicked.connect(self.on_remove)
        self.kind.currentTextChanged.connect(self.on_kind_changed)
        self.on_kind_changed(self.kind.currentText())
        self.refresh()

    def refresh(self) -> None:
        with self.ui_ctx.services.session() as s:
            names = [f"{t.name}" for t in publishing.list_targets(s)]
        self.list.clear()
        self.list.addItems(names)

    def on_kind_changed(self, kind: str) -> None:
        label = SECRET_LABELS.get(kind, "")
        self.secret.setEnabled(bool(label))
        self.secret.setPlaceholderText(label.capitalize() if label else "not needed")
        self.user.setEnabled(kind == "wordpress")

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item else None

    def on_add(self) -> None:
        try:
            with self.ui_ctx.services.session() as s:
                publishing.add_target(s, self.name.text(), self.kind.currentText(),
                                      self.url.text(), self.user.text(), self.secret.text() or None)  # fmt: skip
        except UserError as exc:
            self.ui_ctx.prompts.error("Add target", str(exc))
            return
        finally:
            self.secret.clear()  # the secret lives in the keyring only
        self.refresh()

    def on_remove(self) -> None:
        name = self.current_name()
        if name and self.ui_ctx.prompts.confirm(
            "Remove target", f"Remove {name} and its secret?", ok="Remove", destructive=True
        ):
            with self.ui_ctx.services.session() as s:
                publishing.remove_target(s, name)
            self.refresh()

    def on_test(self) -> None:
        name = self.current_name()
        if not name:
            return
        with self.ui_ctx.services.session() as s:
            config = publishing.get_target(s, name)
        self.report.setText(f"Testing {name}…")
        self.test_button.setEnabled(False)
        self.ui_ctx.tasks.run(
            lambda: publishing.check_target(config), self.on_report, self.on_error
        )

    def on_report(self, report: DoctorReport) -> None:
        self.test_button.setEnabled(True)
        verdict = "Ready to publish" if report.ok else "Not ready"
        self.report.setText("\n".join([*report.lines(), verdict]))

    def on_error(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        if isinstance(exc, UserError):
            self.report.setText(str(exc))
            return
        raise exc
