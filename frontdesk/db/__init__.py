"""Database access: the engine, the one session scope, migrations, health and backups."""

from frontdesk.db.engine import Database

__all__ = ["Database"]
