"""article revisions: snapshots of an article for history, diff and restore

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TEXT = AutoString


def upgrade() -> None:
    op.create_table(
        "article_revision",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("headline", _TEXT(), nullable=False),
        sa.Column("standfirst", _TEXT(), nullable=False),
        sa.Column("body", _TEXT(), nullable=False),
        sa.Column("section", _TEXT(), nullable=True),
        sa.Column("tags_json", _TEXT(), nullable=False),
        sa.Column("byline_json", _TEXT(), nullable=False),
        sa.Column("dateline", _TEXT(), nullable=False),
        sa.Column("status", _TEXT(), nullable=False),
        sa.Column("extra_json", _TEXT(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("summary", _TEXT(), nullable=False),
        sa.Column("article_version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("article_revision", schema=None) as batch_op:
        batch_op.create_index(
            "ix_article_revision_article_created", ["article_id", "created_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("article_revision", schema=None) as batch_op:
        batch_op.drop_index("ix_article_revision_article_created")
    op.drop_table("article_revision")
