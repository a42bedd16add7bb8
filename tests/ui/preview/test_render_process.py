"""A long article's typing is rendered in a child process (no GIL shared with the GUI thread):
the real pane, the real child, the real QtWebEngine page. If the child dies, the preview
still follows the typing (its worker thread renders instead)."""

from __future__ import annotations

import os
import signal

from tests.ui.preview.test_pane import _article, js, opened, show  # noqa: F401

from newsdesk.render.blocks import BodyRenderer
from newsdesk.services.preview_render import render_blocks
from newsdesk.ui.preview.pane import PROCESS_CHARS

LONG = [
    f"Paragraph {i} of the council's long report on the harbour wall, read line by line by "
    "the reporter who sat through the whole meeting."
    for i in range(200)
]
NTH = "document.querySelectorAll('.article-body > *')[{n}].textContent"


def test_a_long_article_is_patched_from_the_render_process(qtbot, opened, ctx) -> None:  # noqa: F811
    pane, _ = opened
    body = "\n\n".join(LONG)
    assert len(body) >= PROCESS_CHARS
    show(qtbot, pane, _article(ctx, body))
    qtbot.waitUntil(lambda: pane._render_process.ready, timeout=20000)
    edited = list(LONG)
    edited[120] = "Paragraph 120 was *rewritten* in the render process."
    with qtbot.waitSignal(pane.page_ready, timeout=10000):
        pane.update_body("\n\n".join(edited))
    assert (
        js(qtbot, pane, NTH.format(n=120)) == "Paragraph 120 was rewritten in the render process."
    )
    assert pane._render_process.ready  # it answered: the thread did not take over

    # The child is killed: the next keystrokes still reach the page (rendered on the thread).
    pid = pane._render_process.pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    edited[121] = "Paragraph 121 typed after the render process died."
    pane.update_body("\n\n".join(edited))
    qtbot.waitUntil(lambda: js(qtbot, pane, NTH.format(n=121)) == edited[121], timeout=15000)
    assert not pane._render_process.usable
    pane.shutdown()


def test_the_child_renders_what_the_thread_renders() -> None:
    body = "\n\n".join([*LONG[:5], "> A quote", "- one\n- two", "![pic](asset:" + "a" * 64 + ")"])
    ours = render_blocks(BodyRenderer(), body, "Porto Calhau", "caps-dash", "wordpress")
    expected = BodyRenderer().render(body, "Porto Calhau", "caps-dash")
    assert len(ours) == len(expected)
    assert "wp-block-quote" in ours[5].html  # the platform's own classes
    assert "asset:" + "a" * 64 in ours[-1].html  # resolved by the pane, with its URL map


def test_only_the_edit_crosses_the_pipe() -> None:
    from newsdesk.domain.diff import common_ends

    old = "\n\n".join(LONG)
    for new in (old[:500] + "x" + old[500:], old[:500] + old[502:], old + " end", "new" + old, ""):
        prefix, suffix = common_ends(old, new)
        assert old[:prefix] + new[prefix : len(new) - suffix] + old[len(old) - suffix :] == new
        assert len(new) - prefix - suffix <= 4
