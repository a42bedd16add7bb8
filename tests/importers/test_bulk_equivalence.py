"""An archive imported in bulk looks exactly as it did through the one-article path.

The bulk path (``importers/bulk.py``) stores bodies unrendered and renders each when it is first
read; the old path (``upsert_article`` per post) rendered at import. Both libraries are real
SQLite files; the preview page, the record every output uses and the exported site must be
the same, byte for byte.
"""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest
import yaml

from newsdesk.core.articles import get_article, update_article
from newsdesk.core.bodies import render_pending
from newsdesk.core.pages import PREVIEW_LINKER, render_article_page
from newsdesk.export.site import export_site
from newsdesk.importers.front_matter import _FrontMatterLoader, _loader
from newsdesk.importers.upsert import upsert_article
from newsdesk.importers.wxr import iter_posts
from newsdesk.render.markdown import _MARKUP, _WORD, count_words
from newsdesk.render.page import load_theme
from newsdesk.services.importing import import_paths
from newsdesk.services.opening import open_context
from tests.wxrgen import HEAD, write_wxr

# Bodies as WordPress exports hold them: the classic editor's bare paragraphs (wpautop makes
# the <p> when the page is shown), Gutenberg's block comments, shortcodes, quotes and dashes
# that the Markdown pipeline makes typographic, Markdown-looking text, and markup that the
# sanitiser must strip.
BODIES = [
    'The council met on "Tuesday" -- and said no.\n\nA second paragraph... with *stars*.',
    "<!-- wp:paragraph -->\n<p>Gutenberg block</p>\n<!-- /wp:paragraph -->\n\n"
    '<!-- wp:image -->\n<figure class="wp-block-image"><img src="https://x.example/a.jpg" '
    'alt="A"/></figure>\n<!-- /wp:image -->',
    '[caption id="attachment_5" align="alignnone"]<img src="https://x.example/b.jpg" /> '
    "A caption[/caption]\n\nAfter the caption.",
    "# A heading\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |",
    '<p onclick="evil()">Clean me</p><script>alert(1)</script>\n\n<a href="javascript:x">x</a>',
    "Line one\nline two with <em>inline</em> HTML &amp; entities &copy;",
    "",
    "   \n\n  ",
    "<div>\n<p>Nested</p>\n</div>\n\nText after a div",
]


def _item(i: int, body: str) -> str:
    return f"""  <item>
    <title>Body {i}</title>
    <guid isPermaLink="false">https://herald.example/?p={i + 5000}</guid>
    <content:encoded><![CDATA[{body}]]></content:encoded>
    <wp:post_date_gmt><![CDATA[2020-03-0{1 + i % 9} 10:00:00]]></wp:post_date_gmt>
    <wp:post_modified_gmt><![CDATA[2020-04-01 10:00:00]]></wp:post_modified_gmt>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="c"><![CDATA[Local]]></category>
    <category domain="post_tag" nicename="t"><![CDATA[Café]]></category>
    <category domain="post_tag" nicename="t"><![CDATA[cafe]]></category>
  </item>
"""


def _export_file(tmp_path: Path) -> Path:
    generated = write_wxr(tmp_path / "gen.xml", 40).read_text(encoding="utf-8")
    items = generated[generated.index("  <item>") : generated.index("</channel>")]
    path = tmp_path / "archive.xml"
    body = "".join(_item(i, b) for i, b in enumerate(BODIES))
    path.write_text(HEAD + body + items + "</channel>\n</rss>\n", encoding="utf-8")
    return path


def _libraries(tmp_path: Path):  # type: ignore[no-untyped-def]
    wxr = _export_file(tmp_path)
    for name in ("old", "new"):  # one file name: the site's title comes from it
        (tmp_path / name).mkdir()
    old = open_context(str(tmp_path / "old" / "library.newsdesk"), seed=False)
    new = open_context(str(tmp_path / "new" / "library.newsdesk"), seed=False)
    with old.session() as s:
        for fields, source in iter_posts(wxr):
            upsert_article(s, fields, source)
    with new.session() as s:
        import_paths(s, [wxr])
    return old, new


def test_bulk_imported_articles_look_as_the_one_article_path_made_them(tmp_path: Path) -> None:
    old, new = _libraries(tmp_path)
    conn = sqlite3.connect(tmp_path / "new" / "library.newsdesk")
    unrendered = conn.execute("SELECT count(*) FROM article WHERE body_html = ''").fetchone()[0]
    conn.close()
    assert unrendered == len(BODIES) + 40  # nothing rendered at import: each when first read
    try:
        theme = load_theme(old.resources)
        with old.session() as so, new.session() as sn:
            ids = list(range(1, len(BODIES) + 41))
            for aid in ids:
                a, b = get_article(so, aid), get_article(sn, aid)
                assert (a.uuid, a.slug, a.tags, a.byline, a.section) == (
                    b.uuid, b.slug, b.tags, b.byline, b.section,
                )  # fmt: skip
                assert b.body_html == a.body_html, aid
                assert b.word_count == a.word_count, aid
                page_a = render_article_page(so, aid, PREVIEW_LINKER, theme)
                page_b = render_article_page(sn, aid, PREVIEW_LINKER, theme)
                assert page_b == page_a, aid
            assert get_article(sn, 1).tags == ["Café"]  # café and cafe: one tag, once
        for ctx, name in ((old, "old"), (new, "new")):
            with ctx.session() as s:
                export_site(s, tmp_path / f"site-{name}", theme, base_url="https://herald.example/")
        files_old = _tree(tmp_path / "site-old")
        files_new = _tree(tmp_path / "site-new")
        assert files_new.keys() == files_old.keys()
        for rel, data in files_old.items():
            assert files_new[rel] == data, rel
    finally:
        old.close()
        new.close()


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


FRONT_MATTERS = [
    "title: Plain\ndate: 2024-05-01\ntags: [a, b, 'c d']\ndraft: false",
    'title: "Quoted: with colon"\ndate: 2024-05-01T10:00:00Z\nweight: 3\nratio: 1.5',
    "title: Ünïcödé — “quotes”\ncategories:\n  - World\n  - Local news\nslug: unicode",
    "title: >\n  Folded\n  lines\nsummary: |\n  Literal\n  block\nempty:\nnull_value: ~",
    "title: Nested\nimage:\n  src: photo.png\n  alt: A photo\n  credit: 'Agency'",
    "title: Time zone\ndate: 2024-05-01 10:00:00 +02:00\nlastmod: 2024-06-01",
    "title: yes\nflag: yes\nnumber: 0x1F\noctal: 0o17\nversion: 1.10",
    "title: '!!python/object:os.system'\ntags: []",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_front_matter_reads_the_same_through_libyaml(text: str) -> None:
    """The fast loader (libyaml) reads front matter as the checking loader does."""
    fast = yaml.load(text, Loader=yaml.CSafeLoader)
    checked = yaml.load(text, Loader=_FrontMatterLoader)
    assert _loader(text) is yaml.CSafeLoader
    assert fast == checked


def test_word_counts_are_the_old_formula_s() -> None:
    """``count_words``'s shortcut (no link, no fence: translate) counts as the regex did."""
    rng = random.Random(17)
    pieces = [*list("ab é-'’ #>*_`|~[]()!:\n"), "](", ":::", "\n:::", "![x](y)", "[l](u)"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 40)))
        assert count_words(text) == len(_WORD.findall(_MARKUP.sub(" ", text))), repr(text)


def test_the_first_export_stores_the_renders_once(ctx, db_path, tmp_path) -> None:
    """A bulk import leaves bodies to render; the first site export renders and stores them
    (the same HTML a read gives), so later exports and reads render nothing again; a body
    edited in between keeps its own render."""
    wxr = write_wxr(tmp_path / "gen.xml", 30)
    with ctx.session() as s:
        import_paths(s, [wxr])
        update_article(s, 3, {"body": "Edited *meanwhile*."})
    with ctx.session() as s:
        expected_html = {aid: get_article(s, aid).body_html for aid in range(1, 31)}
        assert render_pending(s) == 29  # every one but the edited one (rendered as saved)
    with ctx.session() as s:
        assert render_pending(s) == 0  # stored: nothing left (one look-up in the index)
    conn = sqlite3.connect(db_path)
    stored = dict(conn.execute("SELECT id, body_html FROM article").fetchall())
    plan = " ".join(
        str(row)
        for row in conn.execute(
            "EXPLAIN QUERY PLAN SELECT article.id FROM article WHERE body_html = '' ORDER BY article.id"
        )
    )
    conn.close()
    assert stored == expected_html
    assert stored[3] == "<p>Edited <em>meanwhile</em>.</p>"
    assert "ix_article_unrendered" in plan


def test_an_export_renders_what_an_import_left(ctx, db_path, tmp_path) -> None:
    wxr = write_wxr(tmp_path / "gen.xml", 12)
    with ctx.session() as s:
        import_paths(s, [wxr])
        export_site(s, tmp_path / "site", load_theme(ctx.resources))
    assert _count_unrendered(db_path) == 0


def _count_unrendered(db: Path) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute("SELECT count(*) FROM article WHERE body_html = ''").fetchone()[0])
    finally:
        conn.close()
