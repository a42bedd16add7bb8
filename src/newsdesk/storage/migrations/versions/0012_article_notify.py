"""PostgreSQL: every change to an article row is announced with NOTIFY, so an open window on a
shared library hears another desk's save, new article or deletion at once (LISTEN) instead of
reading every article's version twice a second. However the row changed (any service, the
CLI, an import, a hand-written UPDATE), the trigger announces it.

On SQLite this revision does nothing (``PRAGMA data_version`` serves there).

Revision ID: 0012
Revises: 0008
Create Date: 2026-12-03
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0012"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The channel newsdesk's change notices use (newsdesk.storage.changes.CHANNEL); "article" is a
# kind the workflow panels do not wake for: the library watcher reads it.
FUNCTION = """
CREATE OR REPLACE FUNCTION newsdesk_article_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('newsdesk_changes', json_build_object(
        'article', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END,
        'kind', 'article')::text);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(FUNCTION)
    op.execute(
        "CREATE TRIGGER article_changed AFTER INSERT OR UPDATE OR DELETE ON article "
        "FOR EACH ROW EXECUTE FUNCTION newsdesk_article_changed()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS article_changed ON article")
    op.execute("DROP FUNCTION IF EXISTS newsdesk_article_changed()")
