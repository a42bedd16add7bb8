"""Registering commands: a command group (``newsdesk look …``) and its actions, each with the
shared options, so every ``cli/<module>.register`` reads as the list of what it offers."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

Sub = argparse._SubParsersAction  # type: ignore[type-arg]


def group(sub: Sub, common: argparse.ArgumentParser, name: str, help: str) -> Sub:
    """``newsdesk NAME ACTION``: the group's parser, returning where its actions go."""
    parser = sub.add_parser(name, parents=[common], help=help)
    return parser.add_subparsers(dest="action", metavar="ACTION", required=True)


def action(
    sub: Sub,
    common: argparse.ArgumentParser,
    name: str,
    help: str,
    func: Callable[..., int],
    *positionals: str,
    standalone: bool = False,
) -> argparse.ArgumentParser:
    """One action taking the ``positionals`` (names); ``func(args, ctx)``, or ``func(args)``
    without a library when ``standalone``. Returns its parser for further options."""
    parser = sub.add_parser(name, parents=[common], help=help)
    for positional in positionals:
        parser.add_argument(positional)
    defaults: dict[str, Any] = {"standalone": func, "func": None} if standalone else {"func": func}
    parser.set_defaults(**defaults)
    return parser
