"""What is made once and kept between runs (``render.kept``): a theme's ``theme.toml`` is
parsed once and read back without ``tomllib`` (whose import alone cost ~8 ms of a one-edit
site re-export); a changed or damaged copy is parsed again, never served stale."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from newsdesk.errors import UserError
from newsdesk.render import kept
from newsdesk.render.themes import read_theme_info

THEME = 'name = "Harbour"\nversion = "1.2"\nstylesheets = ["style.css", "print.css"]\n'


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(kept, "cache_dir", lambda: folder)
    return folder


def _theme(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "theme"
    folder.mkdir(exist_ok=True)
    (folder / "theme.toml").write_text(text, encoding="utf-8")
    return folder


def _no_toml(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again")

    monkeypatch.setattr(tomllib, "loads", refuse)


def test_a_theme_description_is_parsed_once(tmp_path, cache, monkeypatch) -> None:
    folder = _theme(tmp_path, THEME)
    first = read_theme_info(folder)
    assert (first.name, first.version, first.stylesheets) == ("Harbour", "1.2",
                                                                ["style.css", "print.css"])  # fmt: skip
    assert len(list(cache.iterdir())) == 1
    with monkeypatch.context() as m:
        _no_toml(m)
        assert read_theme_info(folder) == first

    _theme(tmp_path, THEME.replace("1.2", "1.3"))  # changed: parsed again
    assert read_theme_info(folder).version == "1.3"
    for path in cache.iterdir():
        path.write_bytes(path.read_bytes()[:-4] + b"xxxx")  # damaged: parsed again
    assert read_theme_info(folder).version == "1.3"


def test_what_json_cannot_hold_is_parsed_every_time(tmp_path, cache) -> None:
    folder = _theme(tmp_path, THEME + "released = 2024-05-01\n")
    assert read_theme_info(folder).name == "Harbour"
    assert list(cache.iterdir()) == []


def test_a_broken_theme_description_is_still_refused(tmp_path, cache) -> None:
    folder = _theme(tmp_path, 'name = "Harbour\n')
    with pytest.raises(UserError, match=r"theme\.toml"):
        read_theme_info(folder)
    assert list(cache.iterdir()) == []


def test_without_a_cache_folder_it_is_parsed(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(kept, "cache_dir", lambda: None)
    assert read_theme_info(_theme(tmp_path, THEME)).version == "1.2"
