"""ninjs items and Markdown folders import a batch at a time: every file arrives with its
taxonomy, dates and images, progress has an ETA, and a bad file in the middle imports nothing.

Real files in ``tmp_path`` (``tests/filesgen.py``), a real SQLite library; the old one-file
path (``import_site_file``) is the reference the folder import must match.
"""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest

from newsdesk.core.articles import create_article, get_article
from newsdesk.core.pages import PREVIEW_LINKER, render_article_page
from newsdesk.core.progress import Progress
from newsdesk.domain.record import ArticleRecord
from newsdesk.errors import ImportFailed
from newsdesk.importers.folder import import_site_file, markdown_files
from newsdesk.render.page import load_theme
from newsdesk.services.importing import import_paths
from newsdesk.services.opening import open_context
from tests.filesgen import item_uuid, write_jekyll, write_ninjs
from tests.newsroom import image_bytes
from tests.wxrgen import expected

pytestmark = pytest.mark.heavy  # thousands of files: not in --quick

FILES = 1200  # more than two batches


def _count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def test_ninjs_items_arrive_whole_with_progress(ctx, tmp_path) -> None:
    paths = write_ninjs(tmp_path / "wire", FILES)
    reports = []
    with ctx.session() as s:
        results = import_paths(s, paths, progress=Progress(reports.append, min_interval=0))
    assert len(results) == FILES and not any(r.updated for r in results)
    assert reports[-1].done == reports[-1].total == FILES
    assert any(r.eta is not None for r in reports[:-1])  # a person sees how long is left
    with ctx.session() as s:
        for i in (0, 7, 599, FILES - 1):
            e, rec = expected(i), get_article(s, item_uuid(i))
            assert (rec.headline, rec.slug, rec.section) == (e["headline"], e["slug"], e["section"])
            assert rec.tags == e["tags"] and rec.byline == [e["author"][1]]
            assert rec.published_at == e["published_at"] and rec.updated_at == e["updated_at"]
            assert rec.body_html.startswith(f"<p>{e['paragraphs'][0]}.</p>")


def test_a_bad_ninjs_file_in_the_middle_imports_nothing(ctx, db_path, tmp_path) -> None:
    paths = write_ninjs(tmp_path / "wire", FILES)
    paths[900].write_text('{"uri": "urn:uuid:x", "headlines": [', encoding="utf-8")
    with (
        pytest.raises(ImportFailed, match=r"item-000900\.json: not valid JSON"),
        ctx.session() as s,
    ):
        import_paths(s, paths)
    assert _count(db_path, "SELECT count(*) FROM article") == 0
    assert _count(db_path, "SELECT count(*) FROM tag") == 0


def test_a_jekyll_folder_arrives_whole_with_its_images(ctx, db_path, tmp_path) -> None:
    site = write_jekyll(tmp_path / "site", FILES, image=image_bytes((200, 10, 10), "PNG"))
    reports = []
    with ctx.session() as s:
        results = import_paths(s, [site], progress=Progress(reports.append, min_interval=0))
    assert len(results) == FILES
    assert reports[-1].done == reports[-1].total == FILES
    assert any(r.eta is not None for r in reports[:-1])
    with ctx.session() as s:
        for i in (0, 1, 10, FILES - 1):
            e, rec = expected(i), get_article(s, expected(i)["slug"])
            assert rec.headline == e["headline"] and rec.section == e["section"]
            assert rec.tags == e["tags"] and rec.byline == [e["author"][1]]
            day = e["published_at"].date()
            assert rec.published_at == datetime(day.year, day.month, day.day, tzinfo=UTC)
            assert ('src="asset:' in rec.body_html) == (i % 10 == 0), i  # the picture, kept
    # One image, stored once, linked from every tenth post.
    assert _count(db_path, "SELECT count(*) FROM asset") == 1
    assert _count(db_path, "SELECT count(*) FROM article_asset") == FILES // 10


def test_a_bad_markdown_file_in_the_middle_imports_nothing(ctx, db_path, tmp_path) -> None:
    site = write_jekyll(tmp_path / "site", FILES, image=image_bytes((200, 10, 10), "PNG"))
    bad = markdown_files(site)[700]
    bad.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    message = f"{re.escape(bad.name)}: the front matter is not valid YAML"
    with pytest.raises(ImportFailed, match=message), ctx.session() as s:
        import_paths(s, [site])
    for table in ("article", "asset", "tag", "section", "author"):
        assert _count(db_path, f"SELECT count(*) FROM {table}") == 0, table


def test_a_site_folder_imports_as_the_one_file_path_did(tmp_path) -> None:
    """Names that give slugs and dates, a _drafts post, a slug another article holds (the
    headline's is taken instead), an image: the bulk path and ``import_site_file`` agree."""
    site = write_jekyll(tmp_path / "site", 30, image=image_bytes((20, 100, 10), "PNG"))
    drafts = site / "_drafts"
    drafts.mkdir()
    (drafts / "an-idea.md").write_text("---\ntitle: An idea\n---\nNot yet.\n", encoding="utf-8")
    (site / "_posts" / "2020-01-02-taken.md").write_text(
        "---\ntitle: Taken slug\n---\nSomeone has *this* slug.\n", encoding="utf-8"
    )
    (site / "_posts" / "2020-01-03-own.md").write_text(
        '---\ntitle: Own\nslug: chosen\ndate: 2021-05-05\ndraft: false\n---\n"Quoted" -- text.\n',
        encoding="utf-8",
    )
    libraries = []
    for name in ("old", "new"):
        (tmp_path / name).mkdir()
        ctx = open_context(str(tmp_path / name / "library.newsdesk"), seed=False)
        libraries.append(ctx)
        with ctx.session() as s:
            create_article(s, ArticleRecord(headline="Already here", slug="taken"))
            if name == "old":
                for path in markdown_files(site):
                    import_site_file(s, path)
            else:
                import_paths(s, [site])
    old, new = libraries
    try:
        theme = load_theme(old.resources)
        with old.session() as so, new.session() as sn:
            for aid in range(1, len(markdown_files(site)) + 2):
                a, b = get_article(so, aid), get_article(sn, aid)
                if b.slug == "an-idea":
                    # The one difference: the old path added the draft as published (stamped
                    # now), then made it a draft; it never was published, and says so now.
                    assert b.status == a.status == "draft" and b.published_at is None
                    continue
                for field in ("slug", "headline", "status", "published_at", "section", "tags",
                              "byline", "body_html", "word_count", "stage"):  # fmt: skip
                    assert getattr(b, field) == getattr(a, field), (aid, field)
                assert b.body == a.body  # the images: the same asset:SHA references
                page_a = render_article_page(so, aid, PREVIEW_LINKER, theme)
                page_b = render_article_page(sn, aid, PREVIEW_LINKER, theme)
                assert _timeless(page_b.replace(b.uuid, a.uuid)) == _timeless(page_a), aid
            assert get_article(sn, "taken-slug").headline == "Taken slug"
    finally:
        old.close()
        new.close()


def _timeless(page: str) -> str:
    """Without the clock times: "now" (an undated post's time) differs between two imports."""
    return re.sub(r"T\d\d:\d\d:\d\d", "T", page)


def test_ninjs_and_markdown_files_together_keep_their_order(ctx, tmp_path) -> None:
    paths = write_ninjs(tmp_path / "wire", 3)
    md = tmp_path / "note.md"
    md.write_text("---\ntitle: A note\n---\nText.\n", encoding="utf-8")
    with ctx.session() as s:
        results = import_paths(s, [paths[0], md, paths[1], paths[2]])
    assert [r.record.headline for r in results] == [
        expected(0)["headline"], "A note", expected(1)["headline"], expected(2)["headline"],
    ]  # fmt: skip
    assert json.loads(paths[0].read_text())["slugline"] == results[0].record.slug


@pytest.mark.parametrize(
    ("front", "said"),
    [
        ('title: "Ferry timetable changes\ntags: [transport]', "a quoted value that starts on line 2 is not closed"),
        ("title: x\ntags: [transport, ferry\nsection: World", "a [list] that starts on line 3 is not closed"),
        ("title: Vote: yes or no", "line 2: a value holding \": \" must be in quotes"),
        ("title: x\n\tsection: World", "line 3 is indented with a tab"),
    ],
)  # fmt: skip
def test_broken_front_matter_is_named_in_a_persons_words(ctx, tmp_path, front, said) -> None:
    """Seen when tried as a person: an import refused with "while scanning a quoted scalar in
    "<unicode string>", line 2, column 8 found unexpected end of stream in "<unicode
    string>", line 4, column 1". Now: which line of the file, and what to mend."""
    story = tmp_path / "story.md"
    story.write_text(f"---\n{front}\n---\nThe ferry runs every 40 minutes.\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as failed, ctx.session() as s:
        import_paths(s, [story])
    message = str(failed.value)
    assert "story.md: the front matter is not valid YAML: " in message
    assert said in message, message
    assert "<unicode string>" not in message and "scalar" not in message
