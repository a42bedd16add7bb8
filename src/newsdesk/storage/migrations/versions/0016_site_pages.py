"""site pages in the library: each exported file with its recipe and the articles it shows

- ``site_export_file``: every file of an exported site (fingerprint, size and modification time
  as written, sitemap shard and date, the recipe to make it again);
- ``site_export_dep``: which files show which article;
- ``site_article_change``: the change number of each article's latest change (SQLite triggers;
  article 0: sections, tags, authors, assets or settings changed), so a re-export finds what
  changed since the last one without loading the library;
- ``site_export.state``: what a quick re-export needs beside the files;
- an index on ``article.embargo_at``: "has an embargo ended since the last export" without
  reading every article.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# table -> the article a row belongs to (NEW./OLD. column); None: a change every page may show
CHANGE_SOURCES = {
    "article": "id",
    "article_tag": "article_id",
    "article_author": "article_id",
    "article_asset": "article_id",
    "article_correction": "article_id",
    "section": None,
    "tag": None,
    "author": None,
    "asset": None,
    "site_setting": None,
}


def _triggers() -> list[tuple[str, str]]:
    out = []
    for table, column in CHANGE_SOURCES.items():
        for event in ("INSERT", "UPDATE", "DELETE"):
            row = "OLD" if event == "DELETE" else "NEW"
            article = f"{row}.{column}" if column else "0"
            name = f"site_article_change_{table}_{event.lower()}"
            # seq + 1: after this statement's bump of library_change (whichever trigger runs
            # first), so always above the number an export read before the change.
            out.append(
                (
                    name,
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN "
                    "INSERT INTO site_article_change (article_id, seq) VALUES "
                    f"({article}, (SELECT seq FROM library_change WHERE id = 1) + 1) "
                    "ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq; END",
                )
            )
    return out


def upgrade() -> None:
    op.create_table(
        "site_export_file",
        sa.Column("site", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("path", sa.String(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("mtime_ns", sa.Integer(), nullable=False),
        sa.Column("shard", sa.Integer(), nullable=False),
        sa.Column("lastmod", sa.String(), nullable=False),
        sa.Column("recipe", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("site", "path"),
    )
    op.create_index("ix_site_export_file_no", "site_export_file", ["site", "no"], unique=True)
    op.create_index("ix_site_export_file_shard", "site_export_file", ["site", "shard"])
    op.create_table(
        "site_export_dep",
        sa.Column("site", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("article_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("no", sa.Integer(), nullable=False, autoincrement=False),
        sa.PrimaryKeyConstraint("site", "article_id", "no"),
    )
    op.create_table(
        "site_article_change",
        sa.Column("article_id", sa.Integer(), nullable=False, autoincrement=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("article_id"),
    )
    op.create_index("ix_site_article_change_seq", "site_article_change", ["seq"])
    with op.batch_alter_table("site_export") as batch:
        batch.add_column(sa.Column("state", sa.String(), nullable=True))
    op.create_index("ix_article_embargo_at", "article", ["embargo_at"])
    if op.get_bind().dialect.name == "sqlite":  # PostgreSQL libraries take the full way
        for _name, sql in _triggers():
            op.execute(sql)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, _sql in _triggers():
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.drop_index("ix_article_embargo_at", "article")
    with op.batch_alter_table("site_export") as batch:
        batch.drop_column("state")
    op.drop_index("ix_site_article_change_seq", "site_article_change")
    op.drop_table("site_article_change")
    op.drop_table("site_export_dep")
    op.drop_index("ix_site_export_file_shard", "site_export_file")
    op.drop_index("ix_site_export_file_no", "site_export_file")
    op.drop_table("site_export_file")
