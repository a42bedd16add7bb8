"""Who is working: the desk identity (a name and an optional email) that every revision,
stage change, note, correction and publish records, and how it is shown ("Priya Raman, 10:32").

It is a preference of the person (Preferences → desk name/email, or ``newsdesk desk set``);
``NEWSDESK_DESK="Priya Raman <priya@example.org>"`` overrides it for one run (scripts, tests,
a shared terminal).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from newsdesk.core.preferences import load_preferences, preferences_path, save_preferences
from newsdesk.errors import UserError

ENV = "NEWSDESK_DESK"
MAX_NAME = 80
_ADDRESS = re.compile(r"^\s*(?P<name>[^<>]*?)\s*(?:<(?P<email>[^<>]*)>)?\s*$")


@dataclass(frozen=True)
class Desk:
    name: str = ""
    email: str = ""

    @property
    def known(self) -> bool:
        return bool(self.name)

    def __str__(self) -> str:
        return f"{self.name} <{self.email}>" if self.email else self.name


def parse_desk(text: str) -> Desk:
    """``Priya Raman <priya@example.org>`` or just ``Priya Raman``."""
    found = _ADDRESS.match(text)
    if not found:
        raise UserError(f"{text!r} is not a name, or a name and <email>")
    return check_desk(found["name"], found["email"] or "")


def check_desk(name: str, email: str = "") -> Desk:
    name, email = " ".join(name.split()), email.strip()
    if len(name) > MAX_NAME:
        raise UserError(f"A desk name has at most {MAX_NAME} characters")
    if any(ch in name for ch in "<>\n"):
        raise UserError("A desk name cannot hold < > or line breaks")
    if email and not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+", email):
        raise UserError(f"{email!r} is not an email address")
    if email and not name:
        raise UserError("Give a name with the email")
    return Desk(name, email)


def current_desk(config_dir: Path) -> Desk:
    """The desk of this run: NEWSDESK_DESK, else the preferences, else nobody yet."""
    override = os.environ.get(ENV, "").strip()
    if override:
        return parse_desk(override)
    prefs = load_preferences(preferences_path(config_dir)).preferences
    return Desk(prefs.desk_name, prefs.desk_email)


def set_desk(config_dir: Path, name: str, email: str = "") -> Desk:
    desk = check_desk(name, email)
    path = preferences_path(config_dir)
    prefs = load_preferences(path).preferences
    config_dir.mkdir(parents=True, exist_ok=True)
    save_preferences(path, prefs.with_changes(desk_name=desk.name, desk_email=desk.email))
    return desk


def stamp(desk: str, moment: datetime | None) -> str:
    """ "Priya Raman, 10:32" (local time; the date too when it is not today)."""
    if moment is None:
        return desk
    local = moment.astimezone()
    today = datetime.now(local.tzinfo).date()
    when = local.strftime("%H:%M") if local.date() == today else local.strftime("%d %b %Y %H:%M")
    return f"{desk}, {when}" if desk else when
