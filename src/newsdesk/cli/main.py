"""The ``newsdesk`` command: every use-case without a display, ``--json`` everywhere.

Each command module registers its sub-commands; a command gets the parsed arguments and an
open services context, and returns an exit status.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence

from newsdesk import __version__
from newsdesk.cli import articles, io, library, publish
from newsdesk.errors import UserError
from newsdesk.services.context import AppContext, open_context

COMMAND_MODULES = [articles, io, library, publish]

log = logging.getLogger("newsdesk")


def common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    common.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="library file (or NEWSDESK_DB)"
    )
    common.add_argument(
        "--basedir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep all data, settings and logs in DIR",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="newsdesk — write, preview, export and publish news articles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the desktop app (the default)")
    gui.set_defaults(func=None)
    for module in COMMAND_MODULES:
        module.register(sub, common)
    return parser


def _run_gui(args: argparse.Namespace) -> int:
    from newsdesk.ui.app import run_gui

    return run_gui(db=getattr(args, "db", None), basedir=getattr(args, "basedir", None))


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.json = getattr(args, "json", False)
    func: Callable[[argparse.Namespace, AppContext], int] | None = getattr(args, "func", None)
    if args.command in (None, "gui"):
        return _run_gui(args)
    assert func is not None
    logging.basicConfig(level=logging.WARNING, format="newsdesk: %(levelname)s: %(message)s")
    try:
        ctx = open_context(getattr(args, "db", None), getattr(args, "basedir", None))
    except UserError as exc:
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        return 1
    try:
        return func(args, ctx)
    except UserError as exc:
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdesk: interrupted", file=sys.stderr)
        return 130
    finally:
        ctx.close()
