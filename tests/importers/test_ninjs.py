"""ninjs import: newsdesk's own items come back field for field; foreign 2.x and 1.x items too."""

from __future__ import annotations

import json

import pytest

from newsdesk.core.articles import get_article
from newsdesk.errors import ImportFailed
from newsdesk.export.ninjs import article_ninjs, dumps
from newsdesk.importers.ninjs import import_ninjs_file
from newsdesk.services.opening import open_context
from tests.newsroom import populate


def test_own_item_round_trip(ctx, tmp_path) -> None:
    with ctx.session() as s:
        rec = get_article(s, populate(s)[2].id)
        (tmp_path / "item.json").write_bytes(dumps(article_ninjs(s, rec)))
    other = open_context(str(tmp_path / "other.newsdesk"), seed=False)
    try:
        with other.session() as s:
            got = get_article(s, import_ninjs_file(s, tmp_path / "item.json").record.id)
    finally:
        other.close()
    for key in ("uuid", "headline", "standfirst", "section", "tags", "byline", "dateline", "status",
                "slug", "language", "editors_note", "seo_description", "created_at", "updated_at",
                "published_at"):  # fmt: skip
        assert getattr(got, key) == getattr(rec, key), key
    assert "<h2>Background</h2>" in got.body_html


def test_foreign_item_with_1x_names(ctx, tmp_path) -> None:
    item = {
        "uri": "http://wire.example/item/123",
        "headline": "Wire story",
        "body_html": "<p>From the wire.</p>",
        "byline": "Staff reporter",
        "pubstatus": "usable",
        "versioncreated": "2025-01-02T03:04:05Z",
    }
    (tmp_path / "wire.json").write_text(json.dumps(item))
    with ctx.session() as s:
        rec = import_ninjs_file(s, tmp_path / "wire.json").record
        assert rec.headline == "Wire story" and rec.byline == ["Staff reporter"]
        assert rec.status == "published" and "From the wire." in rec.body_html


@pytest.mark.parametrize(
    ("data", "problem"),
    [(b"{nope", "not valid JSON"), (b"\xff\xfe{}", "not UTF-8"), (b'{"a": 1}', "no 'uri'")],
)
def test_bad_items_are_refused(ctx, tmp_path, data, problem) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(data)
    with pytest.raises(ImportFailed, match=problem) as err, ctx.session() as s:
        import_ninjs_file(s, bad)
    assert str(bad) in str(err.value)
