"""Preferences: typed defaults, only non-defaults written, versioned, corrupt files set aside."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsdesk.core.preferences import (
    VERSION,
    Preferences,
    load_preferences,
    preferences_path,
    save_preferences,
)
from newsdesk.errors import UserError


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return preferences_path(tmp_path / "config")


def test_missing_file_gives_defaults(path: Path) -> None:
    loaded = load_preferences(path)
    assert loaded.preferences == Preferences()
    assert loaded.warnings == []
    assert loaded.preferences.theme == "system"


def test_only_non_default_values_are_written_with_a_version(path: Path) -> None:
    prefs = Preferences().with_changes(theme="dark", editor_font_size=14)
    save_preferences(path, prefs)
    assert json.loads(path.read_text()) == {
        "version": VERSION,
        "theme": "dark",
        "editor_font_size": 14,
    }
    assert load_preferences(path).preferences == prefs


def test_saving_the_defaults_writes_only_the_version(path: Path) -> None:
    save_preferences(path, Preferences())
    assert json.loads(path.read_text()) == {"version": VERSION}


def test_languages_round_trip_as_a_tuple(path: Path) -> None:
    save_preferences(path, Preferences().with_changes(spellcheck_languages=["en", "de"]))
    assert load_preferences(path).preferences.spellcheck_languages == ("en", "de")


@pytest.mark.parametrize(
    ("key", "value"),
    [("theme", "purple"), ("editor_font_size", 400), ("smart_typography", "yes"), ("nope", 1)],
)
def test_bad_values_are_refused_with_a_message(key: str, value: object) -> None:
    with pytest.raises(UserError, match=key):
        Preferences().with_changes(**{key: value})


def test_bad_values_in_the_file_fall_back_to_defaults_with_warnings(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 1, "theme": "purple", "editor_font_size": 16}))
    loaded = load_preferences(path)
    assert loaded.preferences.theme == "system"
    assert loaded.preferences.editor_font_size == 16
    assert any("theme" in w for w in loaded.warnings)


def test_corrupt_file_gives_defaults_and_is_kept_as_bad(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "theme": "da')
    loaded = load_preferences(path)
    assert loaded.preferences == Preferences()
    assert len(loaded.warnings) == 1 and "unreadable" in loaded.warnings[0]
    assert not path.exists()
    assert path.with_name("preferences.json.bad").read_text() == '{"version": 1, "theme": "da'
    save_preferences(path, Preferences().with_changes(theme="light"))
    assert load_preferences(path).preferences.theme == "light"


def test_unversioned_file_is_migrated(path: Path) -> None:
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"dark_mode": True, "editor_font_size": 15}))
    loaded = load_preferences(path)
    assert loaded.preferences.theme == "dark"
    assert loaded.preferences.editor_font_size == 15
    assert loaded.warnings == []
    save_preferences(path, loaded.preferences)
    assert json.loads(path.read_text()) == {
        "version": VERSION,
        "theme": "dark",
        "editor_font_size": 15,
    }


def test_file_from_a_newer_version_is_read_but_never_overwritten(path: Path) -> None:
    path.parent.mkdir(parents=True)
    text = json.dumps({"version": VERSION + 1, "theme": "dark", "ai_assist": "on"})
    path.write_text(text)
    loaded = load_preferences(path)
    assert loaded.preferences.theme == "dark"
    assert not loaded.writable and "newer" in loaded.warnings[0]
    with pytest.raises(UserError, match="newer newsdesk"):
        save_preferences(path, loaded.preferences.with_changes(theme="light"))
    assert path.read_text() == text
