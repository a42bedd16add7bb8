"""the newsroom's workflow: desk identity on revisions, dated corrections and updates (from
today's single ``correction_note``), embargo, editorial stages (from ``status``), notes,
assignments and presence

Revision ID: 0008
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0008"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = AutoString

# Today's status -> the editorial stage it stands for. The status itself is kept (it still says
# whether a story is on the public site), so nothing is lost.
STAGE_OF_STATUS = {
    "draft": "draft",
    "in_review": "ready_for_edit",
    "ready": "ready_to_publish",
    "scheduled": "ready_to_publish",
    "published": "published",
    "archived": "published",
}


def _add_article_columns() -> None:
    op.add_column("article", sa.Column("stage", _TEXT(), nullable=False, server_default="draft"))
    op.add_column("article", sa.Column("updated_by", _TEXT(), nullable=False, server_default=""))
    op.add_column("article", sa.Column("embargo_at", sa.DateTime(), nullable=True))
    op.add_column("article", sa.Column("assignee", _TEXT(), nullable=False, server_default=""))
    op.add_column(
        "article", sa.Column("word_budget", sa.Integer(), nullable=False, server_default="0")
    )
    op.add_column("article", sa.Column("deadline_at", sa.DateTime(), nullable=True))
    op.create_index("ix_article_stage", "article", ["stage"])
    op.create_index("ix_article_assignee", "article", ["assignee"])
    cases = " ".join(f"WHEN '{status}' THEN '{stage}'" for status, stage in STAGE_OF_STATUS.items())
    op.execute(f"UPDATE article SET stage = CASE status {cases} ELSE 'draft' END")
    op.add_column("article_revision", sa.Column("desk", _TEXT(), nullable=False, server_default=""))


def _create_tables() -> None:
    op.create_table(
        "article_correction",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("text", _TEXT(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("desk", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_article_correction_article_id", "article_correction", ["article_id"])
    op.create_table(
        "article_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("desk", _TEXT(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("old_value", _TEXT(), nullable=False),
        sa.Column("new_value", _TEXT(), nullable=False),
        sa.Column("message", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_article_event_article_created", "article_event", ["article_id", "created_at"]
    )
    op.create_table(
        "article_note",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("desk", _TEXT(), nullable=False),
        sa.Column("text", _TEXT(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolved_by", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["parent_id"], ["article_note.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_article_note_article_id", "article_note", ["article_id"])
    op.create_index("ix_article_note_parent_id", "article_note", ["parent_id"])
    op.create_table(
        "presence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("client_id", _TEXT(), nullable=False),
        sa.Column("desk", _TEXT(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.Column("taken_over_by", _TEXT(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("article_id", "client_id"),
    )
    op.create_index("ix_presence_article_id", "presence", ["article_id"])


def _drop_column(table: str, column: str) -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite drops a column in place (3.35+); a batch copy of the article table would lose
        # the full-text triggers that 0001 put on it.
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    else:
        op.drop_column(table, column)


def upgrade() -> None:
    _add_article_columns()
    _create_tables()
    # The one free-text correction becomes the first dated entry of the list, dated when the
    # article was last changed (the best moment known for it).
    op.execute(
        "INSERT INTO article_correction (article_id, kind, text, created_at, desk) "
        "SELECT id, 'correction', correction_note, updated_at, '' FROM article "
        "WHERE correction_note <> ''"
    )
    _drop_column("article", "correction_note")


def downgrade() -> None:
    op.add_column(
        "article",
        sa.Column("correction_note", _TEXT(), nullable=False, server_default=""),
    )
    op.execute(
        "UPDATE article SET correction_note = COALESCE((SELECT c.text FROM article_correction c "
        "WHERE c.article_id = article.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1), '')"
    )
    for table in ("presence", "article_note", "article_event", "article_correction"):
        op.drop_table(table)
    op.drop_index("ix_article_assignee", "article")
    op.drop_index("ix_article_stage", "article")
    for column in ("deadline_at", "word_budget", "assignee", "embargo_at", "updated_by", "stage"):
        _drop_column("article", column)
    _drop_column("article_revision", "desk")
