"""The targets dialog's "Learn site look…" button: asks for a post's address (or takes the
newest post), learns the look off the GUI thread, then offers to correct its parts."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QWidget

from newsdesk.errors import UserError

if TYPE_CHECKING:
    from newsdesk.services.looks import LookInfo
    from newsdesk.ui.context import UiContext


class LearnLookButton(QPushButton):
    """Learns the look of the target ``current_target()`` names; ``report`` shows progress."""

    def __init__(
        self,
        ui_ctx: UiContext,
        current_target: Callable[[], str | None],
        report: Callable[[str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Learn site look…", parent)
        self.setObjectName("learn_site_look")
        self.setToolTip(
            "Copy the look of one published post of this site into the library, so the "
            "preview and HTML export can show articles as its readers will see them, offline. "
            "Nothing is published."
        )
        self.ui_ctx, self.current_target, self.report = ui_ctx, current_target, report
        self.learned: LookInfo | None = None
        self.clicked.connect(self.on_learn)

    def on_learn(self) -> None:
        name = self.current_target()
        if not name:
            self.ui_ctx.prompts.error("Learn site look", "Choose a target in the list first.")
            return
        url = self.ui_ctx.prompts.ask_text(
            "Learn site look",
            f"Address of a published post of {name}\n(leave empty for the newest post):",
        )
        if url is None:
            return
        from newsdesk.services.looks import learn_look

        services = self.ui_ctx.services
        self.setEnabled(False)
        self.report(f"Learning the look of {name}: fetching the page, its styles and fonts…")
        self.ui_ctx.tasks.run(
            lambda: learn_look(services.session, name, url.strip() or None),
            self.on_learned,
            self.on_failed,
            owner=self,
        )

    def on_learned(self, info: LookInfo) -> None:
        self.setEnabled(True)
        self.learned = info
        found = ", ".join(p for p in info.parts) or "nothing"
        self.report(
            f"Learned the look of {info.name} ({info.platform}) from {info.source_url}: "
            f"{info.files} files kept; found {found}. Choose it in the preview's Look menu."
        )
        from newsdesk.ui.looks.parts_dialog import LookPartsDialog

        LookPartsDialog(self.ui_ctx, info.name, self.window()).open()

    def on_failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc
        self.report(f"Could not learn the look: {exc}")
        self.ui_ctx.prompts.error("Learn site look", str(exc))
