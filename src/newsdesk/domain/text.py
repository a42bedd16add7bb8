"""Text at the edge: what may enter the library from a file, a form or the command line.

Control characters (C0 other than tab and line breaks, DEL, C1) have no place in an article:
they make feeds not well-formed XML and drive terminals (escape sequences). Lone surrogates
cannot be stored as UTF-8 at all. Identifiers must be what they claim to be.
"""

from __future__ import annotations

import re

from newsdesk.errors import UserError

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_SURROGATES = re.compile(r"[\ud800-\udfff]")


_EITHER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without control characters (tab and line breaks kept) or lone surrogates."""
    if not _EITHER.search(text):  # nearly always: one pass over the text, not two
        return text
    if _CONTROLS.search(text):
        text = _CONTROLS.sub("", text)
    if _SURROGATES.search(text):
        text = _SURROGATES.sub("\ufffd", text)
    return text


def printable(text: str) -> str:
    """For a terminal: every control character shown as an escape, never sent raw."""
    return "".join(
        ch if ch == "\t" or not (_CONTROLS.match(ch) or ch in "\r\n") else repr(ch)[1:-1]
        for ch in _SURROGATES.sub("\ufffd", text)
    )


def canonical_uuid(value: object, what: str = "uuid") -> str:
    """The canonical spelling of a UUID (lower case, hyphenated), or a ``UserError``."""
    import uuid  # here: it imports platform, ~5 ms of every command's start-up

    text = str(value).strip().removeprefix("urn:uuid:")
    try:
        return str(uuid.UUID(text))
    except ValueError:
        shown = clean_text(str(value))[:60]
        raise UserError(f"The {what} {shown!r} is not a UUID") from None
