"""Schema migrations: the one path that creates and upgrades a database.

Each upgrade runs in a single transaction with foreign keys switched off *outside*
it (SQLite ignores the pragma inside a transaction). Batch-mode table rebuilds would
otherwise cascade deletes into child tables. The transaction ends with an empty
``foreign_key_check`` or is rolled back whole.
"""

from __future__ import annotations

import sqlite3
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


def _config(script_location: Path | None = None) -> Config:
    """``script_location`` is for tests only (e.g. a copy of the migrations with a failing one)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(script_location or migrations_dir()))
    return cfg


def head_revision(script_location: Path | None = None) -> str:
    head = ScriptDirectory.from_config(_config(script_location)).get_current_head()
    assert head is not None
    return head


def known_revisions(script_location: Path | None = None) -> set[str]:
    script = ScriptDirectory.from_config(_config(script_location))
    return {rev.revision for rev in script.walk_revisions()}


def file_revision(path: Path) -> str | None:
    """The schema revision of a database file, read without writing anything to it.

    Opening through ``Database`` would switch the file to WAL; a file we may refuse
    (a newer version, a restore candidate) must stay byte-for-byte as it was.
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        has_table = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
        ).fetchone()
        if not has_table:
            return None
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        conn.close()


class ForeignDatabaseError(UserError):
    """An SQLite file with tables, but not FrontDesk's: never add our tables to it."""


def _has_tables(path: Path) -> bool:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' LIMIT 1").fetchone() is not None
    finally:
        conn.close()


def refuse_if_newer(path: Path, script_location: Path | None = None) -> str | None:
    """Like ``check_not_newer`` but on a closed file, read-only.

    Also refuses another program's SQLite database (tables but no FrontDesk schema
    version): migrating it would write FrontDesk's tables into someone else's file.
    """
    revision = file_revision(path)
    if revision is None and path.exists() and path.stat().st_size > 0 and _has_tables(path):
        raise ForeignDatabaseError(
            f"The file {path} is an SQLite database, but not a FrontDesk one. "
            "Nothing was changed; choose a FrontDesk database file or a new file name."
        )
    if revision is not None and revision not in known_revisions(script_location):
        raise NewerDatabaseError(
            f"The database {path} was made by a newer version of FrontDesk "
            f"(schema {revision}). Update FrontDesk to open it; nothing was changed."
        )
    return revision


def current_revision(db: Database) -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_not_newer(db: Database, script_location: Path | None = None) -> str | None:
    """Return the file's revision; refuse a revision this FrontDesk does not know."""
    revision = current_revision(db)
    if revision is not None and revision not in known_revisions(script_location):
        raise NewerDatabaseError(
            f"The database {db.path} was made by a newer version of FrontDesk "
            f"(schema {revision}). Update FrontDesk to open it; nothing was changed."
        )
    return revision


def needs_upgrade(db: Database) -> bool:
    return check_not_newer(db) != head_revision()


def upgrade(db: Database, target: str = "head", *, script_location: Path | None = None) -> None:
    """Bring the schema to ``target`` in one transaction, or leave it exactly as it was."""
    check_not_newer(db, script_location)
    cfg = _config(script_location)
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
