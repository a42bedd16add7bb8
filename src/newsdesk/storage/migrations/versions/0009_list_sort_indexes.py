"""indexes for the library list's headline and word-count sorts

Without them, opening a 100,000-article library sorted by headline (or by words) sorts the
whole table for the first page (0.7-1 s); with them the first page is an index walk. SQLite
indexes carry the rowid (the article id), so each serves the (column, id) keyset order.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.create_index("ix_article_headline", ["headline"])
        batch.create_index("ix_article_word_count", ["word_count"])


def downgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.drop_index("ix_article_word_count")
        batch.drop_index("ix_article_headline")
