"""The Preferences dialog, driven like a person: site settings land in the library, the
person's preferences in preferences.json, and the theme changes the app's palette."""

from __future__ import annotations

import json
import sys
import types
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from newsdesk.core.preferences import Preferences, load_preferences, preferences_path
from newsdesk.core.settings import load_settings
from newsdesk.ui.context import UiContext
from newsdesk.ui.preferences.dialog import PreferencesDialog
from newsdesk.ui.preferences.tabs import publishing_module
from newsdesk.ui.prompts import ScriptedPrompts
from newsdesk.ui.theme import apply_theme


@pytest.fixture
def ui_ctx(sample_ctx) -> Iterator[UiContext]:  # type: ignore[no-untyped-def]
    context = UiContext(sample_ctx, ScriptedPrompts())
    yield context
    context.tasks.wait()


@pytest.fixture
def restore_look(qapp: QApplication) -> Iterator[None]:
    style, palette = qapp.style().name(), QPalette(qapp.palette())
    scheme = qapp.styleHints().colorScheme()
    yield
    qapp.setStyle(style)
    qapp.styleHints().setColorScheme(scheme)
    qapp.setPalette(palette)


def _open(qtbot, ui_ctx: UiContext, prefs: Preferences | None = None) -> PreferencesDialog:  # type: ignore[no-untyped-def]
    dialog = PreferencesDialog(ui_ctx, prefs or Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.site.isEnabled)  # the library's settings have arrived
    return dialog


def _ok(qtbot, dialog: PreferencesDialog) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )


def _click_label(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    """Click where a person would: on the indicator, not in the empty middle of a wide row."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))


def test_dialog_shows_the_library_settings(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, ui_ctx)
    assert dialog.site.site_name.text() == "The Newsdesk Chronicle"
    assert dialog.site.masthead_left.text().startswith("Doha")  # set by the sample library
    assert dialog.site.headline_budget.value() == 90


def test_changing_the_site_name_saves_it_in_the_library(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, ui_ctx)
    saved: list[object] = []
    dialog.site_settings_saved.connect(saved.append)
    dialog.site.site_name.selectAll()
    qtbot.keyClicks(dialog.site.site_name, "The Saltmere Herald")
    dialog.site.headline_budget.setValue(75)
    _ok(qtbot, dialog)
    with ui_ctx.services.session() as session:
        settings = load_settings(session)
    assert settings.site_name == "The Saltmere Herald"
    assert settings.headline_budget == 75
    assert settings.masthead_left.startswith("Doha")  # untouched fields are kept
    assert saved and saved[0] == settings


def test_only_changed_site_fields_are_written_over_a_concurrent_change(  # type: ignore[no-untyped-def]
    qtbot, ui_ctx: UiContext
) -> None:
    from newsdesk.core.settings import save_settings

    dialog = _open(qtbot, ui_ctx)
    with ui_ctx.services.session() as session:  # someone else changes the tagline meanwhile
        save_settings(session, load_settings(session).with_changes(tagline="Changed elsewhere"))
    dialog.site.site_name.setText("Harbour Times")
    _ok(qtbot, dialog)
    with ui_ctx.services.session() as session:
        settings = load_settings(session)
    assert (settings.site_name, settings.tagline) == ("Harbour Times", "Changed elsewhere")


def test_an_empty_site_name_is_refused_and_nothing_is_saved(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, ui_ctx)
    dialog.site.site_name.clear()
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    assert ui_ctx.prompts.errors == ["The site needs a name."]  # type: ignore[attr-defined]
    assert dialog.isVisible()
    with ui_ctx.services.session() as session:
        assert load_settings(session).site_name == "The Newsdesk Chronicle"


def test_the_site_address_is_set_in_the_window(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    """Seen when tried as a person: the site's address (``base_url``: the feeds', the
    sitemap's and the canonical links' absolute addresses) could only be set on the command
    line, so a site exported from the window had feeds no reader could follow. A wrong one
    is named in words a person reads, and nothing is saved."""
    dialog = _open(qtbot, ui_ctx)
    field = dialog.site.base_url
    assert field.text() == "" and field.placeholderText().startswith("https://")
    qtbot.keyClicks(field, "news.saltmere.example")
    qtbot.mouseClick(
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
    )
    errors = ui_ctx.prompts.errors  # type: ignore[attr-defined]
    assert len(errors) == 1 and errors[0].startswith("The site address must be")
    assert "base_url" not in errors[0] and dialog.isVisible()
    with ui_ctx.services.session() as session:
        assert load_settings(session).base_url == ""
    field.clear()
    qtbot.keyClicks(field, " https://news.saltmere.example ")
    _ok(qtbot, dialog)
    with ui_ctx.services.session() as session:
        assert load_settings(session).base_url == "https://news.saltmere.example"
    again = _open(qtbot, ui_ctx)
    assert again.site.base_url.text() == "https://news.saltmere.example"


def test_theme_switch_changes_the_app_palette_and_is_remembered(  # type: ignore[no-untyped-def]
    qtbot, ui_ctx: UiContext, qapp: QApplication, restore_look: None
) -> None:
    apply_theme(qapp, "light")
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200
    dialog = _open(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.appearance)
    _click_label(qtbot, dialog.appearance.buttons["dark"])
    _ok(qtbot, dialog)
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() < 80
    assert qapp.palette().color(QPalette.ColorRole.WindowText).lightness() > 200
    path = preferences_path(ui_ctx.services.paths.config_dir)
    assert json.loads(path.read_text()) == {"version": 1, "theme": "dark"}

    dialog = _open(qtbot, ui_ctx, load_preferences(path).preferences)
    assert dialog.appearance.buttons["dark"].isChecked()
    _click_label(qtbot, dialog.appearance.buttons["light"])
    _ok(qtbot, dialog)
    assert qapp.palette().color(QPalette.ColorRole.Window).lightness() > 200


def test_editor_preferences_are_saved(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, ui_ctx)
    dialog.tabs.setCurrentWidget(dialog.editor)
    dialog.editor.font_size.selectAll()
    qtbot.keyClicks(dialog.editor.font_size, "15")
    _click_label(qtbot, dialog.editor.smart)
    saved: list[Preferences] = []
    dialog.preferences_saved.connect(saved.append)
    _ok(qtbot, dialog)
    prefs = load_preferences(preferences_path(ui_ctx.services.paths.config_dir)).preferences
    assert prefs.editor_font_size == 15 and prefs.smart_typography is False
    assert prefs.editor_font_family == ""  # still the system's monospace font
    assert saved == [prefs]


def test_cancel_saves_nothing(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, ui_ctx)
    dialog.site.site_name.setText("Never saved")
    with qtbot.waitSignal(dialog.rejected):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel),
            Qt.MouseButton.LeftButton,
        )
    assert not preferences_path(ui_ctx.services.paths.config_dir).exists()
    with ui_ctx.services.session() as session:
        assert load_settings(session).site_name == "The Newsdesk Chronicle"


def test_publishing_tab_only_when_the_feature_is_there(qtbot, ui_ctx: UiContext) -> None:  # type: ignore[no-untyped-def]
    dialog = _open(qtbot, ui_ctx)
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert ("&Publishing" in titles) == (publishing_module() is not None)


@dataclass
class _Target:
    name: str
    kind: str
    url: str


def test_publishing_tab_lists_the_targets(  # type: ignore[no-untyped-def]
    qtbot, ui_ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A stand-in for newsdesk.services.publishing, which lives on another branch: the tab only
    # calls its list_targets(session).
    fake = types.ModuleType("newsdesk.services.publishing")
    fake.list_targets = lambda _session: [_Target("site", "wordpress", "https://example.org")]  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "newsdesk.services.publishing", fake)
    dialog = _open(qtbot, ui_ctx)
    assert dialog.publishing is not None
    qtbot.waitUntil(lambda: dialog.publishing.targets.count() == 1)  # type: ignore[union-attr]
    assert dialog.publishing.targets.item(0).text() == "site — wordpress — https://example.org"  # type: ignore[union-attr]
