"""an index of the articles whose body is not rendered yet (bulk imports store the source alone)

A partial index: it holds only the rows with an empty ``body_html``, so "is anything left to
render?" is answered without reading the article table, and it is empty once every body is.

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WHERE = sa.text("body_html = ''")


def upgrade() -> None:
    op.create_index(
        "ix_article_unrendered",
        "article",
        ["id"],
        unique=False,
        sqlite_where=_WHERE,
        postgresql_where=_WHERE,
    )


def downgrade() -> None:
    op.drop_index("ix_article_unrendered", table_name="article")
