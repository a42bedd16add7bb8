"""revisions numbered per article: ``article_revision.number`` is 1, 2, 3… for each article
(the number ``article history`` shows and ``diff``/``restore`` take), backfilled in the order
the revisions were made

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "article_revision", sa.Column("number", sa.Integer(), nullable=False, server_default="0")
    )
    op.execute(
        "UPDATE article_revision SET number = (SELECT n FROM (SELECT id AS rid, ROW_NUMBER() "
        "OVER (PARTITION BY article_id ORDER BY created_at, id) AS n FROM article_revision) "
        "AS numbered WHERE numbered.rid = article_revision.id)"
    )
    op.create_index(
        "ix_article_revision_article_number", "article_revision", ["article_id", "number"]
    )


def downgrade() -> None:
    op.drop_index("ix_article_revision_article_number", table_name="article_revision")
    with op.batch_alter_table("article_revision", schema=None) as batch_op:
        batch_op.drop_column("number")
