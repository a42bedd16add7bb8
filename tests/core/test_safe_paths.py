"""Relative paths inside an output folder: what ``relative_problem`` refuses and lets through."""

from __future__ import annotations

import pytest

from newsdesk.core.safe_paths import relative_problem


@pytest.mark.parametrize(
    ("rel", "problem"),
    [
        ("articles/a-story/index.html", None),
        ("tags/caf\u00e9/page/2/index.html", None),
        ("tags/no\u00a0break/index.html", None),  # not printable, not a control character
        ("tags/soft\u00adhyphen/index.html", None),  # a format character: allowed
        ("tags/bell\x07/index.html", "holds a control character"),
        ("tags/c1\x85/index.html", "holds a control character"),
        ("tags/half\ud800/index.html", "holds a control character"),
        ("tags/new\nline/index.html", "holds a control character"),
        ("../out", "leaves its folder"),
        ("a//b", "has an empty part"),
        ("/abs", "not a relative path"),
        ("a\\b", "not a relative path"),
        ("", "not a file name"),
    ],
)
def test_relative_problem(rel: str, problem: str | None) -> None:
    assert relative_problem(rel) == problem
