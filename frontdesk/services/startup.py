"""Opening the database for the window: the services' face of ``frontdesk.db.opening``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from frontdesk.config import DataLocation
from frontdesk.db.backup import BackupFile, make_backup
from frontdesk.db.lock import AlreadyRunningError, InstanceLock
from frontdesk.db.opening import (
    DatabaseDamagedError,
    DatabaseUnwritableError,
    open_database,
    restore_backup_into_place,
    set_damaged_aside,
)
from frontdesk.services.context import SYSTEM, Context

__all__ = [
    "AlreadyRunningError",
    "DatabaseDamagedError",
    "DatabaseUnwritableError",
    "InstanceLock",
    "OpenedDatabase",
    "open_for_window",
    "replace_damaged_with_backup",
]


@dataclass(frozen=True)
class OpenedDatabase:
    ctx: Context  # acting as the system until someone signs in
    location: DataLocation
    created: bool
    warnings: tuple[str, ...]


def open_for_window(location: DataLocation) -> OpenedDatabase:
    result = open_database(location)
    return OpenedDatabase(Context(result.db, SYSTEM), location, result.created, result.warnings)


def replace_damaged_with_backup(location: DataLocation, backup: BackupFile) -> Path:
    """Keep the damaged file under a new name, put the backup in its place."""
    aside = set_damaged_aside(location)
    restore_backup_into_place(backup.path, location)
    return aside


def backup_on_exit(location: DataLocation) -> None:
    make_backup(location.db_path, location.backup_dir, reason="on-exit")
