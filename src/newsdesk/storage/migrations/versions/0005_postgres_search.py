"""full-text search on PostgreSQL: a weighted tsvector column and its GIN index

On SQLite this revision does nothing (the FTS5 index of 0001 serves search there).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-28
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _weighted(column: str, weight: str) -> str:
    return f"setweight(to_tsvector('simple'::regconfig, coalesce({column}, '')), '{weight}')"


# A generated column is kept in step by PostgreSQL itself on every insert and update, as the
# FTS5 triggers are on SQLite, so no code path can forget it. The 'simple' configuration
# neither stems nor drops stop words, like FTS5's unicode61 tokenizer. Weights follow the
# FTS5 bm25 column weights: headline, then tags, then standfirst and byline, then body.
SEARCH_VECTOR = " || ".join(
    [
        _weighted("headline", "A"),
        _weighted("tags_text", "B"),
        _weighted("standfirst", "C"),
        _weighted("byline_text", "C"),
        _weighted("body", "D"),
    ]
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        "ALTER TABLE article ADD COLUMN search_vector tsvector "
        f"GENERATED ALWAYS AS ({SEARCH_VECTOR}) STORED"
    )
    op.execute("CREATE INDEX ix_article_search_vector ON article USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP INDEX IF EXISTS ix_article_search_vector")
    op.execute("ALTER TABLE article DROP COLUMN IF EXISTS search_vector")
