"""Sample content for a first run: fictional articles across sections, with images."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdesk.core import taxonomy
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.importers.markdown import import_markdown_files

if TYPE_CHECKING:
    from newsdesk.core.context import AppContext

SECTION_ORDER = ["World", "Business", "Science", "Sport", "Culture"]


def seed_sample_library(ctx: AppContext) -> int:
    """Fill an empty library with the bundled sample articles; returns how many."""
    folder = ctx.resources / "sample" / "articles"
    files = sorted(folder.glob("*.md"))
    with ctx.session() as session:
        for name in SECTION_ORDER:
            taxonomy.ensure_section(session, name)
        import_markdown_files(session, files)
        settings = load_settings(session).with_changes(
            masthead_left="Doha 24°C · clear skies", masthead_right="Markets: FTSE 100 ▲ 0.4%"
        )
        save_settings(session, settings)
    return len(files)
