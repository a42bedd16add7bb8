"""The preview's body blocks, rendered for typing, in the GUI's worker thread or in a child
process of their own.

A long article's block render is several milliseconds of Python per keystroke; on a thread it
holds the GIL while the GUI thread wants it for the next keystroke (whole-window typing p95 of
30–60 ms on a 10,000-word article, issue 11). ``serve`` runs the same render in a child process
(ReText's way), so the GUI thread only sends the text and patches what comes back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from newsdesk.render.blocks import BodyRenderer, RenderedBlock, make_patch, resolve_assets

# The block types and the patch between two renders, for the preview pane.
__all__ = ["BodyRenderer", "RenderedBlock", "make_patch", "render_blocks", "resolve_assets"]

READY = "ready"  # the child's first message: imported, waiting for work


def render_blocks(
    renderer: BodyRenderer,
    markdown: str,
    dateline: str,
    style: str,
    platform: str = "",
    resolve: Callable[[str], str] | None = None,
) -> list[RenderedBlock]:
    """The body's blocks with ``asset:SHA`` URLs rewritten by ``resolve(sha)`` (without it,
    left for the caller); in a site look, with the platform's own block classes
    (``wp-block-quote``…)."""
    blocks = renderer.render(markdown, dateline, style, resolve)
    if platform:
        from newsdesk.looks.render import platform_classes

        blocks = [dataclasses.replace(b, html=platform_classes(b.html, platform)) for b in blocks]
    return blocks


def serve(conn: Any) -> None:
    """The child's loop. In: ``(seq, (prefix, suffix, middle), dateline, style, platform)``,
    the body as an edit of the previous one (the first is ``(0, 0, whole body)``). Out:
    ``(seq, (start, count, [(html, line)…], lines), None)`` — the blocks replacing ``count``
    at ``start`` of the previous answer, and every block's line — or ``(seq, None, error)``.
    ``None`` in (or the pipe closing) ends it."""
    from newsdesk.render.blocks import diff

    renderer = BodyRenderer()
    text = ""
    shown: list[RenderedBlock] = []
    conn.send(READY)
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        seq, (prefix, suffix, middle), dateline, style, platform = request
        text = text[:prefix] + middle + text[len(text) - suffix :]
        try:
            blocks = render_blocks(renderer, text, dateline, style, platform)
        except Exception as exc:  # reported to the window, which renders on its thread instead
            conn.send((seq, None, f"{type(exc).__name__}: {exc}"))
            continue
        start, count, html = diff([b.html for b in shown], [b.html for b in blocks])
        shown = blocks
        conn.send((seq, (start, count, html, [b.line for b in blocks]), None))


def main(argv: list[str]) -> None:
    """``python -m newsdesk.services.preview_render FD``: serve on the socket ``FD``."""
    from multiprocessing.connection import Connection

    serve(Connection(int(argv[1])))


if __name__ == "__main__":
    import sys

    main(sys.argv)
