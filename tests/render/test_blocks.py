"""Incremental body rendering: blocks, source lines, patches, and agreement with the full render."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

from newsdesk.render.blocks import (
    BodyRenderer,
    make_patch,
    needs_full_render,
    split_blocks,
    split_elements,
)
from newsdesk.render.markdown import render_body

SAMPLES = sorted(
    (Path(__file__).resolve().parents[2] / "src/newsdesk/resources/sample/articles").glob("*.md")
)

TRICKY = """# A heading

First paragraph with *emphasis* and a [link](https://example.org).

- one
- two

- three, loose

  continued inside item three

1. first
2. second

> a quote

> the same quote, second paragraph

```python
def f():

    return 1
```

::: pullquote
Walls buy time.

They do not buy permanence.
:::

| a | b |
|---|---|
| 1 | 2 |

    indented code

    more code

Term
: definition

***

Last paragraph.
"""


def _elements(blocks: list) -> list[str]:
    return [el for b in blocks for el in split_elements(b.html)]


@pytest.mark.parametrize("source", [TRICKY, *[frontmatter.load(p).content for p in SAMPLES]])
def test_blocks_render_exactly_like_the_whole_body(source: str) -> None:
    assert _elements(BodyRenderer().render(source)) == split_elements(render_body(source))


def test_plain_bodies_render_block_by_block() -> None:
    assert not needs_full_render(TRICKY)
    assert needs_full_render("See the note.[^1]\n\n[^1]: Note.")
    assert needs_full_render("A [ref][r].\n\n[r]: https://example.org")


def test_blocks_carry_their_first_source_line() -> None:
    blocks = split_blocks(TRICKY)
    lines = TRICKY.split("\n")
    assert [b.line for b in blocks][:3] == [0, 2, 4]
    for block in blocks:
        assert lines[block.line] == block.text.split("\n")[0]
    fence = next(b for b in blocks if b.text.startswith("```"))
    assert fence.text.endswith("```") and "\n\n" in fence.text
    pull = next(b for b in blocks if b.text.startswith("::: pullquote"))
    assert pull.text.endswith(":::")


def test_footnotes_fall_back_to_a_full_render_split_in_elements() -> None:
    source = "Intro with a note.[^1]\n\nSecond.\n\n[^1]: The note."
    assert needs_full_render(source)
    blocks = BodyRenderer().render(source)
    assert _elements(blocks) == split_elements(render_body(source))
    assert 'class="footnote"' in blocks[-1].html and blocks[-1].line is None
    assert [b.line for b in blocks[:2]] == [0, 2]


def test_editing_one_paragraph_patches_one_block_and_renders_one() -> None:
    paragraphs = [f"Paragraph number {i} of the story." for i in range(50)]
    renderer = BodyRenderer()
    before = renderer.render("\n\n".join(paragraphs), dateline="Doha, Qatar")
    paragraphs[25] = "Paragraph number 25 was edited."
    calls: list[str] = []
    original = renderer._render_block

    def counting(text: str) -> str:
        if text not in renderer._cache:
            calls.append(text)
        return original(text)

    renderer._render_block = counting  # type: ignore[method-assign]
    after = renderer.render("\n\n".join(paragraphs), dateline="Doha, Qatar")
    patch = make_patch(before, after)
    assert (patch.start, patch.count) == (25, 1)
    assert patch.html == ["<p>Paragraph number 25 was edited.</p>"]
    assert calls == ["Paragraph number 25 was edited."]
    assert after[0].html.startswith('<p><span class="dateline">DOHA, Qatar –</span> ')


def test_dateline_moves_with_the_first_paragraph() -> None:
    renderer = BodyRenderer()
    before = renderer.render("First.\n\nSecond.", dateline="Oslo")
    after = renderer.render("## Heading\n\nFirst.\n\nSecond.", dateline="Oslo")
    patch = make_patch(before, after)
    assert (patch.start, patch.count, patch.html) == (0, 0, ["<h2>Heading</h2>"])
    assert 'class="dateline"' in after[1].html
    assert patch.lines == [0, 2, 4]


def test_asset_urls_are_resolved_per_output() -> None:
    sha = "a" * 64
    blocks = BodyRenderer().render(
        f"![alt](asset:{sha})", resolve=lambda s: f"newsdesk://asset/{s[:4]}"
    )
    assert 'src="newsdesk://asset/aaaa"' in blocks[0].html
