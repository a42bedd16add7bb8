"""Allows ``python -m newsdesk``."""

from newsdesk.cli.main import main

raise SystemExit(main())
