"""Schema migrations: the one path that creates and upgrades a database.

Each upgrade runs in a single transaction with foreign keys switched off *outside*
it (SQLite ignores the pragma inside a transaction). Batch-mode table rebuilds would
otherwise cascade deletes into child tables. The transaction ends with an empty
``foreign_key_check`` or is rolled back whole.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from frontdesk.db.engine import Database
from frontdesk.errors import UserError
from frontdesk.paths import migrations_dir


class NewerDatabaseError(UserError):
    """The file was written by a newer FrontDesk; we never downgrade."""


class MigrationError(Exception):
    """A migration left the data inconsistent; it was rolled back."""


def _config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {rev.revision for rev in ScriptDirectory.from_config(_config()).walk_revisions()}


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(db: Database) -> str | None:
    """Return the file's revision; refuse a revision this FrontDesk does not know."""
    revision = current_revision(db)
    if revision is not None and revision not in known_revisions():
        raise NewerDatabaseError(
            f"The database {db.path} was made by a newer version of FrontDesk "
            f"(schema {revision}). Update FrontDesk to open it; nothing was changed."
        )
    return revision


def needs_upgrade(db: Database) -> bool:
    return check_not_newer(db) != head_revision()


def upgrade(db: Database, target: str = "head") -> None:
    """Bring the schema to ``target`` in one transaction, or leave it exactly as it was."""
    check_not_newer(db)
    cfg = _config()
    with db.manual_connection() as conn:
        conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
            try:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise MigrationError(f"Migration broke {len(broken)} foreign key(s): {broken[:5]}")
                conn.exec_driver_sql("COMMIT")
            except BaseException:
                conn.exec_driver_sql("ROLLBACK")
                raise
        finally:
            conn.exec_driver_sql("PRAGMA foreign_keys = ON")
            conn.commit()


def create_or_upgrade(path: Path) -> Database:
    """Open (creating if needed) the database at ``path`` at the newest schema."""
    db = Database(path)
    upgrade(db)
    return db
