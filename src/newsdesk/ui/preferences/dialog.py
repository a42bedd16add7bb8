"""The Preferences dialog: the library's site settings and the person's own preferences.

Site settings are read and saved through the task runner (they live in the library); only the
fields changed here are written, so a change made elsewhere meanwhile is kept. Preferences go
to ``preferences.json`` in the config folder. The theme is applied as soon as it is saved.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout

from newsdesk.core.preferences import (
    Preferences,
    dictionary_languages,
    preferences_path,
    save_preferences,
)
from newsdesk.errors import UserError
from newsdesk.services.identity import ENV as DESK_ENV
from newsdesk.services.site import SiteSettings, change_site_settings, read_site_settings
from newsdesk.ui.context import UiContext
from newsdesk.ui.newsroom.desk_tab import DeskTab
from newsdesk.ui.preferences.tabs import (
    AppearanceTab,
    EditorTab,
    PublishingTab,
    SiteTab,
    publishing_module,
)
from newsdesk.ui.theme import apply_theme

log = logging.getLogger(__name__)


class PreferencesDialog(QDialog):
    preferences_saved = Signal(object)  # Preferences
    site_settings_saved = Signal(object)  # SiteSettings

    def __init__(self, ui_ctx: UiContext, preferences: Preferences, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self.setObjectName("preferences_dialog")
        self.ui_ctx, self.preferences = ui_ctx, preferences
        self.loaded_site: SiteSettings | None = None
        self.tabs = QTabWidget()
        self.site = SiteTab()
        self.editor = EditorTab(dictionary_languages())
        self.appearance = AppearanceTab()
        for page, title in ((self.site, self.tr("&Site")), (self.editor, self.tr("&Editor"))):
            self.tabs.addTab(page, title)
        self.tabs.addTab(self.appearance, self.tr("&Appearance"))
        self.desk = DeskTab()
        self.tabs.addTab(self.desk, self.tr("&You"))
        self.publishing: PublishingTab | None = None
        self._publishing = publishing_module()
        if self._publishing is not None:
            self.publishing = PublishingTab()
            self.tabs.addTab(self.publishing, self.tr("&Publishing"))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.on_ok)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.editor.show_preferences(preferences)
        self.appearance.show_preferences(preferences)
        self.desk.show_preferences(preferences)
        self.resize(560, 420)
        self._load()

    # --- reading --------------------------------------------------------------------------

    def _load(self) -> None:
        self.ui_ctx.tasks.run(self._read_site, self._on_site_loaded, self._on_error)
        module = self._publishing
        if module is not None:
            self.ui_ctx.tasks.run(lambda: self._read_targets(module), self._on_targets_loaded)

    def _read_site(self) -> SiteSettings:
        return read_site_settings(self.ui_ctx.services)

    def _read_targets(self, module: Any) -> list[Any]:
        from newsdesk.services.editing import storage_errors

        with storage_errors(), self.ui_ctx.services.session() as session:
            return list(module.list_targets(session))

    def _on_site_loaded(self, settings: SiteSettings) -> None:
        # Not called when the dialog was closed and deleted first (TaskRunner's owner).
        self.loaded_site = settings
        self.site.show_settings(settings)

    def _on_targets_loaded(self, targets: list[Any]) -> None:
        if self.publishing is not None:
            self.publishing.show_targets(targets)

    # --- saving ---------------------------------------------------------------------------

    def on_ok(self) -> None:
        try:
            prefs = self.preferences.with_changes(
                **self.editor.values(self.preferences),
                **self.appearance.values(),
                **self.desk.values(),
            )
            site_changes = self._site_changes()
        except UserError as exc:
            self.ui_ctx.prompts.error(self.tr("Preferences"), str(exc))
            return
        self.buttons.setEnabled(False)
        path = preferences_path(self.ui_ctx.services.paths.config_dir)

        def save() -> tuple[Preferences, SiteSettings | None]:
            site = self._save_site(site_changes) if site_changes else None
            if prefs != self.preferences or not path.exists():
                save_preferences(path, prefs)
            return prefs, site

        self.ui_ctx.tasks.run(save, self._on_saved, self._on_error)

    def _site_changes(self) -> dict[str, Any]:
        """The fields changed in the dialog (checked now, so a bad value never reaches disk)."""
        if self.loaded_site is None:
            return {}
        changed = {k: v for k, v in self.site.values().items() if v != getattr(self.loaded_site, k)}
        if "site_name" in changed and not changed["site_name"]:
            raise UserError(self.tr("The site needs a name."))
        try:
            self.loaded_site.with_changes(**changed)
        except UserError as exc:  # the rules name the setting as the command line does
            raise UserError(str(exc).replace("base_url", "The site address", 1)) from exc
        return changed

    def _save_site(self, changes: dict[str, Any]) -> SiteSettings:
        return change_site_settings(self.ui_ctx.services, changes)

    def _on_saved(self, result: tuple[Preferences, SiteSettings | None]) -> None:
        prefs, site = result
        theme_changed = prefs.theme != self.preferences.theme
        self.preferences = prefs
        if not os.environ.get(DESK_ENV):  # from now on, this app's work is recorded as theirs
            self.ui_ctx.services.desk = prefs.desk_name
        app = QApplication.instance()
        if theme_changed and isinstance(app, QApplication):
            apply_theme(app, prefs.theme)
        self.preferences_saved.emit(prefs)
        if site is not None:
            self.site_settings_saved.emit(site)
        self.buttons.setEnabled(True)
        self.accept()

    def _on_error(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, UserError):
            raise exc  # a bug: the crash dialog shows it
        self.ui_ctx.prompts.error("Preferences were not saved", str(exc))
