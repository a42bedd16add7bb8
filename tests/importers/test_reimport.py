"""Re-importing never changes an article's URL: every importer updates through one upsert.

Each format is imported, its source is edited (a new headline) and imported again: the
article is updated in place and keeps its slug. Where the source names no slug, an editor's
own slug in the library survives the re-import too. New articles get their slug in the
site's slug style whichever importer made them.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from newsdesk.core.articles import (
    ArticleRecord,
    create_article,
    find_by_uuid,
    get_article,
    update_article,
)
from newsdesk.core.settings import load_settings, save_settings
from newsdesk.export.bundle import export_bundle
from newsdesk.importers.bundle import import_bundle
from newsdesk.importers.markdown import import_markdown_file
from newsdesk.importers.ninjs import import_ninjs_file
from newsdesk.importers.wxr import import_wxr
from newsdesk.render.page import load_theme
from newsdesk.services.opening import open_context

UUID = "0b5e7c1a-3f4d-4e8a-9c2b-7d6e5f4a3b21"
GUID = "https://old.example/?p=41"


def _markdown(folder: Path, headline: str) -> Path:
    path = folder / "story.md"
    path.write_text(f"---\ntitle: {headline}\nuuid: {UUID}\n---\nThe story.\n", encoding="utf-8")
    return path


def _ninjs(folder: Path, headline: str) -> Path:
    path = folder / "story.json"
    item = {"uri": f"urn:uuid:{UUID}", "headline": headline, "body_html": "<p>The story.</p>"}
    path.write_text(json.dumps(item), encoding="utf-8")
    return path


def _wxr(folder: Path, headline: str) -> Path:
    path = folder / "site.xml"
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
     xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title>
<item><title>{headline}</title><guid isPermaLink="false">{GUID}</guid>
<content:encoded><![CDATA[<p>The story.</p>]]></content:encoded>
<wp:post_name></wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:post_date_gmt>2025-03-01 10:00:00</wp:post_date_gmt></item>
</channel></rss>""",
        encoding="utf-8",
    )
    return path


def _bundle(folder: Path, headline: str) -> Path:
    """A bundle from another library, whose article (same UUID) got a new headline there."""
    other = open_context(str(folder / "other.newsdesk"), seed=False)
    try:
        with other.session() as s:
            existing = find_by_uuid(s, UUID)
            if existing is None:
                rec = create_article(
                    s, ArticleRecord(headline=headline, body="The story.", uuid=UUID)
                )
            else:
                rec = update_article(s, existing.id or 0, {"headline": headline})
            export_bundle(s, [rec.id or 0], folder / "b.zip", load_theme(other.resources))
    finally:
        other.close()
    return folder / "b.zip"


def _one(results: object) -> object:
    return results[0] if isinstance(results, list) else results  # type: ignore[index]


FORMATS: dict[str, tuple[Callable[[Path, str], Path], Callable]] = {
    "markdown": (_markdown, import_markdown_file),
    "ninjs": (_ninjs, import_ninjs_file),
    "wxr": (_wxr, lambda s, p: import_wxr(s, p)),
    "bundle": (_bundle, import_bundle),
}


@pytest.mark.parametrize("kind", list(FORMATS))
def test_reimport_after_a_new_headline_keeps_the_url(ctx, tmp_path, kind) -> None:
    make, importer = FORMATS[kind]
    with ctx.session() as s:
        first = _one(importer(s, make(tmp_path, "Harbour fares rise")))
    assert first.updated is False and first.record.slug == "harbour-fares-rise"
    with ctx.session() as s:
        again = _one(importer(s, make(tmp_path, "Harbour fares rise again, council says")))
        assert again.updated is True
        rec = get_article(s, again.record.id or 0)
    assert rec.headline == "Harbour fares rise again, council says"
    assert rec.slug == "harbour-fares-rise"


@pytest.mark.parametrize("kind", ["markdown", "ninjs", "wxr"])
def test_reimport_of_a_source_without_slug_keeps_the_editors_slug(ctx, tmp_path, kind) -> None:
    make, importer = FORMATS[kind]
    with ctx.session() as s:
        rec = _one(importer(s, make(tmp_path, "Harbour fares rise"))).record
        update_article(s, rec.id or 0, {"slug": "fares-2025"})
    with ctx.session() as s:
        again = _one(importer(s, make(tmp_path, "Harbour fares rise"))).record
        assert get_article(s, again.id or 0).slug == "fares-2025"


@pytest.mark.parametrize("kind", ["markdown", "ninjs", "wxr"])
def test_new_articles_get_the_sites_slug_style(ctx, tmp_path, kind) -> None:
    make, importer = FORMATS[kind]
    with ctx.session() as s:
        save_settings(s, dataclasses.replace(load_settings(s), slug_style="unicode"))
    with ctx.session() as s:
        rec = _one(importer(s, make(tmp_path, "Встреча в Дохе"))).record
        assert get_article(s, rec.id or 0).slug == "встреча-в-дохе"
