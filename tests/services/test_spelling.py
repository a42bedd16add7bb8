"""Spell checking with the system dictionaries and the personal word list in the library."""

from __future__ import annotations

import pytest

from newsdesk.errors import UserError
from newsdesk.services import spelling

pytestmark = pytest.mark.skipif(
    spelling.dictionary_tag("en") is None, reason="no English Hunspell dictionary installed"
)


def test_english_and_german_dictionaries() -> None:
    en = spelling.SpellChecker("en")
    assert en.check("receive") and not en.check("recieve")
    assert "receive" in en.suggest("recieve")
    assert en.check("town’s") and en.check("NATO")
    de = spelling.SpellChecker("de-DE")
    assert de.check("Bürgermeisterin") and not de.check("Burgermeisterinn")
    assert [w for _s, _e, w in en.misspelled("We recieve 3 lettres.")] == ["recieve", "lettres"]


def test_personal_words_live_in_the_library(ctx) -> None:
    with ctx.session() as session:
        spelling.add_personal_word(session, "Kostrzyca", "en-GB")
        spelling.add_personal_word(session, "Kostrzyca", "en")
    with ctx.session() as session:
        words = spelling.personal_words(session, "en")
    assert words == {"Kostrzyca"}
    assert spelling.SpellChecker("en", words).check("Kostrzyca")
    with pytest.raises(UserError), ctx.session() as session:
        spelling.add_personal_word(session, "two words", "en")
