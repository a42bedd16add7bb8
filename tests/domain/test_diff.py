"""The word diff names exactly the words inserted and deleted, and renders them readably."""

from __future__ import annotations

from bs4 import BeautifulSoup

from newsdesk.domain.diff import (
    diff_words,
    inline_html,
    inline_text,
    side_by_side_html,
    stats,
    stats_between,
)

OLD = "The council voted on Tuesday to approve the seawall.\n\nIt will cost €40m, officials said."
NEW = (
    "The city council voted on Monday to approve the new seawall.\n\n"
    "It will cost €40m, officials said. Work starts in May."
)


def test_known_edit_shows_exactly_the_changed_words() -> None:
    result = stats(diff_words(OLD, NEW))
    assert result.inserted == ["city", "Monday", "new", "Work", "starts", "in", "May"]
    assert result.deleted == ["Tuesday"]


def test_identical_texts_have_no_changes() -> None:
    assert stats(diff_words(OLD, OLD)).changed == 0


def test_punctuation_is_its_own_token() -> None:
    result = stats(diff_words("It rained, then stopped.", "It rained; then stopped."))
    assert result.changed == 0  # punctuation only: no words changed
    segments = diff_words("It rained, then stopped.", "It rained; then stopped.")
    assert [s.text.strip() for s in segments if s.op != "equal"] == [",", ";"]


def test_paragraph_split_shows() -> None:
    segments = diff_words("One two three four.", "One two.\n\nThree four.")
    assert any(s.op == "insert" and "\n\n" in s.text for s in segments)


def test_inline_outputs() -> None:
    segments = diff_words(OLD, NEW)
    assert "[-Tuesday-] {+Monday+}" in inline_text(segments)
    soup = BeautifulSoup(inline_html(segments), "html.parser")
    assert [d.get_text(strip=True) for d in soup.find_all("del")] == ["Tuesday"]
    assert [i.get_text(strip=True) for i in soup.find_all("ins")] == [
        "city",
        "Monday",
        "new",
        "Work starts in May.",
    ]


def test_side_by_side_aligns_paragraphs() -> None:
    soup = BeautifulSoup(side_by_side_html(diff_words(OLD, NEW)), "html.parser")
    rows = soup.find_all("tr")[1:]
    assert len(rows) == 2
    left, right = rows[0].find_all("td")
    assert left.find("del").get_text(strip=True) == "Tuesday" and not left.find("ins")
    assert [i.get_text(strip=True) for i in right.find_all("ins")] == ["city", "Monday", "new"]
    assert "<script>" not in side_by_side_html(diff_words("a", "<script>"))


def test_fast_stats_agree_with_the_full_diff() -> None:
    import random

    rng = random.Random(4)
    vocab = [
        "the",
        "council",
        "harbour",
        "wall,",
        "said.",
        "on",
        "Tuesday",
        "a",
        "new",
        "40m",
        "cost",
        "storm",
    ]
    for _ in range(200):
        a = " ".join(rng.choice(vocab) for _ in range(rng.randint(0, 40)))
        words = a.split()
        for _ in range(rng.randint(0, 4)):
            i = rng.randint(0, len(words))
            op = rng.random()
            if op < 0.4:
                words.insert(i, rng.choice(vocab))
            elif words and op < 0.8:
                words.pop(min(i, len(words) - 1))
            elif words:
                words[min(i, len(words) - 1)] += rng.choice(["", "s", "\n\n"])
        b = " ".join(words)
        assert stats_between(a, b).changed == stats(diff_words(a, b)).changed, (a, b)
