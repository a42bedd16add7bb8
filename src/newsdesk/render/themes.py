"""Theme folders a newsroom makes its own: ``theme.toml`` (name, version, the site-setting
slots the templates show, the locales they have words for), ``templates/`` (Jinja) and
``static/`` (CSS, fonts, images). The built-in theme lives in ``resources/themes/``; a
newsroom's themes in ``<data dir>/themes/<name>/`` (``newsdesk theme new``)."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsdesk.errors import UserError

BUILTIN = "default"
SLOTS = ("site_name", "tagline", "masthead_left", "masthead_right", "footer_text",
         "date_format", "weather")  # fmt: skip


@dataclass(frozen=True)
class ThemeInfo:
    name: str
    folder: Path
    version: str = ""
    description: str = ""
    stylesheets: list[str] = field(default_factory=lambda: ["style.css"])
    slots: list[str] = field(default_factory=list)
    locales: list[str] = field(default_factory=lambda: ["en"])
    builtin: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "folder": str(self.folder), "version": self.version,
                "description": self.description, "stylesheets": self.stylesheets,
                "slots": self.slots, "locales": self.locales, "builtin": self.builtin}  # fmt: skip


def read_theme_info(folder: Path, builtin: bool = False) -> ThemeInfo:
    """A theme folder's description: ``theme.toml``, else the older ``theme.json``."""
    toml_file, json_file = folder / "theme.toml", folder / "theme.json"
    try:
        if toml_file.is_file():
            meta: dict[str, Any] = _parsed_toml(toml_file.read_text(encoding="utf-8"))
        elif json_file.is_file():
            meta = json.loads(json_file.read_text(encoding="utf-8"))
        else:
            raise UserError(f"{folder} is not a theme folder (it has no theme.toml)")
    except (ValueError, UnicodeDecodeError) as exc:  # TOMLDecodeError is a ValueError
        raise UserError(f"{folder / 'theme.toml'}: {exc}") from exc
    except OSError as exc:
        raise UserError(f"Cannot read the theme in {folder}: {exc.strerror or exc}") from exc

    def strings(key: str, default: list[str]) -> list[str]:
        value = meta.get(key, default)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UserError(f"{toml_file}: {key} must be a list of strings")
        return list(value)

    return ThemeInfo(
        name=str(meta.get("name", folder.name)),
        folder=folder,
        version=str(meta.get("version", "")),
        description=str(meta.get("description", "")),
        stylesheets=strings("stylesheets", ["style.css"]),
        slots=strings("slots", []),
        locales=strings("locales", ["en"]),
        builtin=builtin,
    )


def _parsed_toml(text: str) -> dict[str, Any]:
    """``theme.toml`` parsed. What it parses to is kept between runs under the digest of the
    text (``render.kept``): importing ``tomllib`` compiles its pattern for numbers, ~8 ms of
    every one-edit site re-export, for the same few lines each time. A text whose values JSON
    cannot hold (a TOML date) is parsed every time."""
    import hashlib

    from newsdesk.render.kept import cache_dir, keep, read_kept

    cache = cache_dir()
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"  # tomllib is the standard library's
    key = hashlib.sha256(f"{version}\0{text}".encode()).hexdigest()
    kept = cache / f"newsdesk-theme-{key}.json" if cache is not None else None
    if kept is not None:
        found = read_kept(kept)
        if found is not None:
            return dict(json.loads(found))
    import tomllib

    meta = tomllib.loads(text)
    if kept is not None:
        try:
            body = json.dumps(meta, allow_nan=True).encode()
        except (TypeError, ValueError):
            return meta
        if json.loads(body) == meta:
            keep(kept, body)
    return meta


@dataclass(frozen=True)
class Theme:
    """A theme as the renderer uses it: its folder and the stylesheets its pages link."""

    name: str
    folder: Path
    stylesheets: list[str] = field(default_factory=list)

    @property
    def static_dir(self) -> Path:
        return self.folder / "static"

    def stylesheet_text(self) -> str:
        return "\n".join(
            (self.static_dir / name).read_text(encoding="utf-8") for name in self.stylesheets
        )


def load_theme(resources: Path, name: str = BUILTIN) -> Theme:
    """The theme the site's ``theme`` setting names: a built-in theme by name, or a theme
    folder by its path (a newsroom's own, ``newsdesk theme use``). Every page (preview, export,
    bundle, publish, the theme check) loads its theme here."""
    folder = resources / "themes" / name  # an absolute ``name`` is the folder itself
    if not folder.is_dir():
        raise UserError(f"No theme called {name!r} in {resources / 'themes'}")
    info = read_theme_info(folder)
    return Theme(name=info.name, folder=folder, stylesheets=info.stylesheets)


def user_themes_dir(data_dir: Path) -> Path:
    return data_dir / "themes"


def list_themes(resources: Path, data_dir: Path) -> list[ThemeInfo]:
    """The built-in themes, then the newsroom's own, by folder name."""
    found = []
    for root, builtin in ((resources / "themes", True), (user_themes_dir(data_dir), False)):
        if not root.is_dir():
            continue
        for folder in sorted(p for p in root.iterdir() if p.is_dir()):
            try:
                found.append(read_theme_info(folder, builtin))
            except UserError:
                continue  # not a theme (a half-made folder): `theme check` says why
    return found


def find_theme(resources: Path, data_dir: Path, name_or_path: str) -> ThemeInfo:
    """A theme by its folder name (built-in first) or by the path of its folder."""
    candidate = Path(name_or_path).expanduser()
    if candidate.is_absolute() or "/" in name_or_path or name_or_path.startswith("."):
        return read_theme_info(candidate.resolve())
    for root, builtin in ((resources / "themes", True), (user_themes_dir(data_dir), False)):
        if (root / name_or_path).is_dir():
            return read_theme_info(root / name_or_path, builtin)
    raise UserError(f"No theme called {name_or_path!r} (see 'newsdesk theme list')")


def setting_value(info: ThemeInfo) -> str:
    """What the site's ``theme`` setting holds for this theme: a built-in theme's name, or
    the folder of a newsroom's own theme."""
    return info.folder.name if info.builtin else str(info.folder)


def new_theme(resources: Path, data_dir: Path, name: str, dest: Path | None = None) -> ThemeInfo:
    """Copy the built-in theme into a new folder called ``name`` as a start."""
    slug = name.strip()
    if not slug or any(c in slug for c in '/\\:*?"<>|') or slug.startswith("."):
        raise UserError(f"{name!r} cannot be a theme's folder name")
    folder = (dest or user_themes_dir(data_dir)) / slug
    if folder.exists():
        raise UserError(f"{folder} already exists")
    source = resources / "themes" / BUILTIN
    folder.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("theme.json", "__pycache__"))
    meta = (source / "theme.toml").read_text(encoding="utf-8")
    meta = meta.replace('name = "Default"', f"name = {json.dumps(slug)}", 1)
    meta = meta.replace('version = "1.0"', 'version = "0.1"', 1)
    (folder / "theme.toml").write_text(meta, encoding="utf-8")
    return read_theme_info(folder)
