"""Each site setting declares the rule a new value must pass beside its default
(``SiteSettings``'s field metadata); setting a value runs it, reading a stored one does not."""

from __future__ import annotations

from dataclasses import fields

import pytest

from newsdesk.core.settings import SiteSettings
from newsdesk.errors import UserError


def test_the_rules_stand_beside_the_settings() -> None:
    ruled = {f.name for f in fields(SiteSettings) if "check" in f.metadata}
    assert ruled == {
        "locale", "language", "timezone", "date_format", "headline_budget",
        "standfirst_budget", "dateline_style", "base_url", "theme", "slug_style",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"slug_style": "klingon"}, "slug_style is one of ascii, unicode"),
        ({"locale": " "}, "locale is a tag such as en-GB"),
        ({"locale": "xx-NOPE"}, "Unknown locale 'xx-NOPE'"),
        ({"standfirst_budget": 100_001}, "standfirst_budget is a number of characters from 0"),
        ({"timezone": "Mars/Olympus"}, "timezone is an IANA time zone"),
        ({"masthead_left": "x" * 1001}, "Setting masthead_left is at most 1000 characters"),
        ({"tagline": 5}, "Setting tagline is text, not int"),
    ],
)
def test_a_rule_refuses_a_bad_value_with_what_is_allowed(
    changes: dict[str, object], message: str
) -> None:
    with pytest.raises(UserError, match=message):
        SiteSettings().with_changes(**changes)


def test_good_values_are_cleaned_and_converted() -> None:
    site = SiteSettings().with_changes(
        slug_style=" unicode ", locale="de-AT", headline_budget="0", tagline="  Harbour  "
    )
    assert (site.slug_style, site.language, site.headline_budget, site.tagline) == (
        "unicode", "de", 0, "Harbour",
    )  # fmt: skip
