"""The site's settings (name, tagline, locale, budgets…) as the CLI and Preferences read and
change them: one transaction each, storage failures as a message a person can act on."""

from __future__ import annotations

from typing import Any

from newsdesk.core.context import AppContext
from newsdesk.core.settings import SiteSettings, load_settings, save_settings
from newsdesk.render.dateline import DATELINE_STYLES
from newsdesk.services.editing import in_library

# SiteSettings and the dateline styles (dateline_style's choices) are re-exported for Preferences.
__all__ = [
    "DATELINE_STYLES", "SiteSettings", "change_site_settings", "load_settings",
    "read_site_settings",
]  # fmt: skip


def read_site_settings(ctx: AppContext) -> SiteSettings:
    return in_library(ctx, load_settings)


def change_site_settings(ctx: AppContext, changes: dict[str, Any]) -> SiteSettings:
    """Set the ``changes`` (each checked and converted: CLI strings become numbers) and
    return the settings as stored; an unknown key or a refused value is a ``UserError``."""

    def change(session: Any) -> SiteSettings:
        settings = load_settings(session).with_changes(**changes)
        save_settings(session, settings)
        return settings

    return in_library(ctx, change)
