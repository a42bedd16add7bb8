"""Printing results: plain lines for people, JSON for programs (``--json``)."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from typing import Any

from newsdesk.domain.text import printable


def emit(as_json: bool, data: Any, lines: Iterable[str] = ()) -> None:
    if as_json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    else:
        for line in lines:
            print(line)


def emit_rows(as_json: bool, data: list[dict[str, Any]], columns: dict[str, str]) -> None:
    """Rows as JSON, or as a table of some of their ``columns`` (key → heading)."""
    rows = [[str(d[key]) for key in columns] for d in data]
    emit(as_json, data, table(rows, list(columns.values())))


def done(work: Callable[[Any, Any], Any], told: Callable[[Any], str]) -> Callable[[Any, Any], int]:
    """A command that runs ``work(session, args)`` (a use case) in one transaction and prints
    its result: ``to_json()`` with ``--json``, else the line ``told(result)``."""

    def command(args: Any, ctx: Any) -> int:
        with ctx.session() as session:
            result = work(session, args)
        emit(args.json, result.to_json(), [told(result)])
        return 0

    return command


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
