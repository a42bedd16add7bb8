"""learned site looks (snapshots of a site's article page) and their files

Revision ID: 0011
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "site_look",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("target_name", sa.String(), nullable=False),
        sa.Column("platform", sa.String(), nullable=False),
        sa.Column("source_url", sa.String(), nullable=False),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("html", sa.String(), nullable=False),
        sa.Column("parts", sa.JSON(), nullable=False),
        sa.Column("corrected", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("site_look") as batch:
        batch.create_index("ix_site_look_name_taken", ["name", "taken_at"])
    op.create_table(
        "look_file",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("media_type", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("source_url", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "site_look_file",
        sa.Column("look_id", sa.Integer(), nullable=False),
        sa.Column("file_sha256", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["look_id"], ["site_look.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["file_sha256"], ["look_file.sha256"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("look_id", "file_sha256"),
    )
    with op.batch_alter_table("site_look_file") as batch:
        batch.create_index("ix_site_look_file_file_sha256", ["file_sha256"])


def downgrade() -> None:
    op.drop_table("site_look_file")
    op.drop_table("look_file")
    op.drop_table("site_look")
