"""Full pages: Jinja2 templates and CSS from a theme folder in resources/themes/."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2

from newsdesk.errors import UserError


@dataclass(frozen=True)
class Theme:
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


def load_theme(resources: Path, name: str = "default") -> Theme:
    folder = resources / "themes" / name
    meta_file = folder / "theme.json"
    if not meta_file.is_file():
        raise UserError(f"No theme called {name!r} in {resources / 'themes'}")
    meta = json.loads(meta_file.read_text(encoding="utf-8"))
    return Theme(
        name=meta.get("name", name),
        folder=folder,
        stylesheets=list(meta.get("stylesheets", ["style.css"])),
    )


@lru_cache(maxsize=8)
def _environment(template_dir: str) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # themes do not change while newsdesk runs; skip a stat per render
    )


def render_template(theme: Theme, template: str, context: dict[str, Any]) -> str:
    env = _environment(str(theme.folder / "templates"))
    return env.get_template(template).render(**context)
