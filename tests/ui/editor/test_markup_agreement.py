"""The editor styles as a pull quote or as code exactly what the page renders as one: the
highlighter, the renderer's block split and its Markdown extension read the source with the
one set of patterns in ``domain.markup`` (issue 14 part 5)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette, QTextDocument

from newsdesk.domain import markup
from newsdesk.render import blocks, markdown
from newsdesk.render.markdown import render_body
from newsdesk.ui.editor import highlighter
from newsdesk.ui.editor.highlighter import FENCE, PULLQUOTE, MarkdownHighlighter, Styles


def _states(qapp, source: str) -> list[int]:
    document = QTextDocument()
    styler = MarkdownHighlighter(document, Styles(QPalette(), 12.0))
    document.setPlainText(source)
    styler.rehighlight()  # at once, not on the event loop's next turn
    block, states = document.firstBlock(), []
    while block.isValid():
        states.append(block.userState())
        block = block.next()
    return states


@pytest.mark.parametrize(
    "opener",
    [":::pullquote", "::: pullquote", ":::   pullquote   ", "::: pull quote", "::: pullquotes"],
)
def test_a_pull_quote_in_the_editor_is_one_on_the_page(qapp, opener: str) -> None:
    source = f"{opener}\nThe harbour never sleeps.\n:::\n\nAfter it."
    in_editor = _states(qapp, source)[1] == PULLQUOTE
    on_page = '<aside class="pullquote">' in render_body(source)
    assert in_editor == on_page
    assert in_editor == ("".join(opener.split()) == ":::pullquote" and "pull quote" not in opener)


# Indented, a fence is not one on the page (Python-Markdown's fenced_code opens at the line's
# start), so the editor does not style it as code either.
@pytest.mark.parametrize("fence", ["```", "~~~", "````", "``", "  ```", "   ~~~"])
def test_a_code_fence_in_the_editor_is_code_on_the_page(qapp, fence: str) -> None:
    closer = fence.strip()
    source = f"{fence}\nprint('harbour')\n{closer}\n\nAfter it."
    in_editor = _states(qapp, source)[1] == FENCE
    on_page = "<pre" in render_body(source)
    assert in_editor == on_page
    assert in_editor == (fence == closer and len(closer) >= 3)


def test_the_patterns_are_defined_once() -> None:
    assert highlighter.FENCE_LINE is markup.FENCE is blocks.FENCE
    assert highlighter.PULLQUOTE_OPEN is markup.PULLQUOTE_OPEN is markdown.PULLQUOTE_OPEN
    assert blocks.CONTAINER_END is markup.CONTAINER_END is markdown.CONTAINER_END
