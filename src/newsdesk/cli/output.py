"""Printing results: plain lines for people, JSON for programs (``--json``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from newsdesk.domain.text import printable


def emit(as_json: bool, data: Any, lines: Iterable[str] = ()) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        for line in lines:
            print(line)


def table(rows: list[list[str]], headers: list[str]) -> list[str]:
    rows = [[printable(c) for c in r] for r in rows]  # no escape sequence reaches a terminal
    widths = [
        max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)
    ]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return [fmt.format(*headers), fmt.format(*("-" * w for w in widths))] + [
        fmt.format(*r) for r in rows
    ]


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
