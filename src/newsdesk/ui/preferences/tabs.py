"""The Preferences dialog's pages. Each reads its values from, and writes them into, a typed
record (``SiteSettings`` or ``Preferences``); none of them touches the disk."""

from __future__ import annotations

import importlib
from dataclasses import fields
from typing import Any, TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFontComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from newsdesk.core.preferences import OPTIONS, Preferences
from newsdesk.core.settings import SiteSettings
from newsdesk.domain.languages import language_name
from newsdesk.services.site import DATELINE_STYLES
from newsdesk.ui.i18n import UI_LANGUAGES

DATE_FORMATS = (
    "{weekday}, {month} {day}, {year}",
    "{weekday} {day} {month} {year}",
    "{day} {month} {year}",
    "{month} {day}, {year}",
)
DATELINE_LABELS = {
    "caps-dash": "DOHA, Qatar –",
    "caps-emdash": "DOHA, Qatar —",
    "caps-colon": "DOHA, Qatar:",
    "plain-dash": "Doha, Qatar –",
    "none": QT_TRANSLATE_NOOP("SiteTab", "(no dateline)"),
}
# The page languages newsdesk ships labels for; any other locale tag can be typed.
PAGE_LOCALES = {
    "en-GB": "English (United Kingdom)",
    "en-US": "English (United States)",
    "de-DE": "Deutsch",
    "fr-FR": "Français",
    "es-ES": "Español",
    "ar": "العربية",
}
SLUG_STYLE_LABELS = {
    "ascii": QT_TRANSLATE_NOOP("SiteTab", "Transliterated: strasse, vstrecha-v-dokhe"),
    "unicode": QT_TRANSLATE_NOOP("SiteTab", "Every script's letters: straße, встреча-в-дохе"),
}
W = TypeVar("W", bound=QWidget)


def _named(widget: W, name: str) -> W:
    """``widget`` with an object name (tests and style sheets find it by that)."""
    widget.setObjectName(name)
    return widget


def _spin(low: int, high: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setSuffix(suffix)
    return box


class SiteTab(QWidget):
    """The site's name, tagline, date format, masthead slots, length budgets and dateline."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.site_name, self.tagline = QLineEdit(), QLineEdit()
        self.base_url = QLineEdit(placeholderText="https://news.example.org")
        self.base_url.setToolTip(
            self.tr(
                "Where the site is published: feeds, the sitemap and the pages' canonical"
                " links need its whole address"
            )
        )
        self.masthead_left, self.masthead_right = QLineEdit(), QLineEdit()
        self.date_format = QComboBox()
        self.date_format.setEditable(True)
        self.date_format.addItems(DATE_FORMATS)
        self.date_format.setToolTip(self.tr("Fields: {weekday}, {day}, {month}, {year}"))
        self.page_locale = _named(QComboBox(), "locale")  # self.locale is QWidget's
        self.page_locale.setEditable(True)
        for tag, name in PAGE_LOCALES.items():
            self.page_locale.addItem(f"{name} ({tag})", tag)
        self.page_locale.setToolTip(
            self.tr("The published page's language: its labels, dates and direction")
        )
        self.slug_style = QComboBox()
        for key, label in SLUG_STYLE_LABELS.items():
            self.slug_style.addItem(self.tr(str(label)), key)
        self.headline_budget = _spin(20, 300, self.tr(" characters"))
        self.standfirst_budget = _spin(40, 1000, self.tr(" characters"))
        self.dateline_style = QComboBox()
        for key in DATELINE_STYLES:
            self.dateline_style.addItem(self.tr(str(DATELINE_LABELS.get(key, key))), key)
        for name, widget in self._named().items():
            widget.setObjectName(name)
        form = QFormLayout(self)
        form.addRow(self.tr("Site &name:"), self.site_name)
        form.addRow(self.tr("&Tagline:"), self.tagline)
        form.addRow(self.tr("Site &address:"), self.base_url)
        form.addRow(self.tr("Page lan&guage:"), self.page_locale)
        form.addRow(self.tr("&Date format:"), self.date_format)
        form.addRow(self.tr("Masthead, &left:"), self.masthead_left)
        form.addRow(self.tr("Masthead, &right:"), self.masthead_right)
        form.addRow(self.tr("&Headline budget:"), self.headline_budget)
        form.addRow(self.tr("&Standfirst budget:"), self.standfirst_budget)
        form.addRow(self.tr("Date&line style:"), self.dateline_style)
        form.addRow(self.tr("Sl&ugs:"), self.slug_style)
        self.setEnabled(False)  # until the library's settings have been read

    def _named(self) -> dict[str, QWidget]:
        names = {f.name for f in fields(SiteSettings)}
        return {k: v for k, v in vars(self).items() if k in names and isinstance(v, QWidget)}

    def show_settings(self, settings: SiteSettings) -> None:
        for name in ("site_name", "tagline", "base_url", "masthead_left", "masthead_right"):
            getattr(self, name).setText(getattr(settings, name))
        self.date_format.setCurrentText(settings.date_format)
        self.headline_budget.setValue(settings.headline_budget)
        self.standfirst_budget.setValue(settings.standfirst_budget)
        index = self.dateline_style.findData(settings.dateline_style)
        self.dateline_style.setCurrentIndex(max(index, 0))
        index = self.page_locale.findData(settings.locale)
        if index >= 0:
            self.page_locale.setCurrentIndex(index)
        else:
            self.page_locale.setEditText(settings.locale)
        self.slug_style.setCurrentIndex(max(self.slug_style.findData(settings.slug_style), 0))
        self.setEnabled(True)

    def values(self) -> dict[str, Any]:
        texts = ("site_name", "tagline", "base_url", "masthead_left", "masthead_right")
        out: dict[str, Any] = {name: getattr(self, name).text().strip() for name in texts}
        out["date_format"] = self.date_format.currentText().strip()
        out["headline_budget"] = self.headline_budget.value()
        out["standfirst_budget"] = self.standfirst_budget.value()
        out["dateline_style"] = self.dateline_style.currentData()
        out["locale"] = _chosen_tag(self.page_locale)
        out["slug_style"] = self.slug_style.currentData()
        return out


def _chosen_tag(box: QComboBox) -> str:
    """The locale tag of a listed entry, or what was typed (``pt-BR``)."""
    text = box.currentText().strip()
    index = box.findText(text)
    return str(box.itemData(index)) if index >= 0 else text


class EditorTab(QWidget):
    """The editor's font, smart typography and the spell-check languages."""

    def __init__(self, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.font_family = _named(QFontComboBox(), "editor_font_family")
        low, high = OPTIONS["editor_font_size"].metadata["range"]
        self.font_size = _named(_spin(low, high, " pt"), "editor_font_size")
        self.smart = _named(
            QCheckBox(self.tr("Smart quotes and dashes while typing")), "smart_typography"
        )
        self.languages = _named(QListWidget(), "spellcheck_languages")
        self.languages.setMaximumHeight(120)
        self._known_languages = languages
        self._shown_family = ""
        outer = QVBoxLayout(self)
        form = QFormLayout()
        outer.addLayout(form)
        outer.addStretch(1)  # rows keep their height; the space goes below them
        form.addRow(self.tr("&Font:"), self.font_family)
        form.addRow(self.tr("&Size:"), self.font_size)
        form.addRow("", self.smart)
        form.addRow(self.tr("Spell-check &languages:"), self.languages)
        if not languages:
            form.addRow("", QLabel(self.tr("No spell-check dictionaries are installed.")))

    def show_preferences(self, prefs: Preferences) -> None:
        family = (
            prefs.editor_font_family
            or QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).family()
        )
        self.font_family.setCurrentFont(QFont(family))
        self._shown_family = self.font_family.currentFont().family()
        self.font_size.setValue(prefs.editor_font_size)
        self.smart.setChecked(prefs.smart_typography)
        self.languages.clear()
        for code in sorted({*self._known_languages, *prefs.spellcheck_languages}):
            item = QListWidgetItem(language_name(code))  # by its own name: "English (UK)"
            item.setToolTip(code)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = code in prefs.spellcheck_languages
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.languages.addItem(item)

    def values(self, prefs: Preferences) -> dict[str, Any]:
        family = self.font_family.currentFont().family()
        chosen = [
            self.languages.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.languages.count())
            if self.languages.item(i).checkState() == Qt.CheckState.Checked
        ]
        return {
            # the system's monospace font stays "" so it follows the system if that changes
            "editor_font_family": (
                "" if family == self._shown_family and not prefs.editor_font_family else family
            ),
            "editor_font_size": self.font_size.value(),
            "smart_typography": self.smart.isChecked(),
            "spellcheck_languages": tuple(chosen),
        }


THEME_LABELS = {
    "system": QT_TRANSLATE_NOOP("AppearanceTab", "Follow the &system"),
    "light": QT_TRANSLATE_NOOP("AppearanceTab", "&Light"),
    "dark": QT_TRANSLATE_NOOP("AppearanceTab", "&Dark"),
}


class AppearanceTab(QWidget):
    """Theme: follow the system, or always light, or always dark."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Theme:")))
        self.buttons: dict[str, QRadioButton] = {}
        for key, label in THEME_LABELS.items():
            button = _named(QRadioButton(self.tr(str(label))), f"theme_{key}")
            self.group.addButton(button)
            self.buttons[key] = button
            layout.addWidget(button)
        self.ui_language = _named(QComboBox(), "ui_language")
        for code, name in UI_LANGUAGES.items():
            self.ui_language.addItem(name if code else self.tr("System language"), code)
        language_label = QLabel(self.tr("Interface &language (after a restart):"))
        language_label.setBuddy(self.ui_language)
        layout.addWidget(language_label)
        layout.addWidget(self.ui_language)
        layout.addStretch(1)

    def show_preferences(self, prefs: Preferences) -> None:
        self.buttons[prefs.theme].setChecked(True)
        self.ui_language.setCurrentIndex(max(self.ui_language.findData(prefs.ui_language), 0))

    def values(self) -> dict[str, Any]:
        chosen = next(k for k, b in self.buttons.items() if b.isChecked())
        return {"theme": chosen, "ui_language": self.ui_language.currentData()}


def publishing_module() -> Any | None:
    """``newsdesk.services.publishing`` when this build has it (the tab is hidden otherwise)."""
    try:
        return importlib.import_module("newsdesk.services.publishing")
    except ModuleNotFoundError:
        return None


class PublishingTab(QWidget):
    """The library's publishing targets, read-only: they are managed where they are used."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.targets = _named(QListWidget(), "publishing_targets")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Publishing targets in this library:")))
        layout.addWidget(self.targets)
        hint = QLabel(
            self.tr(
                "Add, test or remove targets with Article → Publishing Targets… "
                "(or “newsdesk target add …”)."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)

    def show_targets(self, targets: list[Any]) -> None:
        self.targets.clear()
        for t in targets:
            self.targets.addItem(f"{t.name} — {t.kind} — {t.url}")
        if not targets:
            self.targets.addItem(self.tr("No targets yet."))
