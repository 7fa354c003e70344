"""Alembic environment. Always called by ``frontdesk.db.migrate`` with an open connection."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import frontdesk.models  # noqa: F401  (registers every table on the metadata)

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through frontdesk.db.migrate, which provides a connection.")

context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables instead
    compare_type=True,
)

with context.begin_transaction():
    context.run_migrations()
