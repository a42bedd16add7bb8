"""The welcome shown on first start: what newsdesk is, where the library lives, and how to
start a new one. ``run_first_start`` shows it once (a flag in the preferences)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.preferences import Preferences, preferences_path, save_preferences
from newsdesk.errors import UserError
from newsdesk.services.identity import check_desk
from newsdesk.ui.context import UiContext

LIBRARY_FILTER = "newsdesk libraries (*.newsdesk)"

ABOUT = (
    "<h2>Welcome to newsdesk</h2>"
    "<p>newsdesk is a workstation for writing news: write articles in Markdown, see them as "
    "they will be published, and export or publish them when they are ready. Everything "
    "works offline and is saved as you type.</p>"
)
LOOK_HELP = (
    "<p><b>Make the preview look like your readers' page</b>, in one of two ways:</p><ul>"
    "<li><b>Learn your site's look</b>: in <b>Article → Publishing Targets…</b>, choose your "
    "WordPress or Ghost site and press <b>Learn site look…</b> (or run <code>newsdesk target "
    "look NAME</code>). newsdesk copies one published post's page with its styles and fonts "
    "into the library, without scripts, and shows your article inside it: pick it in the "
    "preview's <b>Look</b> menu. It works offline, and nothing is published.</li>"
    "<li><b>Make a theme of your own</b>: <code>newsdesk theme new NAME</code> copies the "
    "built-in theme into a folder you edit (templates and CSS); the preview reloads when you "
    "save, and <code>newsdesk theme check</code> lists what is broken.</li></ul>"
)
NEW_LIBRARY_HELP = (
    "<p>This library holds a few sample articles to look around in. To start afresh, create "
    "a new empty library below, or later with <b>File → New library…</b>; from the command "
    "line, <code>newsdesk --db PATH</code> opens (or creates) any library file.</p>"
)


class WelcomeDialog(QDialog):
    """``new_library`` is set to the path chosen with "Create a new empty library…"."""

    def __init__(self, ui_ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui_ctx = ui_ctx
        self.new_library: Path | None = None
        self.start_writing = False  # "Start writing" pressed: a new article is wanted
        # QDesktopServices opens the system file manager; tests replace this
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl
        self.setWindowTitle("Welcome to newsdesk")
        self.setObjectName("welcome_dialog")
        library = ui_ctx.services.paths.db_path
        about = QLabel(ABOUT, wordWrap=True)
        where = QLabel("Your library is the file:")
        self.path_label = QLabel(str(library))
        self.path_label.setObjectName("library_path")
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.path_label.setStyleSheet("font-family: monospace;")
        self.open_folder = QPushButton("Open &folder")
        self.open_folder.clicked.connect(self.on_open_folder)
        row = QHBoxLayout()
        row.addWidget(self.path_label, 1)
        row.addWidget(self.open_folder)
        help_text = QLabel(NEW_LIBRARY_HELP, wordWrap=True)
        # Who is working: recorded on every save, note and stage change (Preferences → You).
        self.desk_name = QLineEdit(placeholderText="Your name, as the newsroom sees it")
        self.desk_name.setObjectName("desk_name")
        self.desk_name.setAccessibleName("Your name")
        look_text = QLabel(LOOK_HELP, wordWrap=True)
        look_text.setObjectName("look_help")
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(
            "&Start writing", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_library = self.buttons.addButton(
            "&Create a new empty library…", QDialogButtonBox.ButtonRole.ActionRole
        )
        self.start.setDefault(True)
        self.start.clicked.connect(self.on_start_writing)
        self.create_library.clicked.connect(self.on_create_library)
        layout = QVBoxLayout(self)
        for widget in (about, where):
            layout.addWidget(widget)
        layout.addLayout(row)
        layout.addWidget(help_text)
        name_label = QLabel("Your &name (shown on your saves, notes and stage changes):")
        name_label.setBuddy(self.desk_name)
        layout.addWidget(name_label)
        layout.addWidget(self.desk_name)
        layout.addWidget(look_text)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        from newsdesk.ui.accessibility import complete_accessibility

        complete_accessibility(self)  # made outside the main window's watch
        self.setMinimumWidth(560)

    def on_start_writing(self) -> None:
        self.start_writing = True
        self.accept()

    def on_open_folder(self) -> None:
        folder = self.ui_ctx.services.paths.db_path.parent
        self.open_url(QUrl.fromLocalFile(str(folder)))

    def on_create_library(self) -> None:
        suggested = str(self.ui_ctx.services.paths.data_dir / "new-library.newsdesk")
        chosen = self.ui_ctx.prompts.save_path("Create a new library", suggested, LIBRARY_FILTER)
        if not chosen:
            return  # cancelled: the welcome stays open
        path = Path(chosen)
        if path.suffix != ".newsdesk":
            path = path.with_name(path.name + ".newsdesk")
        self.new_library = path
        self.accept()


def run_first_start(
    ui_ctx: UiContext,
    preferences: Preferences,
    parent: QWidget | None = None,
    start_writing: Callable[[], object] = lambda: None,
) -> tuple[Preferences, Path | None]:
    """Show the welcome once. Returns the updated preferences and the new library the person
    asked for (the caller opens it), or None to carry on with the current library; calls
    ``start_writing`` when "Start writing" was pressed (the window opens a new article)."""
    if preferences.welcome_shown:
        return preferences, None
    dialog = WelcomeDialog(ui_ctx, parent)
    dialog.exec()
    updated = preferences.with_changes(welcome_shown=True)
    name = " ".join(dialog.desk_name.text().split())
    if name and not preferences.desk_name:
        try:
            updated = updated.with_changes(desk_name=check_desk(name).name)
            ui_ctx.services.desk = ui_ctx.services.desk or updated.desk_name
        except UserError as exc:  # e.g. too long: the rest of the welcome still counts
            ui_ctx.prompts.error("Your name", f"{exc}. Set it later in Preferences → You.")
    path = preferences_path(ui_ctx.services.paths.config_dir)
    ui_ctx.tasks.run(lambda: save_preferences(path, updated))
    if dialog.start_writing:
        start_writing()
    return updated, dialog.new_library
