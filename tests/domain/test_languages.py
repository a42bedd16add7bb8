"""Languages by their own names; an article's dictionary follows the site's locale."""

from newsdesk.domain.languages import (
    article_language,
    language_code,
    language_name,
    spelling_language,
)
from newsdesk.services.spelling import available_languages, dictionary_tag


def test_languages_are_named_in_their_own_words() -> None:
    assert language_name("en-GB") == "English (UK)"
    assert language_name("en_gb") == "English (UK)"
    assert language_name("de") == "Deutsch"
    assert language_name("xx-YY") == "xx-YY"  # unknown codes are shown as typed
    assert language_code("Deutsch") == "de" and language_code("english (uk)") == "en-GB"
    assert language_code("pt_br") == "pt-BR"
    assert language_name("de_DE") == "Deutsch (Deutschland)"  # dictionaries as installed
    assert (
        language_name("de_CH") == "Deutsch (Schweiz)" and language_name("fr-BE") == "Français (BE)"
    )


def test_spelling_follows_the_sites_locale() -> None:
    assert article_language("en-GB") == "en-GB" and article_language("") == "en"
    assert spelling_language("en", "en-GB") == "en-GB"
    assert spelling_language("en-US", "en-GB") == "en-US"
    assert spelling_language("de", "en-GB") == "de"
    assert spelling_language("", "en-GB") == "en-GB"
    # the dictionary actually chosen, where British and US English are both installed
    if {"en_GB", "en_US"} <= set(available_languages()):
        assert dictionary_tag(spelling_language("en", "en-GB")) == "en_GB"
