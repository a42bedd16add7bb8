"""Every ninjs item newsdesk writes validates against the IPTC ninjs 2.1 schema."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from newsdesk.core.articles import ArticleRecord, create_article, get_article
from newsdesk.export.ninjs import article_ninjs
from tests.newsroom import populate

# IPTC's ninjs 2.1 schema (from ../shared/specs), kept in the repository so the check runs
# wherever the tests do.
SCHEMA_FILE = Path(__file__).resolve().parents[1] / "data" / "ninjs-schema_2.1.json"


@pytest.fixture(scope="module")
def validator() -> Draft202012Validator:
    if not SCHEMA_FILE.exists():
        pytest.skip(f"the ninjs 2.1 schema is not at {SCHEMA_FILE}")
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(validator: Draft202012Validator, item: dict) -> None:
    errors = sorted(validator.iter_errors(item), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_full_articles_validate_and_use_2x_names(ctx, validator) -> None:
    with ctx.session() as s:
        recs = populate(s)
        for rec in recs:
            item = article_ninjs(s, get_article(s, rec.id), page_url="https://news.example.org/a/")
            assert_valid(validator, item)
            assert "body_html" not in item and "byline" not in item
            assert item["uri"] == f"urn:uuid:{rec.uuid}"
            assert item["headlines"][0]["value"] == rec.headline
            assert item["bodies"][0]["contenttype"] == "text/html"
            assert item["slugline"] == rec.slug
            assert {"name": rec.section, "rel": "section", "literal": rec.section_slug} in item[
                "subjects"
            ]
            assert [s["name"] for s in item["subjects"] if s["rel"] == "tag"] == rec.tags
            assoc = item["associations"][0]
            assert assoc["type"] == "picture" and assoc["by"] == "Photo: Newsdesk"
            assert {"role": "alt", "value": rec.image_alt} in assoc["descriptions"]
            assert assoc["renditions"][0]["contenttype"] == "image/jpeg"
        draft = article_ninjs(s, get_article(s, recs[-1].id))
        assert draft["pubstatus"] == "withheld"
        assert item["by"] == ", ".join(rec.byline)


def test_minimal_article_validates(ctx, validator) -> None:
    with ctx.session() as s:
        rec = create_article(s, ArticleRecord(headline="Bare", body=""))
        assert_valid(validator, article_ninjs(s, rec))


def test_the_validator_really_checks(validator) -> None:
    """Guard: a 1.x-style item and a bad date are refused, so the tests above mean something."""
    assert list(validator.iter_errors({"uri": "urn:uuid:x", "body_html": "<p>x</p>"}))
    assert list(validator.iter_errors({"uri": "urn:uuid:x", "versioncreated": "yesterday"}))
