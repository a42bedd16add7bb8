"""The fast reader of plain front matter (``importers/simple_yaml.py``) gives what PyYAML's
safe loader gives, or None (and the import then parses the YAML as before): over the sample
articles, generated Jekyll posts, newsdesk's own Markdown export, hand-picked tricky cases
and random front matter."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import frontmatter
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.importers.simple_yaml import simple_front_matter
from tests.filesgen import write_jekyll

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "newsdesk" / "resources" / "sample"


def _yaml(text: str) -> Any:
    return yaml.load(text, Loader=yaml.CSafeLoader)


def _front(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("---\n")[1]


def _agrees(text: str) -> Any:
    """The fast result, checked against PyYAML's (an error there: None or the same error)."""
    try:
        want = _yaml(text)
    except (yaml.YAMLError, ValueError, TypeError, OverflowError) as exc:
        try:
            got = simple_front_matter(text)
        except type(exc):
            return None
        assert got is None, (text, got, exc)
        return None
    got = simple_front_matter(text)
    if got is not None:
        assert got == want, (text, got, want)
        assert [type(v) for v in got.values()] == [type(v) for v in want.values()]
    return got


def test_the_sample_articles_and_generated_posts_are_read_fast_and_alike(tmp_path: Path) -> None:
    files = sorted((SAMPLE / "articles").glob("*.md"))
    write_jekyll(tmp_path / "site", 300)
    files += sorted((tmp_path / "site").rglob("*.md"))
    assert len(files) > 300
    for path in files:
        assert _agrees(_front(path)) is not None, path


def test_newsdesks_own_markdown_export_is_read_fast_and_alike() -> None:
    from newsdesk.domain.frontmatter import to_front_matter
    from newsdesk.domain.record import ArticleRecord

    rec = ArticleRecord(
        headline="Harbour: the vote", slug="harbour-vote", status="published",
        section="Local", tags=["ferries", "Topic 1", "yes"], byline=["A. Writer"],
        standfirst="It's done — 9–4.", seo_description="", language="en", pinned=True,
        published_at=datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), dateline="Porto, Portugal",
        image_alt="A 'quoted' alt", image_caption="", image_credit="Desk / Photo",
    )  # fmt: skip
    meta = to_front_matter(rec, "images/a.jpg")
    text = frontmatter.dumps(frontmatter.Post("body", **meta), sort_keys=False, allow_unicode=True)
    fm = text.split("---\n")[1]
    assert _agrees(fm) == meta | {"featured_image": meta["featured_image"]}


@pytest.mark.parametrize(
    "text",
    [
        "title: Plain words\ndraft: false\nweight: 3\nratio: 1.5\n",
        "date: 2024-01-02\nlastmod: 2024-01-02 10:00:00 +01:00\n",
        "date: 2024-02-30\n",  # not a date: both refuse it the same way
        "on: yes\n",  # YAML 1.1: the name is True, not "on"
        "title: ~\nsummary:\nnull_value: null\n",
        "time: 10:30\nhex: 0x1F\noctal: 017\nsign: +5\nunder: 1_000\n",
        "title: 'it''s'\nother: \"say \\\"hi\\\"\"\n",
        'title: "\\u00c6r\\u00f8 \\\\ \\n"\n',
        'title: "\\/slash"\n',
        'title: "\\x41"\n',
        'title: "\\ud83d\\ude00"\n',
        "title: a # comment\n",
        "title: a: b\n",
        "title: ends:\n",
        "title: first\n  second line\n",
        "tags:\n- a\n- b c\n- 3\n-\nnext: x\n",
        "tags:\n  - a\n  - b\n",
        "tags:\n  - a\n - b\n",
        "tags:\n- a\n\n- b\n",
        "tags:\n- - nested\n",
        "tags: [a, b c, 3, true, 2024-01-02]\n",
        "tags: [a, , b]\n",
        "tags: [a, b,]\n",
        "tags: []\n",
        "tags: [ ]\n",
        'tags: ["a", "b, c"]\n',
        'tags: ["a", 1]\n',
        "tags: [a: b]\n",
        "tags: [[a]]\n",
        "image:\n  src: a.png\n  alt: \"An 'alt'\"\n  caption:\ntitle: x\n",
        "image:\n  src: a.png\n    deeper: x\n",
        "image:\n  inner:\n    src: a.png\n",
        "image:\n  list:\n  - a\n",
        "image:\n  src: a\n  - b\n",
        "a: &anchor x\nb: *anchor\n",
        "a: !!str 3\n",
        "a: {x: 1}\n",
        "a: |\n  block\n",
        "a: >\n  folded\n",
        "a: x\na: y\n",
        "true: x\n",
        "3: x\n",
        '"quoted key": x\n',
        "a: x\r\nb: y\r\n",
        "a: x\rb: y\n",
        "a: \x85x\n",
        "a: tab\there\n",
        "a: \x07\n",
        "a: \ufeffx\n",
        "# a comment\na: x\n",
        "  a: x\n",
        "- a\n",
        "a\n",
        "",
        "\n\n",
        "---\na: x\n",
        "a: C:\\path\\to\n",
        "a: Q&A with 100% of @people!\n",
        "a: .5\nb: .inf\nc: -.Inf\nd: .NaN\n",
        "a: <<\n",
        "<<: x\n",
        "a: =\n",
    ],
)
def test_tricky_front_matter_is_read_alike_or_left_to_yaml(text: str) -> None:
    result = _agrees(text)
    if text.startswith(("title: Plain", "tags:\n- a\n- b c", "image:\n  src: a.png\n  alt")):
        assert result is not None  # the common shapes do take the fast path


_WORDS = st.sampled_from(
    ["a", "b c", "3", "-1", "1.5", "true", "no", "on", "~", "null", "2024-01-02", "10:30",
     "0x1F", "'q''s'", '"d q"', '"\\u00e9"', '"\\/"', "[a, b]", '["a", "b"]', "[]", "x: y",
     "#", " # c", "&a", "*a", "!t", "|", ">", "{a: 1}", "-", "- a", "?", ":", "é", "\t", "\\",
     "'", '"', ",", "[", "]", "", " "]
)  # fmt: skip
_LINE = st.one_of(
    st.builds(lambda k, v: f"{k}: {v}", st.sampled_from(["a", "b", "title", "on", "x_1"]),
              st.lists(_WORDS, max_size=3).map("".join)),
    st.builds(lambda k: f"{k}:", st.sampled_from(["a", "tags", "image"])),
    st.builds(lambda ind, v: f"{ind}- {v}", st.sampled_from(["", "  ", " "]), _WORDS),
    st.builds(lambda ind, k, v: f"{ind}{k}: {v}", st.sampled_from(["  ", "    "]),
              st.sampled_from(["src", "alt"]), _WORDS),
    st.sampled_from(["", "# note", "  x", "-", "a", "  "]),
)  # fmt: skip


@given(st.lists(_LINE, max_size=6))
def test_random_front_matter_is_read_alike_or_left_to_yaml(lines: list[str]) -> None:
    _agrees("\n".join(lines) + "\n")


_COLUMNS = (
    "a.slug, a.headline, a.standfirst, a.body, a.status, s.name, a.tags_text, a.byline_text, "
    "a.published_at, a.scheduled_at, a.dateline, a.image_sha256, a.image_alt, a.image_caption, "
    "a.image_credit, a.pinned, a.language, a.seo_description, a.word_count, a.stage"
)


def _import_rows(folders: list[Path], db: Path) -> list[tuple[Any, ...]]:
    from newsdesk.services.importing import import_paths
    from newsdesk.services.opening import open_context

    ctx = open_context(str(db), seed=False)
    try:
        with ctx.session() as s:
            import_paths(s, folders)
    finally:
        ctx.close()
    conn = sqlite3.connect(db)
    try:
        return conn.execute(
            f"SELECT {_COLUMNS} FROM article a LEFT JOIN section s ON s.id = a.section_id "
            "ORDER BY a.id"
        ).fetchall()
    finally:
        conn.close()


def test_a_folder_imports_the_same_with_or_without_the_fast_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sample articles (images, flow lists, a nested featured image) and generated posts
    give the same library whether their front matter is read fast or by YAML."""
    from newsdesk.importers import front_matter

    folders = [SAMPLE / "articles", write_jekyll(tmp_path / "site", 40)]
    fast = _import_rows(folders, tmp_path / "fast.newsdesk")
    monkeypatch.setattr(front_matter, "simple_front_matter", lambda text: None)
    slow = _import_rows(folders, tmp_path / "yaml.newsdesk")
    assert len(fast) == 48 and fast == slow
