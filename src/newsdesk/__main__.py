"""Allows ``python -m newsdesk``."""

from newsdesk.cli.main import run

# Guarded: worker processes started with ``spawn`` (the import's renderers) import the main
# module again, and must not run the command a second time.
if __name__ == "__main__":
    raise SystemExit(run())
