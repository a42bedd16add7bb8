"""The person's preferences: one typed registry, stored as a versioned JSON file in the config
folder (only values that differ from the defaults). Window state lives elsewhere.

A file from an older version is migrated; a corrupt one is set aside as ``.bad`` and the
defaults are used; a file from a newer newsdesk is read but never overwritten.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from newsdesk.core.atomic import atomic_write_bytes
from newsdesk.errors import UserError

log = logging.getLogger(__name__)

FILENAME = "preferences.json"
VERSION = 1
THEMES = ("system", "light", "dark")


def _option(default: Any, label: str, **rules: Any) -> Any:
    return field(default=default, metadata={"label": label, **rules})


@dataclass(frozen=True)
class Preferences:
    """Every preference with its default; ``metadata`` holds the label and the allowed values."""

    editor_font_family: str = _option("", "Editor font (empty: the system's monospace font)")
    editor_font_size: int = _option(12, "Editor font size", range=(6, 48))
    smart_typography: bool = _option(True, "Smart quotes and dashes while typing")
    spellcheck_languages: tuple[str, ...] = _option(("en",), "Spell-check languages")
    theme: str = _option("system", "Theme", choices=THEMES)
    autosave_seconds: int = _option(2, "Autosave after (seconds without typing)", range=(1, 60))
    welcome_shown: bool = _option(False, "The welcome has been shown")
    desk_name: str = _option("", "Your name, as the newsroom sees it (e.g. Priya Raman)")
    desk_email: str = _option("", "Your email (optional)")
    # the desktop app's own language ("" = the system's); see newsdesk.ui.i18n
    ui_language: str = _option("", "Interface language", choices=("", "en", "de"))

    def with_changes(self, **changes: Any) -> Preferences:
        for key, value in changes.items():
            problem = _problem(key, value)
            if problem:
                raise UserError(problem)
        return replace(self, **{k: _normalise(k, v) for k, v in changes.items()})

    def non_defaults(self) -> dict[str, Any]:
        out = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value != f.default:
                out[f.name] = list(value) if isinstance(value, tuple) else value
        return out


OPTIONS = {f.name: f for f in fields(Preferences)}


@dataclass(frozen=True)
class LoadedPreferences:
    preferences: Preferences
    warnings: list[str]
    writable: bool = True  # False for a file written by a newer newsdesk


def preferences_path(config_dir: Path) -> Path:
    return config_dir / FILENAME


# Each entry turns a file of version N into version N + 1. Version 0 is the unversioned file
# of early development builds, which stored the theme as "dark_mode": true/false.
def _from_v0(data: dict[str, Any]) -> dict[str, Any]:
    data = dict(data)
    dark = data.pop("dark_mode", None)
    if isinstance(dark, bool):
        data.setdefault("theme", "dark" if dark else "light")
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _from_v0}


def load_preferences(path: Path) -> LoadedPreferences:
    """The preferences in ``path`` (defaults if it is missing), with warnings for what was off."""
    if not path.exists():
        return LoadedPreferences(Preferences(), [])
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("the file does not hold a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        bad = path.with_name(path.name + ".bad")
        path.replace(bad)
        message = f"Preferences file {path} was unreadable ({exc}); using the defaults. It was kept as {bad}."
        log.warning(message)
        return LoadedPreferences(Preferences(), [message])
    version = data.pop("version", 0)
    if not isinstance(version, int):
        version = 0
    warnings: list[str] = []
    writable = version <= VERSION
    if not writable:
        warnings.append(
            f"Preferences file {path} was written by a newer newsdesk (version {version}); "
            "using what this version understands, and leaving the file as it is."
        )
    while version < VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    values: dict[str, Any] = {}
    for key, value in data.items():
        problem = _problem(key, value) if key in OPTIONS else None
        if key not in OPTIONS:
            if writable:
                warnings.append(f"Ignoring unknown preference {key!r}.")
        elif problem:
            warnings.append(f"{problem}; using the default.")
        else:
            values[key] = _normalise(key, value)
    for message in warnings:
        log.warning(message)
    return LoadedPreferences(Preferences(**values), warnings, writable)


def save_preferences(path: Path, preferences: Preferences) -> None:
    """Write the non-default values; refuses to overwrite a newer newsdesk's file."""
    if path.exists():
        try:
            on_disk = json.loads(path.read_text(encoding="utf-8")).get("version", 0)
        except (ValueError, AttributeError, UnicodeDecodeError):
            on_disk = 0  # corrupt: replacing it is the fix
        if isinstance(on_disk, int) and on_disk > VERSION:
            raise UserError(
                f"{path} belongs to a newer newsdesk; preferences were not saved. "
                "Update newsdesk to change them."
            )
    data = {"version": VERSION, **preferences.non_defaults()}
    text = json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"), private=True)


def _problem(key: str, value: Any) -> str | None:
    """Why ``value`` does not fit the preference ``key``, or None if it does."""
    option = OPTIONS.get(key)
    if option is None:
        return f"Unknown preference {key!r}; known: {', '.join(OPTIONS)}"
    default = option.default
    if isinstance(default, bool):
        ok = isinstance(value, bool)
    elif isinstance(default, int):
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif isinstance(default, tuple):
        ok = isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)
    else:
        ok = isinstance(value, str)
    if not ok:
        return f"Preference {key} cannot be {value!r}"
    low, high = option.metadata.get("range", (value, value))
    if isinstance(value, int) and not low <= value <= high:
        return f"Preference {key} must be between {low} and {high}, not {value}"
    choices = option.metadata.get("choices")
    if choices and value not in choices:
        return f"Preference {key} must be one of {', '.join(choices)}, not {value!r}"
    return None


def _normalise(key: str, value: Any) -> Any:
    return tuple(value) if isinstance(OPTIONS[key].default, tuple) else value


def dictionary_languages() -> list[str]:
    """Base languages ("en", "de") with an installed spell-check dictionary; [] without enchant."""
    try:
        import enchant
    except ImportError:  # the C library or pyenchant is missing: spell checking is off
        return []
    return sorted({tag.split("_")[0] for tag in enchant.list_languages()})
