"""The desktop app's own strings through Qt's translation path: the German .qm shipped in
resources/translations is loaded by a QTranslator for a German interface, and the Preferences
dialog — where the page language and slug style are also chosen — then speaks German; the .ts
holds every marked string, translated, and the .qm is what pyside6-lrelease makes of it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFormLayout, QLabel

from newsdesk.core.preferences import Preferences
from newsdesk.core.settings import load_settings
from newsdesk.errors import UserError
from newsdesk.ui.context import UiContext
from newsdesk.ui.i18n import install_translators, remove_translators, translations_dir
from newsdesk.ui.preferences.dialog import PreferencesDialog
from newsdesk.ui.prompts import ScriptedPrompts
from tests.conftest import REPO

BIN = Path(sys.executable).parent


@pytest.fixture
def ui_ctx(sample_ctx) -> Iterator[UiContext]:
    context = UiContext(sample_ctx, ScriptedPrompts())
    yield context
    context.tasks.wait()


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    translators = install_translators(qapp, "de_DE")
    assert len(translators) == 2  # newsdesk's own and Qt's (qtbase)
    yield
    remove_translators(qapp, translators)


def _open(qtbot, ui_ctx: UiContext) -> PreferencesDialog:
    dialog = PreferencesDialog(ui_ctx, Preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.site.isEnabled)
    return dialog


def _form_labels(widget) -> list[str]:
    form = widget.findChild(QFormLayout)
    out = []
    for row in range(form.rowCount()):
        item = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        if item is not None and isinstance(item.widget(), QLabel):
            out.append(item.widget().text())
    return out


def test_a_german_interface_shows_the_preferences_in_german(qtbot, ui_ctx, german) -> None:
    dialog = _open(qtbot, ui_ctx)
    assert dialog.windowTitle() == "Einstellungen"
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs[:3] == ["&Website", "&Editor", "&Darstellung"]
    labels = _form_labels(dialog.site)
    assert "&Name der Website:" in labels and "&Sprache der Seite:" in labels
    assert dialog.site.slug_style.itemText(0).startswith("Umschrieben")
    # Qt's own buttons come from Qt's German catalogue
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Abbrechen"


def test_without_a_translation_the_interface_stays_english(qtbot, ui_ctx) -> None:
    dialog = _open(qtbot, ui_ctx)
    assert dialog.windowTitle() == "Preferences"
    assert "Site &name:" in _form_labels(dialog.site)


def test_page_language_and_slug_style_are_chosen_in_the_dialog(qtbot, ui_ctx, german) -> None:
    dialog = _open(qtbot, ui_ctx)
    site = dialog.site
    site.page_locale.setCurrentIndex(site.page_locale.findData("ar"))
    site.slug_style.setCurrentIndex(site.slug_style.findData("unicode"))
    with qtbot.waitSignal(dialog.accepted, timeout=10000):
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )
    with ui_ctx.services.session() as s:
        saved = load_settings(s)
    assert (saved.locale, saved.language, saved.slug_style) == ("ar", "ar", "unicode")


def test_interface_language_preference() -> None:
    assert Preferences().with_changes(ui_language="de").ui_language == "de"
    with pytest.raises(UserError):
        Preferences().with_changes(ui_language="tlh")


def _sources(ts: Path) -> dict[tuple[str, str], str | None]:
    out = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for msg in context.iter("message"):
            translation = msg.find("translation")
            assert translation is not None
            done = translation.get("type") not in {"unfinished", "vanished", "obsolete"}
            out[(name, msg.findtext("source") or "")] = translation.text if done else None
    return out


@pytest.mark.skipif(shutil.which("pyside6-lupdate", path=str(BIN)) is None, reason="no lupdate")
def test_the_german_catalogue_is_complete_and_compiled(tmp_path: Path) -> None:
    shipped = REPO / "translations" / "newsdesk_de.ts"  # the source, kept out of the package
    fresh = tmp_path / "newsdesk_de.ts"
    shutil.copy(shipped, fresh)
    sources = sorted(str(p) for p in (REPO / "src" / "newsdesk" / "ui").rglob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            "-no-obsolete",
            "-locations",
            "none",
            *sources,
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
    )
    marked, translated = _sources(fresh), _sources(shipped)
    assert marked.keys() == translated.keys(), "run scripts/ui_translations.sh"
    assert [key for key, text in translated.items() if not text] == []
    qm = tmp_path / "newsdesk_de.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(shipped), "-qm", str(qm)], check=True
    )
    assert qm.read_bytes() == (translations_dir() / "newsdesk_de.qm").read_bytes()
