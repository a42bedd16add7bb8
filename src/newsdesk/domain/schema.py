"""The article schema: the field lists everyone uses, derived from ``ArticleRecord``'s
declarations (``domain.fields``). Nothing here is written by hand per field."""

from __future__ import annotations

from newsdesk.domain.fields import ArticleField, declared_fields
from newsdesk.domain.record import ArticleRecord

ARTICLE_FIELDS: tuple[ArticleField, ...] = declared_fields(ArticleRecord)
BY_NAME: dict[str, ArticleField] = {f.name: f for f in ARTICLE_FIELDS}

# What ``update_article`` may change (``create_article`` sets them too).
EDITABLE: frozenset[str] = frozenset(f.name for f in ARTICLE_FIELDS if f.spec.editable)
# Read from and written to the ``article`` row's column of the same name.
COLUMNS: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.spec.column)
# The fields a revision diff shows beside the body, with their labels.
DIFF_FIELDS: dict[str, str] = {f.name: f.label for f in ARTICLE_FIELDS if f.spec.diffed}
# Kept in a revision's own columns, and in its ``extra_json``.
HISTORY_COLUMNS: tuple[str, ...] = tuple(
    f.name for f in ARTICLE_FIELDS if f.spec.history == "column"
)
HISTORY_EXTRA: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.spec.history == "extra")
# What restoring a revision puts back: the content.
RESTORED_FIELDS: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.spec.restored)
# What a duplicate leaves out: identity, dates and values derived from the body.
NOT_COPIED: frozenset[str] = frozenset(f.name for f in ARTICLE_FIELDS if not f.spec.copied)
# Front matter keys (written first, then other spellings read) by field.
FRONT_MATTER: dict[str, tuple[str, ...]] = {
    f.name: f.spec.front_matter for f in ARTICLE_FIELDS if f.spec.front_matter
}
# ninjs: top-level properties and description roles by field.
NINJS_PROPERTIES: dict[str, str] = {
    f.name: f.spec.ninjs for f in ARTICLE_FIELDS if f.spec.ninjs and ":" not in f.spec.ninjs
}
NINJS_DESCRIPTIONS: dict[str, str] = {
    f.name: f.spec.ninjs.removeprefix("description:")
    for f in ARTICLE_FIELDS
    if f.spec.ninjs.startswith("description:")
}
# Given to publishers in the post payload.
PAYLOAD_FIELDS: tuple[str, ...] = tuple(f.name for f in ARTICLE_FIELDS if f.spec.payload)
# ``newsdesk article add/edit`` options, in declaration order.
CLI_FIELDS: tuple[ArticleField, ...] = tuple(f for f in ARTICLE_FIELDS if f.spec.cli)
