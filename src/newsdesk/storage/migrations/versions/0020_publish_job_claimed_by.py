"""``publish_job.claimed_by``: which process is sending a running job

A job is marked "running" while a process sends it. When that process was killed (the app
closed by force, a ``newsdesk publish`` interrupted) the job stayed "running" for fifteen
minutes, and every new publish of the article waited behind it ("waiting for an earlier job").
The claimant's token (machine, boot, process id, start time) lets the next run see that the
process is gone and send the job again at once.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import AutoString

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "publish_job", sa.Column("claimed_by", AutoString(), nullable=False, server_default="")
    )


def downgrade() -> None:
    with op.batch_alter_table("publish_job") as batch:
        batch.drop_column("claimed_by")
