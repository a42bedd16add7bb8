"""The ``newsdesk`` command: every use-case without a display, ``--json`` everywhere.

Each command module registers its sub-commands; a command gets the parsed arguments and an
open services context, and returns an exit status.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from newsdesk import __version__
from newsdesk.errors import UserError

if TYPE_CHECKING:
    from pathlib import Path

    from newsdesk.services.opening import AppContext

# The modules under newsdesk.cli that register commands, in the order ``--help`` lists them.
# Imported only when a command is parsed, so opening the desktop app loads none of them.
COMMAND_MODULES = [
    "articles", "transfer", "search", "taxonomy", "settings", "doctor", "publish", "trash",
    "looks", "themes", "recover", "newsroom",
]  # fmt: skip
# Which module registers each top-level command: running a command imports its module alone
# (``newsdesk search`` starts without the export, publishing or import code). Add a line when
# you add a command; a module in COMMAND_MODULES that no line names is imported for every
# command — still correct, only slower to start (tests/cli/test_startup.py tells).
COMMANDS: dict[str, str] = {
    "article": "articles",
    "import": "transfer",
    "export": "transfer",
    "search": "search",
    "section": "taxonomy",
    "tag": "taxonomy",
    "settings": "settings",
    "doctor": "doctor",
    "target": "publish",
    "publish": "publish",
    "unpublish": "publish",
    "outbox": "publish",
    "trash": "trash",
    "look": "looks",
    "theme": "themes",
    "library": "recover",
    "desk": "newsroom",
}
_VALUE_OPTIONS = {"--db", "--basedir"}
# The commands that may start a new library at a --db path where there is none: the ones that
# add something to it. Any other command (a read, or a change to something that cannot be in
# an empty library) refuses a missing library, so a mistyped path makes no empty file.
# ``--create`` lets any command create it. The default library is always made on first use.
CREATING_COMMANDS = frozenset(
    {
        "article add", "import", "section add", "tag add", "settings set", "target add",
        "theme use", "theme new", "target look",
    }
)  # fmt: skip


def common_options() -> argparse.ArgumentParser:
    """Options accepted both before and after the command name."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="machine-readable output"
    )
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="library file, or a database URL such as postgresql+psycopg://host/db (or NEWSDESK_DB)",
    )
    common.add_argument(
        "--basedir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="keep all data, settings and logs in DIR",
    )
    return common


def command_name(argv: Sequence[str]) -> str | None:
    """The command the arguments name (the first word that is not an option), if any."""
    tokens = iter(argv)
    for token in tokens:
        if token in _VALUE_OPTIONS:
            next(tokens, None)
        elif not token.startswith("-"):
            return token
    return None


def command_words(argv: Sequence[str]) -> list[str]:
    """The first two words that are not options (``article add``, ``import FILE``)."""
    words: list[str] = []
    tokens = iter(argv)
    for token in tokens:
        if token in _VALUE_OPTIONS:
            next(tokens, None)
        elif not token.startswith("-"):
            words.append(token)
            if len(words) == 2:
                break
    return words


def may_create(argv: Sequence[str]) -> bool:
    """Whether the command may create a library that is not there yet."""
    words = command_words(argv)
    return " ".join(words[:1]) in CREATING_COMMANDS or " ".join(words) in CREATING_COMMANDS


def check_library_exists(args: argparse.Namespace, argv: Sequence[str]) -> None:
    """Refuse a library path with nothing there, unless the command may create one."""
    from newsdesk.paths import named_library, resolve_paths

    named = named_library(getattr(args, "db", None))
    if isinstance(named, str) or (named is not None and named.exists()):
        return  # told without working out the profile's folders
    paths = resolve_paths(getattr(args, "db", None), getattr(args, "basedir", None))
    if paths.db_url is not None or paths.is_default_library or paths.db_path.exists():
        return
    if getattr(args, "create_library", False) or may_create(argv):
        return
    raise UserError(
        f"There is no library at {paths.db_path} (a mistyped --db?); nothing was created. "
        "To start a new library there, run the command again with --create."
    )


def modules_for(command: str | None) -> list[str]:
    """The command modules to import to parse ``command``: every one for help or a typo."""
    if command not in COMMANDS:
        return list(COMMAND_MODULES)
    named = set(COMMANDS.values())
    return [COMMANDS[command]] + [m for m in COMMAND_MODULES if m not in named]


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser for ``command`` (its module's commands), or for every command when None."""
    common = common_options()
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="newsdesk — write, preview, export and publish news articles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    parser.add_argument(
        "--create",
        dest="create_library",
        action="store_true",
        help="create the library named by --db if there is none (before the command; a "
        "command that adds something creates it anyway)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = sub.add_parser("gui", parents=[common], help="open the desktop app (the default)")
    gui.set_defaults(func=None)
    # hidden: start-up checks of a bundle (ui/smoke.py) and of Qt for `newsdesk doctor`
    gui.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    gui.add_argument("--selftest", action="store_true", help=argparse.SUPPRESS)
    for name in modules_for(command):
        importlib.import_module(f"newsdesk.cli.{name}").register(sub, common)
    return parser


def _gui_parser() -> argparse.ArgumentParser:
    """The few options of ``newsdesk [gui]``: parsed without loading any command module."""
    parser = argparse.ArgumentParser(prog="newsdesk", parents=[common_options()])
    parser.add_argument("command", nargs="?", choices=["gui"])
    parser.add_argument("--smoke-test", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--selftest", action="store_true", help=argparse.SUPPRESS)
    return parser


def wants_gui(argv: Sequence[str]) -> bool:
    """True when the arguments name no command other than ``gui`` (and ask for no help)."""
    tokens = iter(argv)
    for token in tokens:
        if token in ("-h", "--help", "--version"):
            return False
        if token in _VALUE_OPTIONS:
            next(tokens, None)
        elif not token.startswith("-"):
            return token == "gui"
    return True


def _run_gui(args: argparse.Namespace) -> int:
    if getattr(args, "selftest", False):
        from newsdesk.ui.selftest import run

        return run()
    if getattr(args, "smoke_test", False):
        from newsdesk.ui.smoke import run_smoke

        return run_smoke(db=getattr(args, "db", None), basedir=getattr(args, "basedir", None))
    from newsdesk.ui.app import run_gui

    return run_gui(db=getattr(args, "db", None), basedir=getattr(args, "basedir", None))


def _warn_if_damaged(ctx: AppContext) -> None:
    message = ctx.damage_warning()
    if message is not None:
        print(f"newsdesk: warning: {message}", file=sys.stderr)


def run(argv: Sequence[str] | None = None) -> int:
    """The process's own entry point (the ``newsdesk`` script, ``python -m newsdesk``):
    :func:`main`, after which what it made is left out of the collection Python makes as it
    exits. That walked every object the command loaded, only to free memory the exit frees
    anyway (~15 ms of a one-edit site re-export's ~170 ms of CPU). Python does not promise
    to finalize objects still alive at exit, so no behaviour depends on it. Not for callers
    that go on running in the same process (they call :func:`main`). The desktop app is left
    to exit as it always has (Qt's objects go in the order Python's collection gives them)."""
    import gc

    args = list(sys.argv[1:] if argv is None else argv)
    status = main(args)
    if not wants_gui(args):
        gc.freeze()
    return status


def main(argv: Sequence[str] | None = None) -> int:
    own_process = argv is None  # the command line's own run, not a caller's (tests, the app)
    argv = list(sys.argv[1:] if argv is None else argv)
    if wants_gui(argv):
        return _run_gui(_gui_parser().parse_args(argv))
    command = command_name(argv)
    if command is None and "--version" in argv:
        print(f"newsdesk {__version__}")
        return 0
    parser = build_parser(command)
    args = parser.parse_args(argv)
    args.json = getattr(args, "json", False)
    func: Callable[[argparse.Namespace, AppContext], int] | None = getattr(args, "func", None)
    if args.command in (None, "gui"):
        return _run_gui(args)
    standalone: Callable[[argparse.Namespace], int] | None = getattr(args, "standalone", None)
    if standalone is not None:  # e.g. doctor: must not open (and so migrate) the library
        try:
            return standalone(args)
        except UserError as exc:
            print(f"newsdesk: error: {exc}", file=sys.stderr)
            return 1
    assert func is not None
    try:
        check_library_exists(args, argv)
    except UserError as exc:
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        return 1
    quick: Callable[[argparse.Namespace], int | None] | None = getattr(args, "quick", None)
    if quick is not None:  # e.g. search: reads a current library file without opening it fully
        try:
            status = quick(args)
        except UserError as exc:
            print(f"newsdesk: error: {exc}", file=sys.stderr)
            return 1
        if status is not None:
            if status == 0 and own_process and getattr(args, "leave_at_once", False):
                _leave_at_once(status)
            return status
    import logging  # here: a quick command never logs, and logging costs ~10 ms to import

    logging.basicConfig(level=logging.WARNING, format="newsdesk: %(levelname)s: %(message)s")
    from newsdesk.logredact import RedactingFilter

    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactingFilter())  # no password from a URL on stderr
    from newsdesk.services.opening import open_context

    try:
        ctx = open_context(getattr(args, "db", None), getattr(args, "basedir", None))
    except UserError as exc:
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        return 1
    new_library = ctx.library.path if ctx.library.created else None
    status = 1
    try:
        status = func(args, ctx)
        _warn_if_damaged(ctx)  # after the output; a failed command says so in its one error
        if status == 0 and new_library is not None:
            print(f"newsdesk: created a new library at {new_library}", file=sys.stderr)
        return status
    except UserError as exc:
        print(f"newsdesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("newsdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``newsdesk article list | head``): stop quietly, and keep
        # Python from complaining again when it flushes stdout at exit.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    finally:
        ctx.close()
        if status != 0 and new_library is not None:
            _remove_new_library(new_library)


def _leave_at_once(status: int) -> None:
    """End the process without taking its objects down one by one (a whole site export holds
    hundreds of thousands: 0.3-0.6 s at 20,000 articles), once the command's work is all done
    (the library committed and closed, the site's files flushed): its output is flushed and
    the threads it left running (an old site being deleted) are waited for first. Returns
    when the output cannot be flushed, for the usual exit to report it."""
    import threading

    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:
        return
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    os._exit(status)


def _remove_new_library(path: Path) -> None:
    """A library this run created for a command that then failed holds nothing (the failed
    transaction was rolled back): take it away again, so a mistake leaves no empty file."""
    import sqlite3

    try:
        with sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True) as conn:
            kept = sum(
                conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in _CONTENT_TABLES
            )
        conn.close()
    except sqlite3.Error:
        return  # not what we expected to find: leave it alone
    if kept:
        return
    for name in (path.name, f"{path.name}-wal", f"{path.name}-shm"):
        (path.parent / name).unlink(missing_ok=True)


# What a person could have put into a library: a new one holding any of these is kept.
_CONTENT_TABLES = ("article", "section", "tag", "asset", "publish_target", "site_look")
