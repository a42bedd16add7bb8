"""Words, characters and reading time of an article body, as the editor's status bar shows
them while the person types (a ``WordCounter`` keeps each paragraph's count between calls)."""

from __future__ import annotations

import math

from newsdesk.render.wordcount import WordCounter

__all__ = ["WORDS_PER_MINUTE", "WordCounter", "text_stats"]

WORDS_PER_MINUTE = 230


def text_stats(text: str, counter: WordCounter | None = None) -> str:
    """ "1,234 words · 7,890 characters · 6 min read"; ``counter`` remembers paragraphs."""
    words = (counter or WordCounter()).count(text)
    minutes = math.ceil(words / WORDS_PER_MINUTE) if words else 0
    return f"{words:,} words · {len(text):,} characters · {minutes} min read"
