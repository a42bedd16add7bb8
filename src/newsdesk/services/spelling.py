"""Spell checking (pyenchant with the system's Hunspell dictionaries) and the personal word list
kept in the library, so "Add to dictionary" travels with the library file.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from newsdesk.errors import UserError

if TYPE_CHECKING:  # the database is imported on use: the editor checks spelling before
    from sqlmodel import Session

log = logging.getLogger(__name__)

# Letters with inner apostrophes ("don't", "l’eau"); digits, underscores and hyphens split words.
WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_PREFERRED = {"en": ["en_US", "en_GB"], "de": ["de_DE", "de_AT", "de_CH"]}


def _enchant() -> Any | None:
    try:
        import enchant
    except ImportError as exc:  # the C library is missing: spell checking is simply off
        log.warning("spell checking is off: %s", exc)
        return None
    return enchant


@lru_cache(maxsize=1)
def available_languages() -> tuple[str, ...]:
    enchant = _enchant()
    return tuple(enchant.list_languages()) if enchant else ()


def dictionary_tag(language: str) -> str | None:
    """The installed dictionary for an article language ("en", "de-AT", "en_GB"), if any."""
    code = language.replace("-", "_").strip()
    have = available_languages()
    if code in have:
        return code
    base = code.split("_")[0].lower()
    for tag in [*_PREFERRED.get(base, []), *sorted(have)]:
        if tag in have and tag.split("_")[0].lower() == base:
            return tag
    return None


def normalise_language(language: str) -> str:
    """The key personal words are stored under: the base language ("en" for "en-GB")."""
    return language.replace("-", "_").split("_")[0].lower() or "en"


class SpellChecker:
    """Checks words against one language's dictionary plus the personal words; results are
    cached because the same words come back on every keystroke in a block."""

    def __init__(self, language: str = "en", personal: Iterable[str] = ()) -> None:
        self.language = normalise_language(language)
        self.tag = dictionary_tag(language)
        enchant = _enchant()
        self._dict = enchant.Dict(self.tag) if enchant and self.tag else None
        self._personal = set(personal)
        self._cache: dict[str, bool] = {}

    @property
    def available(self) -> bool:
        return self._dict is not None

    def check(self, word: str) -> bool:
        known = self._cache.get(word)
        if known is None:
            known = self._check(word)
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[word] = known
        return known

    def _check(self, word: str) -> bool:
        if self._dict is None or word in self._personal or len(word) < 2:
            return True
        if word.isupper():  # acronyms: NATO, EU, GWh-style units are not worth flagging
            return True
        plain = word.replace("’", "'")
        return bool(self._dict.check(plain))

    def suggest(self, word: str, limit: int = 6) -> list[str]:
        if self._dict is None:
            return []
        curly = "’" in word
        out = [
            s.replace("'", "’") if curly else s for s in self._dict.suggest(word.replace("’", "'"))
        ]
        return out[:limit]

    def add_personal(self, word: str) -> None:
        self._personal.add(word)
        self._cache[word] = True

    def misspelled(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, word) of each unknown word in ``text``."""
        for m in WORD.finditer(text):
            if not self.check(m.group()):
                yield m.start(), m.end(), m.group()


def personal_words(session: Session, language: str) -> set[str]:
    from sqlmodel import select

    from newsdesk.storage.models import PersonalWord

    key = normalise_language(language)
    rows = session.exec(select(PersonalWord.word).where(PersonalWord.language == key))
    return set(rows.all())


def add_personal_word(session: Session, word: str, language: str) -> None:
    """Add a word to the library's personal list for a language (adding it twice is fine)."""
    from newsdesk.storage.models import PersonalWord

    word = word.strip()
    if not WORD.fullmatch(word):
        raise UserError(f"{word!r} is not a single word; only words can go in the dictionary")
    key = normalise_language(language)
    if session.get(PersonalWord, (word, key)) is None:
        session.add(PersonalWord(word=word, language=key))
