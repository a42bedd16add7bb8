"""Property fuzzing of the input parsers: whatever the input, the only exception is the
project's ``UserError`` (a clear refusal), and what is accepted is safe to use."""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.core.safe_paths import relative_problem
from newsdesk.core.settings import SiteSettings
from newsdesk.domain.frontmatter import from_front_matter, parse_datetime
from newsdesk.domain.slugs import is_slug, slugify
from newsdesk.domain.text import canonical_uuid, clean_text
from newsdesk.errors import UserError
from newsdesk.export.feeds import FeedInfo, FeedItem, atom_feed, sitemap
from newsdesk.importers.front_matter import parse_front_matter
from newsdesk.render.markdown import render_body

TEXT = st.text(
    st.characters(codec="utf-8") | st.sampled_from("\x00\x1b\x07\ud800[]()!*_`<>&\"'/\\.\n")
)
YAML_BITS = st.sampled_from(
    ["title: ", "date: ", "tags: ", "uuid: ", "&a ", "*a ", "[", "]", "{", "}", "- ", "\n",
     "2024-02-30", "5", "!!python/object:os.system", "'", '"', "? ", ": ", "|", ">"]
)  # fmt: skip


@given(TEXT)
def test_slugify_always_gives_a_path_safe_slug(text: str) -> None:
    assert is_slug(slugify(text))


@given(TEXT)
def test_a_slug_is_one_safe_path_segment(text: str) -> None:
    if is_slug(text):
        assert relative_problem(text) is None and "/" not in text and not text.startswith(".")


@given(st.lists(YAML_BITS | TEXT, max_size=30).map("".join), TEXT)
def test_front_matter_is_parsed_or_refused_cleanly(meta: str, body: str) -> None:
    try:
        post = parse_front_matter(f"---\n{meta}\n---\n{body}")
        from_front_matter(dict(post.metadata), post.content, "fuzz.md")
    except UserError:
        pass
    except Exception as exc:  # YAML errors are turned into UserError by the importer
        import yaml

        assert isinstance(exc, yaml.YAMLError), repr(exc)


@given(TEXT)
def test_dates_are_parsed_or_refused_cleanly(text: str) -> None:
    try:
        moment = parse_datetime(text, "date", "fuzz")
    except UserError:
        return
    assert moment is None or moment.tzinfo is not None


@given(st.sampled_from([k for k in SiteSettings.__dataclass_fields__]), TEXT)
def test_every_setting_is_taken_or_refused_cleanly(key: str, value: str) -> None:
    with contextlib.suppress(UserError):  # a clear refusal is fine; anything else fails
        SiteSettings().with_changes(**{key: value})


@given(TEXT)
def test_uuids_are_checked(text: str) -> None:
    try:
        value = canonical_uuid(text)
    except UserError:
        return
    assert len(value) == 36 and "<" not in value


@given(TEXT, TEXT, TEXT)
def test_feeds_are_well_formed_whatever_they_carry(title: str, body: str, uid: str) -> None:
    info = FeedInfo(title, body, "https://x/", "https://x/feed.xml", title, "en", uid)
    item = FeedItem(
        uuid=uid, title=title, url=f"https://x/{title}", summary=body, content_html=body,
        published=datetime(2024, 1, 1, tzinfo=UTC), updated=None, authors=[title], tags=[body],
    )  # fmt: skip
    ET.fromstring(atom_feed(info, [item]))
    ET.fromstring(sitemap([(f"https://x/{title}", None)]))


@given(TEXT)
def test_markdown_renders_anything_to_sanitised_html(text: str) -> None:
    # Not timed: seconds on a loaded machine prove nothing (the Markdown linearity tests and
    # bench/ measure how the work grows with the length).
    html = render_body(clean_text(text))
    assert "<script" not in html.lower()


_NINJS_KEYS = ["uri", "headline", "body_html", "body_text", "subjects", "people", "headlines",
               "bodies", "descriptions", "altids", "keywords", "versioncreated", "firstcreated",
               "pubstatus", "language", "slugline", "byline", "located", "associations"]  # fmt: skip
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | TEXT,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from([*_NINJS_KEYS, "rel", "name", "value", "role"]) | TEXT,
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


@given(st.dictionaries(st.sampled_from(_NINJS_KEYS), JSON, max_size=8), st.booleans())
def test_ninjs_items_are_read_or_refused_cleanly(item: dict[str, object], urn: bool) -> None:
    """Any JSON object as a ninjs file: read into article fields, or one ``UserError``."""
    import json
    import tempfile
    from pathlib import Path

    from newsdesk.importers.ninjs import load_ninjs, ninjs_fields

    if urn:
        item["uri"] = "urn:uuid:" + str(item.get("uri", ""))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "item.json"
        path.write_text(json.dumps(item, allow_nan=True), encoding="utf-8", errors="surrogatepass")
        with contextlib.suppress(UserError):
            ninjs_fields(load_ninjs(path), "fuzz")


WXR_BITS = st.sampled_from(
    ["<item>", "</item>", "<title>", "</title>", "<guid>", "</guid>", "<wp:post_id>",
     "</wp:post_id>", "<wp:post_type>post</wp:post_type>", "<wp:status>publish</wp:status>",
     "<wp:post_date_gmt>", "</wp:post_date_gmt>", "2024-02-30 10:00:00", "0000-00-00 00:00:00",
     "<content:encoded><![CDATA[", "]]></content:encoded>", "<category domain=\"post_tag\">",
     "</category>", "<dc:creator>", "</dc:creator>", "&amp;", "&x;", "<", "x", " "]
)  # fmt: skip


@given(st.lists(WXR_BITS | TEXT, max_size=40).map("".join))
def test_wxr_files_are_read_or_refused_cleanly(items: str) -> None:
    """A WordPress export with any run of items: each post read, or one ``UserError``."""
    import tempfile
    from pathlib import Path

    from newsdesk.importers.wxr import iter_posts

    head = (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>t</title>'
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        path.write_bytes((head + items + "</channel></rss>").encode("utf-8", "surrogatepass"))
        with contextlib.suppress(UserError):
            for _fields, _where in iter_posts(path):
                pass
