"""The one path that creates a database gives exactly the schema the models describe."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from frontdesk.db import migrate
from frontdesk.db.engine import Database


def test_new_database_is_at_head(db: Database) -> None:
    assert migrate.current_revision(db) == migrate.head_revision()


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrated_schema_matches_models(db: Database) -> None:
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diffs = compare_metadata(ctx, SQLModel.metadata)
    # FTS5 shadow tables and the word index's tables belong to the search index, not to the models
    search_index = ("remove_table", "remove_index")
    diffs = [d for d in diffs if not (d[0] in search_index and d[1].name.startswith("guest_search"))]
    assert diffs == []
    with db.engine.connect() as conn:
        index_sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'uq_preference_active_item'"
        ).scalar()
    assert "lower(text)" in index_sql and "retired_at IS NULL" in index_sql


def test_pragmas_on_every_connection(db: Database) -> None:
    with db.session() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
