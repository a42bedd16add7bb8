"""The stored-slug rule: one safe path segment, letters of every script allowed."""

from __future__ import annotations

import pytest

from newsdesk.domain.slugs import check_slug, is_slug, slugify
from newsdesk.errors import UserError

GOOD = [
    "world",
    "grid-storage",
    "a_b.c~d",
    "2024",
    "القاهرة",  # Arabic
    "москва-новости",  # Cyrillic
    "東京",  # CJK
    "कृषि",  # Devanagari with combining marks
    "می\u200cخواهم",  # Persian with a zero-width non-joiner
    "x" * 200,
]

BAD = [
    "",
    ".",
    "..",
    ".hidden",
    "../../../x",
    "a/b",
    "/etc",
    "a\\b",
    "a..b",
    "a\x00b",
    "a\nb",
    "a\x1b[31mb",
    "a b",
    "a%2fb",
    "a?b",
    "a#b",
    "\u202eevil",  # right-to-left override
    "x" * 201,
    "ق" * 101,  # 202 bytes
]


@pytest.mark.parametrize("slug", GOOD)
def test_letters_of_every_script_are_slugs(slug: str) -> None:
    assert is_slug(slug)
    assert check_slug(slug) == slug


@pytest.mark.parametrize("slug", BAD)
def test_unsafe_slugs_are_refused_with_a_reason(slug: str) -> None:
    assert not is_slug(slug)
    with pytest.raises(UserError, match="not a valid slug"):
        check_slug(slug, "section slug")


def test_non_text_is_refused() -> None:
    assert not is_slug(5)
    assert not is_slug(None)


def test_slugify_always_makes_a_slug() -> None:
    for text in ["../../etc/passwd", "", "...", "a/b\\c", "\x00", "Qatar’s sea wall"]:
        assert is_slug(slugify(text))
