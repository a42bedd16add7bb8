"""Sensible defaults on the desk: spelling follows the article's language, which a new
article takes from the site's locale; languages by their own names; an empty headline is a
visible "Untitled" draft, never a blank row."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from newsdesk.core.articles import get_article
from newsdesk.services.spelling import available_languages
from tests.ui.test_mainwindow import _open_new

needs_dictionaries = pytest.mark.skipif(
    not {"en_GB", "en_US", "de_DE"} <= set(available_languages()),
    reason="needs the en_GB, en_US and de_DE Hunspell dictionaries",
)


@needs_dictionaries
def test_a_new_article_on_an_en_gb_site_is_spelled_in_british_english(ctx, qtbot, make_window):
    window = make_window(ctx)  # a new library: its site's locale is en-GB
    qtbot.waitUntil(lambda: window.metadata.settings.locale == "en-GB")
    rec = _open_new(qtbot, window)
    qtbot.waitUntil(lambda: window.editor.dictionary() == "en_GB")
    assert window.metadata.language.currentText() == "English (UK)"
    qtbot.waitUntil(lambda: window.save_label.text() in ("", "Saved"))
    with ctx.session() as s:
        assert get_article(s, rec.id).language == "en-GB"


@needs_dictionaries
def test_languages_are_chosen_by_name_and_an_old_bare_en_follows_the_site(ctx, qtbot, make_window):
    from newsdesk.core.articles import ArticleRecord, create_article

    with ctx.session() as s:
        old = create_article(s, ArticleRecord(headline="Colour of the harbour", language="en"))
    window = make_window(ctx)
    qtbot.waitUntil(lambda: window.metadata.settings.locale == "en-GB")
    with qtbot.waitSignal(window.article_opened, timeout=10000):
        window.open_article(old.id)
    qtbot.waitUntil(lambda: window.editor.dictionary() == "en_GB")  # "en" on an en-GB site
    assert window.metadata.language.currentText() == "English"
    names = [window.metadata.language.itemText(i) for i in range(window.metadata.language.count())]
    assert "Deutsch" in names and "English (UK)" in names and "de" not in names
    window.metadata.language.setCurrentIndex(names.index("Deutsch"))
    qtbot.waitUntil(lambda: window.editor.dictionary() == "de_DE")
    qtbot.waitUntil(lambda: _language(ctx, old.id) == "de", timeout=5000)


def _language(ctx, article_id: int) -> str:
    with ctx.session() as s:
        return get_article(s, article_id).language


def test_an_empty_or_blank_headline_is_listed_as_untitled(ctx, qtbot, make_window):
    window = make_window(ctx)
    rec = _open_new(qtbot, window)
    qtbot.keyClicks(window.metadata.headline, "   ")
    qtbot.waitUntil(lambda: window.save_label.text() == "Saved", timeout=5000)
    qtbot.waitUntil(lambda: window.library.model.row_of(rec.id) is not None)
    row = window.library.model.row_of(rec.id)
    shown = window.library.model.index(row, 0).data(Qt.ItemDataRole.DisplayRole)
    assert shown == "Untitled"
    assert window.windowTitle().startswith("Untitled")


@needs_dictionaries
def test_preferences_list_spelling_dictionaries_by_their_own_names(ctx, qtbot, make_window):
    window = make_window(ctx)
    window.act_preferences.trigger()
    dialog = window.views.preferences_dialog
    qtbot.waitUntil(dialog.isVisible)
    names = [dialog.editor.languages.item(i).text() for i in range(dialog.editor.languages.count())]
    assert "English" in names and "Deutsch" in names  # was "German (de)"
    assert not [n for n in names if "(" in n or "German" in n]
    dialog.close()
