"""Target settings: the list of targets, adding and removing one, connecting a WordPress site
through its approval page, and the connection doctor."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
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

from newsdesk.domain.report import DoctorReport
from newsdesk.errors import UserError
from newsdesk.services import publishing
from newsdesk.services.publishing import (
    ADDRESS_HINTS,
    KIND_LABELS,
    KINDS,
    SECRET_LABELS,
    AuthorizeCancelled,
    TargetConfig,
)
from newsdesk.ui.context import UiContext
from newsdesk.ui.dbwork import run_in_library


def _system_browser(url: str) -> None:
    QDesktopServices.openUrl(QUrl(url))


class TargetSettings(QWidget):
    # Carries the approval page's address from the worker to the GUI thread (queued).
    browser_requested = Signal(str)

    def __init__(
        self,
        ui_ctx: UiContext,
        parent: QWidget | None = None,
        *,
        open_browser: Callable[[str], None] = _system_browser,
    ) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.open_browser = open_browser
        self._waiting: threading.Event | None = None  # set = stop waiting for the approval
        self.list = QListWidget()
        self.name = QLineEdit()
        self.kind = QComboBox()
        for key in KINDS:
            self.kind.addItem(KIND_LABELS[key], key)
        self.url = QLineEdit()
        self.user = QLineEdit()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.add_button = QPushButton("Add target")
        self.connect_button = QPushButton("Connect with WordPress…")
        self.connect_button.setToolTip(
            "Approve newsdesk on the WordPress site in your browser; no password to copy"
        )
        self.test_button = QPushButton("Test connection")
        self.remove_button = QPushButton("Remove")
        self.secret_button = QPushButton("Store new secret")
        self.secret_button.setToolTip(
            "Replace the chosen target's secret with the one typed in Secret (a rotated "
            "application password, a new token)"
        )
        self.report = QLabel()
        self.report.setWordWrap(True)
        self.report.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.report.setOpenExternalLinks(True)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Kind", self.kind)
        form.addRow("Address", self.url)
        form.addRow("User", self.user)
        form.addRow("Secret", self.secret)
        form.addRow("", self.connect_button)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.test_button, self.secret_button, self.remove_button):
            buttons.addWidget(b)
        from newsdesk.ui.looks.learn import LearnLookButton  # site looks (newsdesk.looks)

        self.look_button = LearnLookButton(ui_ctx, self.current_name, self.report.setText, self)
        buttons.addWidget(self.look_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addLayout(form)
        layout.addWidget(self.report)
        self.add_button.clicked.connect(self.on_add)
        self.connect_button.clicked.connect(self.on_connect)
        self.browser_requested.connect(self.on_browser_requested)
        self.test_button.clicked.connect(self.on_test)
        self.remove_button.clicked.connect(self.on_remove)
        self.secret_button.clicked.connect(self.on_store_secret)
        self.kind.currentIndexChanged.connect(lambda _i: self.on_kind_changed(self.kind_key()))
        self.on_kind_changed(self.kind_key())
        self.refresh()

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the targets on a worker (``then`` runs once they are listed)."""

        def show(names: list[str]) -> None:
            self.list.clear()
            self.list.addItems(names)
            if not names and not self.report.text():
                self.report.setText(
                    "No publishing targets yet: fill in the form and press Add target."
                )
            if then is not None:
                then()

        run_in_library(self.ui_ctx, lambda s: [t.name for t in publishing.list_targets(s)],
                       show, title="Publishing targets", owner=self)  # fmt: skip

    def kind_key(self) -> str:
        """The chosen kind as targets store it (``wordpress``), not as it is shown."""
        return str(self.kind.currentData())

    def on_kind_changed(self, kind: str) -> None:
        self.url.setPlaceholderText(ADDRESS_HINTS.get(kind, ""))
        label = SECRET_LABELS.get(kind, "")
        self.secret.setEnabled(bool(label))
        self.secret.setPlaceholderText(label.capitalize() if label else "not needed")
        self.user.setEnabled(kind == "wordpress")
        self.connect_button.setEnabled(kind == "wordpress" or self._waiting is not None)

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item else None

    def on_add(self) -> None:
        args = (self.name.text(), self.kind_key(), self.url.text(), self.user.text(),
                self.secret.text() or None)  # fmt: skip
        self.secret.clear()  # the secret lives in the keyring only

        def added(config: TargetConfig) -> None:
            # Chosen in the list, so that Test connection (the next step) checks it.
            self.report.setText(f"Added {config.name}; Test connection checks it.")
            self.refresh(lambda: self._choose(config.name))

        run_in_library(self.ui_ctx, lambda s: publishing.add_target(s, *args), added,
                       title="Add target", owner=self)  # fmt: skip

    def _choose(self, name: str) -> None:
        matches = self.list.findItems(name, Qt.MatchFlag.MatchExactly)
        if matches:
            self.list.setCurrentItem(matches[0])

    def on_connect(self) -> None:
        """Start the approval flow; pressed again while waiting, it stops waiting."""
        if self._waiting is not None:
            self._waiting.set()
            return
        name, url = self.name.text(), self.url.text()
        self._waiting = threading.Event()
        cancel = self._waiting
        self.connect_button.setText("Stop waiting")
        self.add_button.setEnabled(False)
        self.report.setText(f"Opening {url.strip()} to ask for access…")
        self.ui_ctx.tasks.run(
            lambda: publishing.add_wordpress_target_authorized(
                self.ui_ctx.services, name, url, self.browser_requested.emit, cancel=cancel
            ),
            self.on_connected,
            self.on_connect_failed,
        )

    def on_browser_requested(self, url: str) -> None:
        self.report.setText(
            "Waiting for your approval in the browser: log in to WordPress and choose "
            "“Yes, I approve of this connection”. If no browser opened, "
            f'<a href="{url.replace("&", "&amp;")}">open the approval page</a>.'
        )
        self.open_browser(url)

    def _connect_ended(self) -> None:
        self._waiting = None
        self.connect_button.setText("Connect with WordPress…")
        self.add_button.setEnabled(True)
        self.on_kind_changed(self.kind_key())

    def on_connected(self, config: TargetConfig) -> None:
        self._connect_ended()
        self.report.setText(f"Connected {config.name} as {config.username}; ready to test.")

        self.refresh(lambda: self._choose(config.name))

    def on_connect_failed(self, exc: BaseException) -> None:
        self._connect_ended()
        if not isinstance(exc, UserError):
            raise exc
        if isinstance(exc, AuthorizeCancelled):  # the person asked for it: no error box
            self.report.setText(str(exc))
            return
        self.report.setText("Not connected.")
        self.ui_ctx.prompts.error("Connect with WordPress", str(exc))

    def on_store_secret(self) -> None:
        name = self.current_name()
        if not name:
            self.ui_ctx.prompts.error("Store new secret", "Choose a target in the list first.")
            return
        secret = self.secret.text()
        self.secret.clear()  # the secret lives in the keyring only
        if not secret.strip():
            self.ui_ctx.prompts.error(
                "Store new secret", "Type the new secret in the Secret field first."
            )
            return

        def store(s: Any) -> None:
            publishing.set_secret(s, name, secret)

        def stored(_none: None) -> None:
            self.report.setText(f"Stored a new secret for {name}; test the connection.")

        run_in_library(self.ui_ctx, store, stored,
                       title="Store new secret", owner=self)  # fmt: skip

    def on_remove(self) -> None:
        name = self.current_name()
        if name and self.ui_ctx.prompts.confirm(
            "Remove target", f"Remove {name} and its secret?", ok="Remove", destructive=True
        ):
            run_in_library(self.ui_ctx, lambda s: publishing.remove_target(s, name),
                           lambda _none: self.refresh(), title="Remove target", owner=self)  # fmt: skip

    def on_test(self) -> None:
        name = self.current_name()
        if not name:  # it did nothing, and said nothing
            self.report.setText("Choose a target in the list to test its connection.")
            return
        self.report.setText(f"Testing {name}…")
        self.test_button.setEnabled(False)
        ctx = self.ui_ctx.services

        def check() -> Any:
            from newsdesk.services.editing import storage_errors

            with storage_errors(), ctx.session() as s:  # as dbwork.run_in_library does
                config = publishing.get_target(s, name)
            return publishing.check_target(config)  # the network, outside the transaction

        self.ui_ctx.tasks.run(check, self.on_report, self.on_error, owner=self)

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
