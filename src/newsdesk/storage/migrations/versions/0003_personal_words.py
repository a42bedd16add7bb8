"""personal word list for the spell checker

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-28
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "personal_word",
        sa.Column("word", sa.String(), nullable=False),
        sa.Column("language", sa.String(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("word", "language"),
    )


def downgrade() -> None:
    op.drop_table("personal_word")
