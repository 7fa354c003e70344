"""Shared pieces of the schema: the metadata naming convention and time helpers."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import SQLModel

# Named constraints let Alembic's batch mode find and rebuild them on SQLite.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    """Now, as an aware UTC instant: the form every instant is stored in."""
    return datetime.now(UTC)
