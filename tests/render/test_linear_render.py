"""The body render stays linear in its input: bracket-heavy text (80 KB of ``[a](`` took
about two minutes), lists nested 1,000 deep and 3,000 nested pull quotes render, never raise."""

from __future__ import annotations

import time

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

import newsdesk.render.linear_links as linear_links
from newsdesk.render.markdown import EXTENSIONS, render_body


def _seconds(source: str) -> float:
    best = float("inf")
    for _ in range(3):  # the best of three: the machine's load only ever adds time
        start = time.process_time()  # CPU time: other processes' load does not count
        render_body(source)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize(
    ("unit", "tail"),
    [("[a](", ""), ("[a](", ")"), ("[", "]"), ('[a]("', ")"), ("![a](", "")],
)
def test_link_openers_render_in_linear_time(unit, tail) -> None:
    """Eight times the text may take about eight times as long, not 64 (quadratic). A ratio,
    not a wall-clock limit: the machine may be loaded, the growth is what is measured."""
    small = unit * (5_000 // len(unit)) + tail
    large = unit * (40_000 // len(unit)) + tail
    ratio = _seconds(large) / max(_seconds(small), 5e-3)
    assert ratio < 24, f"40 KB took {ratio:.1f}x as long as 5 KB"


def test_the_text_of_unclosed_links_is_kept() -> None:
    html = render_body("See [the report](" * 3000 + " and [this](https://example.org/x).")
    assert html.count("[the report](") == 3000
    assert '<a href="https://example.org/x"' in html


def _plain_markdown(source: str) -> str:
    return markdown.Markdown(extensions=list(EXTENSIONS), output_format="html").convert(source)


def _linear_markdown(source: str) -> str:
    md = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
    linear_links.make_links_linear(md)
    return md.convert(source)


LINKISH = st.lists(
    st.sampled_from(
        ["[", "]", "(", ")", '"', "'", "a", " ", "!", "<", ">", "\n", "\\", "`", "[a](", '"t")']
    ),
    max_size=60,
).map("".join)


@given(LINKISH)
def test_links_parse_exactly_as_python_markdown_does(monkeypatch_short, source) -> None:
    """The fast path gives Python-Markdown's own answer (used here on every opener)."""
    assert _linear_markdown(source) == _plain_markdown(source)


@pytest.fixture(scope="module")
def monkeypatch_short():
    saved = linear_links.SHORT
    linear_links.SHORT = 0  # every opener through the fast path, not only far from the end
    yield
    linear_links.SHORT = saved


def test_a_list_nested_1000_deep_renders_flattened() -> None:
    source = "".join("    " * i + f"- item {i}\n" for i in range(1000))
    html = render_body(source)
    assert "item 0" in html and "item 999" in html
    assert html.count("<ul>") <= 70


def test_3000_nested_pull_quotes_render() -> None:
    source = "::: pullquote\n" * 3000 + "Deep words\n\n" + ":::\n\n" * 3000 + "After."
    html = render_body(source)
    assert "Deep words" in html and "After." in html
    assert html.count("<aside") <= 64


def test_shallow_nesting_is_not_touched() -> None:
    source = "- a\n    - b\n        - c\n\n::: pullquote\n::: pullquote\nInner\n:::\n:::\n"
    assert render_body(source) == render_body(source)  # stable
    html = render_body(source)
    assert html.count("<ul>") == 3 and html.count("<aside") == 2
