"""a sitemap shard's pages read from one index: ``ix_site_export_file_shard`` covers them

A re-export after one edit writes the sitemap shards listing the pages it wrote again, and
reads each shard's pages (path and date) from ``site_export_file``. With the index on
(site, shard) alone every one of those ~1,900 rows (at 100,000 articles) was looked up in the
table, each on a page of its own (scattered by the shard's hash): 10-18 ms a shard, five
shards for one edit. The index now holds the path and date as well, so the shard's pages are
read from a few adjacent index pages.

Revision ID: 0019
Revises: 0017
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0019"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.drop_index("ix_site_export_file_shard", "site_export_file")
    op.create_index(
        "ix_site_export_file_shard", "site_export_file", ["site", "shard", "path", "lastmod"]
    )


def downgrade() -> None:
    op.drop_index("ix_site_export_file_shard", "site_export_file")
    op.create_index("ix_site_export_file_shard", "site_export_file", ["site", "shard"])
