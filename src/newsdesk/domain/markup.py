"""The Markdown source's fenced regions, written once: a code fence (three or more backticks
or tildes at the start of the line, as Python-Markdown's ``fenced_code`` opens one) and
newsdesk's ``::: pullquote`` container with its closing ``:::``. Each pattern reads one line. The renderer's block split (``render.blocks``),
its Markdown extension (``render.markdown``) and the editor's highlighter
(``ui.editor.highlighter``) all use these, so what the editor shows as a pull quote or as code
is what the page renders as one."""

from __future__ import annotations

import re

FENCE = re.compile(r"^(`{3,}|~{3,})")  # group 1: the fence's characters
PULLQUOTE_OPEN = re.compile(r"^:::\s*pullquote\s*$")
CONTAINER_END = re.compile(r"^:::\s*$")
