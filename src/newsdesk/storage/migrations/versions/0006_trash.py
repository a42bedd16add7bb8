"""trash: deleted articles kept as snapshots until the Trash is emptied

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trash_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("headline", sa.String(), nullable=False),
        sa.Column("slug", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("word_count", sa.Integer(), nullable=False),
        sa.Column("trashed_at", sa.DateTime(), nullable=False),
        sa.Column("snapshot", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("trash_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_trash_item_article_id"), ["article_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_trash_item_trashed_at"), ["trashed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_trash_item_uuid"), ["uuid"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("trash_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_trash_item_uuid"))
        batch_op.drop_index(batch_op.f("ix_trash_item_trashed_at"))
        batch_op.drop_index(batch_op.f("ix_trash_item_article_id"))
    op.drop_table("trash_item")
