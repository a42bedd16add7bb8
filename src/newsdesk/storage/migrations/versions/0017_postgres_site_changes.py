"""site change tracking on PostgreSQL: the triggers revisions 0009 and 0016 keep on SQLite

A shared library in PostgreSQL gets the same change numbers as a library file: every change
to what a site shows bumps ``library_change.seq`` (0009's tables), and every change to an
article, its links or the taxonomy records the article (0 for what every page may show) in
``site_article_change`` (0016's tables). A re-export there then knows "nothing changed" from
one row and re-renders only the pages an edit touches, as on SQLite.

The folder key (63 bits) and the files' sizes and modification times (nanoseconds) do not fit
PostgreSQL's 32-bit ``integer``: those columns become ``bigint`` (on SQLite, where every
integer is 64 bits, only the declared type changes, so both schemas match the models).

The bump is a row update of ``library_change``: concurrent writers queue on that row lock, so
the numbers follow commit order as SQLite's single writer gives them.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FUNCTION = "newsdesk_site_change"
# table -> (bumps library_change, the article a row belongs to: a column, or '' for 0);
# as revisions 0009 (SITE_TABLES) and 0016 (CHANGE_SOURCES) track them on SQLite.
TABLES = {
    "article": (True, "id"),
    "article_tag": (True, "article_id"),
    "article_author": (True, "article_id"),
    "article_asset": (True, "article_id"),
    "article_correction": (False, "article_id"),
    "section": (True, ""),
    "tag": (True, ""),
    "author": (True, ""),
    "asset": (True, ""),
    "site_setting": (True, ""),
}

# seq + 1 as on SQLite: above the number any export read before this change committed.
_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    changed_row jsonb;
    article integer := 0;
BEGIN
    IF TG_ARGV[0]::boolean THEN
        UPDATE library_change SET seq = seq + 1 WHERE id = 1;
    END IF;
    IF TG_ARGV[1] <> '' THEN
        IF TG_OP = 'DELETE' THEN
            changed_row := to_jsonb(OLD);
        ELSE
            changed_row := to_jsonb(NEW);
        END IF;
        article := (changed_row ->> TG_ARGV[1])::integer;
    END IF;
    INSERT INTO site_article_change (article_id, seq)
    VALUES (article, (SELECT seq FROM library_change WHERE id = 1) + 1)
    ON CONFLICT (article_id) DO UPDATE SET seq = excluded.seq;
    RETURN NULL;
END
$$
"""


def _trigger_name(table: str) -> str:
    return f"newsdesk_site_change_{table}"


WIDE = {"site_export_file": ("site", "size", "mtime_ns"), "site_export_dep": ("site",)}


def _retype(to: type[sa.types.TypeEngine], was: type[sa.types.TypeEngine]) -> None:
    for table, columns in WIDE.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.alter_column(column, type_=to(), existing_type=was(), existing_nullable=False)


def upgrade() -> None:
    _retype(sa.BigInteger, sa.Integer)
    if op.get_bind().dialect.name != "postgresql":
        return  # SQLite has had its triggers since 0009 and 0016
    op.execute(_FUNCTION_SQL)
    for table, (bump, column) in TABLES.items():
        op.execute(
            f"CREATE TRIGGER {_trigger_name(table)} AFTER INSERT OR UPDATE OR DELETE ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {FUNCTION}('{str(bump).lower()}', '{column}')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in TABLES:
            op.execute(f"DROP TRIGGER IF EXISTS {_trigger_name(table)} ON {table}")
        op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
        op.execute("DELETE FROM site_export_dep")  # keys that no longer fit; exports rebuild
        op.execute("DELETE FROM site_export_file")
    _retype(sa.Integer, sa.BigInteger)
