"""The article schema: one declaration (``domain.record`` with ``domain.fields.spec``) that the
table is checked against and everything else is derived from — and a field added to it flows
through the record, the services, the history, duplicate, front matter, ninjs, the CLI and the
publish payload."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path
from typing import Any, get_args, get_type_hints

import pytest
from sqlalchemy import inspect as sa_inspect

from newsdesk.domain import schema
from newsdesk.domain.record import ArticleRecord
from newsdesk.storage.models import Article, ArticleRevision

REPO = Path(__file__).resolve().parents[2]
# Columns of the article row that are not article fields: the section's key and the copies the
# full-text index reads.
STORAGE_ONLY = {"section_id", "tags_text", "byline_text"}
PYTHON_TYPE = {"text": str, "int": int, "bool": bool, "datetime": datetime}


def test_the_article_table_has_a_column_for_every_declared_column_field() -> None:
    columns = {c.key: c for c in sa_inspect(Article).columns}
    declared = set(schema.COLUMNS)
    assert declared - set(columns) == set(), "declared as a column, missing in storage"
    assert set(columns) - declared - STORAGE_ONLY == set(), "a column no field declares"
    record_types = get_type_hints(ArticleRecord)
    for name in declared:  # the same type, the record's optional where the library fills it in
        stored = Article.model_fields[name].annotation
        assert stored in (record_types[name], _without_none(record_types[name])), name
        assert _without_none(stored) is PYTHON_TYPE[schema.BY_NAME[name].spec.kind], name


def _without_none(hint: Any) -> Any:
    args = [a for a in get_args(hint) if a is not type(None)]
    return args[0] if len(args) == 1 else hint


def test_the_revision_table_keeps_every_field_the_history_keeps_in_columns() -> None:
    columns = {c.key for c in sa_inspect(ArticleRevision).columns}
    for name in schema.HISTORY_COLUMNS:
        kind = schema.BY_NAME[name].spec.kind
        assert (f"{name}_json" if kind == "names" else name) in columns, name


def test_every_record_field_is_declared_and_the_derived_lists_are_the_known_ones() -> None:
    # Pins the lists as they were written by hand before the schema, so a slip in a
    # declaration (a restored status, a copied UUID) shows here.
    assert [f.name for f in schema.ARTICLE_FIELDS] == list(ArticleRecord.__dataclass_fields__)
    assert schema.DIFF_FIELDS == {
        "headline": "Headline", "standfirst": "Standfirst", "section": "Section",
        "tags": "Tags", "byline": "Byline", "dateline": "Dateline", "status": "Status",
        "image_sha256": "Featured image", "image_alt": "Image description",
        "image_caption": "Caption", "image_credit": "Credit",
        "seo_description": "SEO description", "editors_note": "Editor's note",
        "language": "Language",
    }  # fmt: skip
    # What a restore brings back, a comparison shows (the body has its own word diff).
    assert set(schema.RESTORED_FIELDS) - {"body"} <= set(schema.DIFF_FIELDS)
    assert set(schema.RESTORED_FIELDS) == {
        "headline", "standfirst", "body", "section", "tags", "byline", "dateline",
        "image_sha256", "image_alt", "image_caption", "image_credit", "seo_description",
        "editors_note", "language",
    }  # fmt: skip
    assert set(schema.HISTORY_EXTRA) == {
        "image_sha256", "image_alt", "image_caption", "image_credit", "seo_description",
        "editors_note", "language", "slug", "pinned", "stage", "embargo_at", "assignee",
        "corrections",
    }  # fmt: skip
    assert {
        "id", "uuid", "version", "created_at", "updated_at", "body_html", "word_count",
        "section_slug",
    } == schema.NOT_COPIED  # fmt: skip
    assert set(ArticleRecord.__dataclass_fields__) - schema.EDITABLE == {
        "id", "version", "word_count", "body_html", "section_slug", "corrections", "updated_by",
    }  # fmt: skip


# ---------------------------------------------------------------------------------------------
# A field added to the declaration flows everywhere. The test does what a developer does: in a
# copy of the package it adds one declaration line to ArticleRecord, one column to the Article
# table and a migration, then drives the copy in a fresh interpreter (a dataclass cannot gain a
# field in a running one).

KICKER = (
    '    kicker: str = spec("", label="Kicker", diffed=True, history="extra", restored=True,'
    ' front_matter=("kicker",), ninjs="description:kicker", payload=True, cli="--kicker",'
    ' cli_help="the line above the headline")\n'
)

FLOW = textwrap.dedent(
    """
    import contextlib, io, json, sys
    from pathlib import Path

    import frontmatter

    from newsdesk.cli.main import main
    from newsdesk.domain.record import ArticleRecord
    from newsdesk.export.markdown import export_markdown
    from newsdesk.export.ninjs import article_ninjs
    from newsdesk.importers.markdown import import_markdown_file
    from newsdesk.importers.ninjs import ninjs_fields
    from newsdesk.publish.folder import front_matter as folder_front_matter
    from newsdesk.publish.payload import build_payload
    from newsdesk.publish.webhook import to_ninjs
    from newsdesk.core.articles import get_article, update_article
    from newsdesk.services.opening import open_context
    from newsdesk.services.editing import duplicate_article
    from newsdesk.core.revisions import (
        diff_revisions, list_revisions, record_revision, restore_revision,
    )

    tmp = Path(sys.argv[1])
    db = str(tmp / "library.newsdesk")
    out = {"record_has_kicker": "kicker" in ArticleRecord.__dataclass_fields__}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["--db", db, "article", "add", "--json", "--headline", "Port deal signed",
                     "--kicker", "Exclusive"])
    out["cli_code"] = code
    article_id = json.loads(printed.getvalue())["id"]
    ctx = open_context(db, str(tmp / "base"), seed=False)
    with ctx.session() as s:
        out["cli_kicker"] = get_article(s, article_id).kicker
        first = list_revisions(s, article_id)[0].id
        out["edited"] = update_article(s, article_id, {"kicker": "Analysis"}).kicker
        second = record_revision(s, article_id, "save").id
        diff = diff_revisions(s, article_id, first, second)
        out["diff"] = [[c.name, c.label, c.old, c.new] for c in diff.fields]
        out["restored"] = restore_revision(s, article_id, first)[0].kicker
        out["duplicate"] = duplicate_article(s, article_id).kicker
        page = export_markdown(s, article_id, tmp / "md")
        out["front_matter"] = frontmatter.loads(page.read_text()).metadata.get("kicker")
        rec = get_article(s, article_id)
        item = article_ninjs(s, rec)
        out["ninjs"] = [d for d in item["descriptions"] if d["role"] == "kicker"]
        out["ninjs_back"] = ninjs_fields(item, "item.json").get("kicker")
        payload = build_payload(s, article_id)
        out["payload"] = payload.extra
        out["folder"] = folder_front_matter(payload).get("kicker")
        out["webhook"] = [d for d in to_ninjs(payload)["descriptions"] if d["role"] == "kicker"]
    other = open_context(str(tmp / "other.newsdesk"), str(tmp / "base"), seed=False)
    with other.session() as s:
        out["imported"] = import_markdown_file(s, page).record.kicker
    print(json.dumps(out))
    """
)


def _copy_with_kicker(dest: Path) -> Path:
    """The package with a ``kicker`` field added the way the declaration says to add one."""
    from newsdesk.storage.migrate import head_revision

    src = dest / "src"
    shutil.copytree(
        REPO / "src" / "newsdesk", src / "newsdesk", ignore=shutil.ignore_patterns("__pycache__")
    )
    if (REPO / "resources").is_dir():  # resources/ beside src/ (before it moved into newsdesk)
        (dest / "resources").symlink_to(REPO / "resources")
    record = src / "newsdesk" / "domain" / "record.py"
    text = record.read_text()
    assert text.count("    # fmt: on\n") == 1
    record.write_text(text.replace("    # fmt: on\n", KICKER + "    # fmt: on\n"))
    models = src / "newsdesk" / "storage" / "models.py"
    anchor = '    __tablename__ = "article"\n'
    assert models.read_text().count(anchor) == 1
    models.write_text(models.read_text().replace(anchor, anchor + '    kicker: str = ""\n'))
    versions = src / "newsdesk" / "storage" / "migrations" / "versions"
    (versions / "9999_kicker.py").write_text(
        textwrap.dedent(
            f'''
            """the article's kicker"""
            import sqlalchemy as sa
            from alembic import op

            revision = "9999"
            down_revision = "{head_revision()}"
            branch_labels = None
            depends_on = None


            def upgrade() -> None:
                with op.batch_alter_table("article") as batch:
                    batch.add_column(
                        sa.Column("kicker", sa.String(), nullable=False, server_default="")
                    )


            def downgrade() -> None:
                with op.batch_alter_table("article") as batch:
                    batch.drop_column("kicker")
            '''
        )
    )
    return src


@pytest.mark.heavy
def test_a_field_added_to_the_declaration_flows_everywhere(tmp_path: Path) -> None:
    src = _copy_with_kicker(tmp_path / "tree")
    env = {**os.environ, "PYTHONPATH": str(src), "NEWSDESK_BASEDIR": str(tmp_path / "base")}
    run = subprocess.run(
        [sys.executable, "-c", FLOW, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout.strip().splitlines()[-1])
    assert out["record_has_kicker"]
    assert (out["cli_code"], out["cli_kicker"]) == (0, "Exclusive")  # the CLI option
    assert out["edited"] == "Analysis"  # an edit through the service
    assert out["diff"] == [["kicker", "Kicker", "Exclusive", "Analysis"]]  # the history
    assert out["restored"] == "Exclusive"  # a restore puts it back
    assert out["duplicate"] == "Exclusive"  # a duplicate copies it
    assert out["front_matter"] == "Exclusive"  # exported…
    assert out["imported"] == "Exclusive"  # …and imported into another library
    assert out["ninjs"] == [{"role": "kicker", "contenttype": "text/plain", "value": "Exclusive"}]
    assert out["ninjs_back"] == "Exclusive"
    assert out["payload"] == {"kicker": "Exclusive"}  # publishers receive it
    assert out["folder"] == "Exclusive"
    assert out["webhook"] == [{"role": "kicker", "value": "Exclusive"}]
