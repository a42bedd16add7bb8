"""The language box: languages listed by their own names ("English (UK)", "Deutsch") with the
code as item data; a code nobody listed can still be typed."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from newsdesk.domain.languages import LANGUAGES, language_code, language_name, normal_code


def fill_language_box(box: QComboBox) -> None:
    for code, name in LANGUAGES:
        box.addItem(name, code)
    box.setAccessibleName("Language")
    box.setAccessibleDescription("The article's language; spell checking follows it")


def show_language(box: QComboBox, code: str) -> None:
    index = box.findData(normal_code(code))
    if index >= 0:
        box.setCurrentIndex(index)
    else:
        box.setCurrentText(language_name(code))


def chosen_language(box: QComboBox) -> str:
    index = box.currentIndex()
    text = box.currentText()
    if index >= 0 and box.itemText(index) == text:
        return str(box.itemData(index))
    return language_code(text) or "en"
