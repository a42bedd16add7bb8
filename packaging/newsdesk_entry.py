"""Entry script of the PyInstaller bundle: ``newsdesk`` is the CLI (no arguments opens the
desktop app); ``newsdesk-gui`` (the same program, built windowed) always opens the desktop app."""

import multiprocessing
import os
import sys

from newsdesk.cli.main import run

if __name__ == "__main__":
    # The import renders bodies in spawned worker processes: in a frozen bundle each worker
    # is this executable again, and must become a worker here instead of running a command.
    multiprocessing.freeze_support()
    args = sys.argv[1:]
    if os.path.basename(sys.executable).startswith("newsdesk-gui") and args[:1] != ["gui"]:
        args = ["gui", *args]
    sys.exit(run(args))
