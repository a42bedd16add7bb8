"""Alembic environment: runs on the connection newsdesk hands over (or the ini URL by hand)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import newsdesk.storage.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
target_metadata = SQLModel.metadata


# Made by raw SQL, not by the models: the PostgreSQL full-text column and its index (0005).
SEARCH_ONLY = {("column", "search_vector"), ("index", "ix_article_search_vector")}


def _include_name(name: str | None, type_: str, _parents: object) -> bool:
    # The FTS5 index and its shadow tables are made by raw SQL, not by the models.
    if type_ == "table" and name is not None and name.startswith("article_fts"):
        return False
    return (type_, name) not in SEARCH_ONLY


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=_include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        _run(conn)
