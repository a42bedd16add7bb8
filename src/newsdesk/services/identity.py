"""Who is working: the desk identity of this run (``NEWSDESK_DESK``, else the person's
preferences) for ``newsdesk desk`` and the desktop app, and how a desk and a moment are shown
("Priya Raman, 10:32"). The rules are :mod:`newsdesk.core.desk`'s."""

from __future__ import annotations

from newsdesk.core.desk import ENV, Desk, check_desk, current_desk, set_desk, stamp

__all__ = ["ENV", "Desk", "check_desk", "current_desk", "set_desk", "stamp"]
