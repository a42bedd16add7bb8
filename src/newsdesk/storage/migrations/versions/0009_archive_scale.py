"""archive scale: list sort indexes, a library change counter, static-site export state

- Indexes for the library list's headline and word-count sorts: without them the first page of
  a 100,000-article library sorted by headline sorts the whole table (0.7-1 s). SQLite indexes
  carry the rowid (the article id), so each serves the (column, id) keyset order.
- ``library_change``: one row whose ``seq`` every change to what a site shows bumps (SQLite
  triggers on articles, taxonomy, their links, assets and site settings).
- ``site_export``: per output folder, the change number, settings/theme key and manifest digest
  of its last export, so a re-export with nothing changed is known without loading the site.

Revision ID: 0009
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Everything the static site is made from (trash moves rows out of these, so it counts too).
SITE_TABLES = (
    "article", "section", "tag", "author", "article_tag", "article_author", "asset",
    "article_asset", "site_setting",
)  # fmt: skip


def _triggers() -> list[tuple[str, str]]:
    out = []
    for table in SITE_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = f"library_change_{table}_{event.lower()}"
            out.append(
                (
                    name,
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "
                    "UPDATE library_change SET seq = seq + 1 WHERE id = 1; END",
                )
            )
    return out


def upgrade() -> None:
    with op.batch_alter_table("article") as batch:
        batch.create_index("ix_article_headline", ["headline"])
        batch.create_index("ix_article_word_count", ["word_count"])
    op.create_table(
        "library_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute("INSERT INTO library_change (id, seq) VALUES (1, 0)")
    op.create_table(
        "site_export",
        sa.Column("out_path", sa.String(), nullable=False),
        sa.Column("change_seq", sa.Integer(), nullable=False),
        sa.Column("state_key", sa.String(), nullable=False),
        sa.Column("manifest_sha256", sa.String(), nullable=False),
        sa.Column("files", sa.Integer(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("out_path"),
    )
    if op.get_bind().dialect.name == "sqlite":  # PostgreSQL libraries take the full check
        for _name, sql in _triggers():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, _sql in _triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_table("site_export")
    op.drop_table("library_change")
    with op.batch_alter_table("article") as batch:
        batch.drop_index("ix_article_word_count")
        batch.drop_index("ix_article_headline")
