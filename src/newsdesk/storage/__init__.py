"""The article library: SQLModel tables, the engine, migrations and full-text search."""
