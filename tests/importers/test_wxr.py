"""WordPress export (WXR) import: posts with categories, tags, authors, dates and status."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.core.articles import get_article, list_articles
from newsdesk.errors import ImportFailed
from newsdesk.importers.wxr import import_wxr
from tests.newsroom import dump

WXR = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:wfw="http://wellformedweb.org/CommentAPI/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Harbour Herald</title>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[mfarah]]></wp:author_login>
    <wp:author_display_name><![CDATA[Maryam Farah]]></wp:author_display_name></wp:author>
  <item>
    <title>Ferry fares frozen for winter</title>
    <link>https://herald.example/2025/11/ferry-fares/</link>
    <dc:creator><![CDATA[mfarah]]></dc:creator>
    <guid isPermaLink="false">https://herald.example/?p=41</guid>
    <content:encoded><![CDATA[<p>The council froze fares.</p>

<img src="https://herald.example/wp-content/uploads/ferry.jpg" alt="The ferry" />

Second paragraph.]]></content:encoded>
    <excerpt:encoded><![CDATA[Fares stay at £2.40 until March.]]></excerpt:encoded>
    <wp:post_id>41</wp:post_id>
    <wp:post_date_gmt><![CDATA[2025-11-03 08:15:00]]></wp:post_date_gmt>
    <wp:post_modified_gmt><![CDATA[2025-11-04 09:00:00]]></wp:post_modified_gmt>
    <wp:post_name><![CDATA[ferry-fares-frozen]]></wp:post_name>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="local"><![CDATA[Local]]></category>
    <category domain="post_tag" nicename="transport"><![CDATA[Transport]]></category>
    <category domain="post_tag" nicename="council"><![CDATA[Council]]></category>
  </item>
  <item>
    <title>Draft: budget preview</title>
    <dc:creator><![CDATA[mfarah]]></dc:creator>
    <guid isPermaLink="false">https://herald.example/?p=42</guid>
    <content:encoded><![CDATA[Work in progress.]]></content:encoded>
    <excerpt:encoded><![CDATA[]]></excerpt:encoded>
    <wp:post_date_gmt><![CDATA[0000-00-00 00:00:00]]></wp:post_date_gmt>
    <wp:post_name><![CDATA[]]></wp:post_name>
    <wp:status><![CDATA[draft]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="uncategorized"><![CDATA[Uncategorized]]></category>
  </item>
  <item>
    <title>About us</title>
    <guid isPermaLink="false">https://herald.example/?page_id=2</guid>
    <content:encoded><![CDATA[A page, not a post.]]></content:encoded>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[page]]></wp:post_type>
  </item>
</channel>
</rss>
"""


@pytest.fixture
def wxr(tmp_path: Path) -> Path:
    path = tmp_path / "herald.WordPress.2025-11-05.xml"
    path.write_text(WXR, encoding="utf-8")
    return path


def test_posts_come_in_with_their_metadata(ctx, wxr) -> None:
    with ctx.session() as s:
        results = import_wxr(s, wxr)
        assert len(results) == 2  # the page is skipped
        post = get_article(s, results[0].record.id)
        assert post.headline == "Ferry fares frozen for winter"
        assert post.slug == "ferry-fares-frozen"
        assert post.section == "Local" and post.tags == ["Transport", "Council"]
        assert post.byline == ["Maryam Farah"]
        assert post.status == "published"
        assert post.published_at == datetime(2025, 11, 3, 8, 15, tzinfo=UTC)
        assert post.updated_at == datetime(2025, 11, 4, 9, 0, tzinfo=UTC)
        assert post.standfirst == "Fares stay at £2.40 until March."
        # Images referenced by URL stay links.
        assert 'src="https://herald.example/wp-content/uploads/ferry.jpg"' in post.body_html
        draft = get_article(s, results[1].record.id)
        assert draft.status == "draft" and draft.section is None and draft.published_at is None


def test_importing_again_updates_the_same_articles(ctx, wxr) -> None:
    with ctx.session() as s:
        first = import_wxr(s, wxr)
    with ctx.session() as s:
        again = import_wxr(s, wxr)
        assert [r.record.uuid for r in again] == [r.record.uuid for r in first]
        assert all(r.updated for r in again) and len(list_articles(s)) == 2


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<rss><channel><item>", "not valid XML"),
        (
            '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss><channel/></rss>',
            "declares XML entities",
        ),
        ("<html><body/></html>", "not a WordPress export"),
    ],
)
def test_bad_files_are_refused_and_nothing_changes(ctx, tmp_path, content, problem) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_text(content)
    with ctx.session() as s:
        before = dump(s)
    with pytest.raises(ImportFailed, match=problem) as err, ctx.session() as s:
        import_wxr(s, bad)
    assert str(bad) in str(err.value)
    with ctx.session() as s:
        assert dump(s) == before
