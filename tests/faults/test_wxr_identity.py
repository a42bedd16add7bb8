"""WordPress posts with no guid, link or post id are each their own article (identified by
their content and date), and importing the file again updates them instead of adding more."""

from __future__ import annotations

from pathlib import Path

from newsdesk.core.articles import list_articles
from newsdesk.services.importing import import_paths

ITEM = """  <item>
    <title>{title}</title>
    <content:encoded><![CDATA[{body}]]></content:encoded>
    <wp:post_date_gmt><![CDATA[2025-11-0{day} 08:15:00]]></wp:post_date_gmt>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
  </item>
"""

WXR = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>T</title>
{items}</channel></rss>
"""


def test_posts_without_identity_are_never_merged(ctx, tmp_path: Path) -> None:
    items = [
        ITEM.format(title="One", body="First.", day=1),
        ITEM.format(title="Two", body="Second.", day=2),
        ITEM.format(title="Three", body="Third.", day=3),
        ITEM.format(title="Three", body="Third.", day=3),  # the same post twice in one file
    ]
    path = tmp_path / "export.xml"
    path.write_text(WXR.format(items="".join(items)))
    with ctx.session() as s:
        import_paths(s, [path])
    with ctx.session() as s:
        assert sorted(a.headline for a in list_articles(s)) == ["One", "Three", "Three", "Two"]
    with ctx.session() as s:
        import_paths(s, [path])  # again: the same four, updated
    with ctx.session() as s:
        assert len(list_articles(s)) == 4
