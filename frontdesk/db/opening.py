"""Opening a database file safely: check it, back it up, migrate it, or refuse clearly."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from frontdesk.config import DataLocation
from frontdesk.db import migrate
from frontdesk.db.backup import BackupFile, make_backup, newest_verified
from frontdesk.db.engine import Database
from frontdesk.db.health import check_file, is_network_path
from frontdesk.errors import UserError


class DatabaseDamagedError(UserError):
    """The file failed its check. It is left exactly as it was."""

    def __init__(self, location: DataLocation, problem: str, backup: BackupFile | None) -> None:
        if backup:
            local = backup.taken_at.astimezone().strftime("%d %b %Y %H:%M")
            offer = f"The newest verified backup is {backup.path} from {local}."
        else:
            offer = f"No verified backup was found in {location.backup_dir}."
        super().__init__(f"The database file {location.db_path} {problem}. {offer}")
        self.location = location
        self.backup = backup


class DatabaseUnwritableError(UserError):
    pass


@dataclass(frozen=True)
class OpenResult:
    db: Database
    created: bool
    migrated_from: str | None
    warnings: tuple[str, ...]


def _check_writable(location: DataLocation) -> None:
    folder = location.folder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseUnwritableError(
            f"FrontDesk cannot create the data folder {folder}: {exc.strerror or exc}. "
            "Choose another place with --db or FRONTDESK_DB."
        ) from exc
    path = location.db_path
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseUnwritableError(
            f"The database file {path} is read-only. FrontDesk needs to write to it; "
            "check its permissions or copy it to a folder you can write to."
        )
    probe = folder / f".frontdesk-write-test-{os.getpid()}"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DatabaseUnwritableError(
            f"FrontDesk cannot write in the folder {folder} ({exc.strerror or exc}). "
            "SQLite needs to create its journal files next to the database."
        ) from exc


def open_database(location: DataLocation) -> OpenResult:
    """Check, back up if a migration is due, migrate; raise a ``UserError`` if not possible."""
    warnings: list[str] = []
    if is_network_path(location.db_path):
        warnings.append(
            f"{location.db_path} is on a network drive. SQLite cannot safely share a database "
            "over a network; keep the file on this computer's own disk."
        )
    if location.db_path.is_dir():  # not damaged, and no backup would help: the path is wrong
        raise UserError(
            f"{location.db_path} is a folder, not a database file. "
            "Give the path of the database file itself (e.g. with --db)."
        )
    report = check_file(location.db_path)
    if not report:
        raise DatabaseDamagedError(location, report.problem, newest_verified(location.backup_dir))
    # Refuse a newer file before anything opens it for writing (WAL would change its header).
    migrate.refuse_if_newer(location.db_path)
    _check_writable(location)
    created = not location.db_path.exists() or location.db_path.stat().st_size == 0
    db = Database(location.db_path)
    try:
        previous = migrate.check_not_newer(db)
        if previous != migrate.head_revision():
            if not created and previous is not None:
                make_backup(location.db_path, location.backup_dir, reason="before-upgrade")
            migrate.upgrade(db)
    except BaseException:
        db.dispose()
        raise
    return OpenResult(db, created, None if created else previous, tuple(warnings))


def set_damaged_aside(location: DataLocation, now: datetime | None = None) -> Path:
    """Rename a damaged file (and its journals) out of the way; never overwrite it."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    path = location.db_path
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while aside.exists():  # two damaged files within one second: never overwrite the first
        counter += 1
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
    os.replace(path, aside)
    for suffix in ("-wal", "-shm"):
        journal = location.db_path.with_name(location.db_path.name + suffix)
        if journal.exists():
            os.replace(journal, aside.with_name(aside.name + suffix))
    return aside


def restore_backup_into_place(backup: Path, location: DataLocation) -> None:
    """Copy a verified backup to the database path (the path must be free)."""
    if location.db_path.exists():
        raise UserError(f"{location.db_path} still exists; set it aside first.")
    temp = location.db_path.with_name(location.db_path.name + ".restoring")
    shutil.copyfile(backup, temp)
    with temp.open("rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temp, location.db_path)
