"""Entry script of the PyInstaller bundle: ``newsdesk`` is the CLI (no arguments opens the
desktop app); ``newsdesk-gui`` (the same program, built windowed) always opens the desktop app."""

import os
import sys

from newsdesk.cli.main import main

if __name__ == "__main__":
    args = sys.argv[1:]
    if os.path.basename(sys.executable).startswith("newsdesk-gui") and args[:1] != ["gui"]:
        args = ["gui", *args]
    sys.exit(main(args))
