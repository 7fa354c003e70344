"""Automatic backups and restore, as the window uses them.

The window backs up every 30 minutes if anything changed (every write leaves an
audit event, so the newest event id tells), and on exit; each time to the data folder
and, if an admin chose one, to a second folder (a USB stick, a synced folder). The
local backup always happens first: an unplugged stick only adds a warning. Both
folders are rotated (``db.backup.prune_backups``).

Restore replaces the database file with a verified backup after keeping the current
one as a backup; the caller must reopen the database afterwards (the window restarts).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import select

from frontdesk.config import DataLocation
from frontdesk.db import migrate
from frontdesk.db.backup import BackupError, BackupFile, list_backups, make_backup, prune_backups
from frontdesk.db.health import check_file
from frontdesk.errors import UserError
from frontdesk.models import AuditEvent, BusinessSettings
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, require
from frontdesk.services.settings_field import set_setting

INTERVAL = timedelta(minutes=30)
WARN_AFTER = timedelta(days=2)


@dataclass(frozen=True)
class BackupOutcome:
    local: BackupFile | None
    second: BackupFile | None
    warnings: tuple[str, ...]  # the second folder unreachable, a failed verification...
    marker: int  # the change marker the backup covers
    failed: bool = False  # the local backup itself failed


@dataclass(frozen=True)
class BackupStatus:
    last_good: datetime | None
    second_folder: str | None
    second_reachable: bool
    warning: str | None  # None: all is well
    too_old: bool = False  # no backup for longer than WARN_AFTER

    def age_text(self, now: datetime) -> str:
        if self.last_good is None:
            return "no backup yet"
        return describe_age(now - self.last_good)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # from the name, or the file's modification time
    schema: str | None
    guests: int
    stays: int
    complaints: int
    size_bytes: int


def describe_age(age: timedelta) -> str:
    minutes = int(age.total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 60:
        return f"{minutes} min ago"
    hours = minutes // 60
    if hours < 48:
        return f"{hours} h ago"
    return f"{hours // 24} days ago"


# --- settings ------------------------------------------------------------------------------------


def second_folder(ctx: Context) -> Path | None:
    with ctx.db.session() as session:
        settings = session.get(BusinessSettings, 1)
        value = settings.second_backup_dir if settings else None
    return Path(value) if value else None


def set_second_folder(ctx: Context, folder: str | None) -> None:
    """Choose (or with ``None``/"" clear) the second backup folder. Admins."""
    require(ctx, Permission.MANAGE_BACKUPS)
    value: str | None = None
    if folder and folder.strip():
        path = Path(folder.strip()).expanduser()
        if not path.is_absolute():
            raise UserError.at("second_folder", "Choose a full folder path (for example /media/usb/backups).")
        if not path.is_dir():
            raise UserError.at(
                "second_folder", f"The folder {path} does not exist. Plug in the drive or create it."
            )
        probe = path / f".frontdesk-probe-{os.getpid()}"
        try:
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise UserError.at(
                "second_folder", f"FrontDesk cannot write in {path} ({exc.strerror or exc})."
            ) from exc
        value = str(path)
    set_setting(ctx, "second_backup_dir", value, "second_backup_folder")


# --- making backups --------------------------------------------------------------------------------


def change_marker(ctx: Context) -> int:
    """Grows with every write (each records an audit event)."""
    with ctx.db.session() as session:
        return int(session.exec(select(func.max(AuditEvent.id))).one() or 0)


def run_backup(
    ctx: Context, location: DataLocation, reason: str, now: datetime | None = None
) -> BackupOutcome:
    """Back up to the data folder, then to the second folder; rotate both. Never raises for I/O."""
    moment = now or ctx.now()
    marker = change_marker(ctx)
    warnings: list[str] = []
    local: BackupFile | None = None
    try:
        local = make_backup(location.db_path, location.backup_dir, reason=reason, now=moment)
        prune_backups(location.backup_dir, moment)
    except BackupError as exc:
        warnings.append(f"The backup failed: {exc}")
    second: BackupFile | None = None
    folder = second_folder(ctx)
    if folder is not None:
        if not folder.is_dir():  # never create it: that would back up to the PC's own disk
            warnings.append(f"The second backup folder {folder} is not reachable (drive unplugged?).")
        else:
            try:
                second = make_backup(location.db_path, folder, reason=reason, now=moment)
                prune_backups(folder, moment)
            except BackupError as exc:
                warnings.append(f"The backup to the second folder failed: {exc}")
    return BackupOutcome(local, second, tuple(warnings), marker, failed=local is None)


def backup_if_changed(
    ctx: Context, location: DataLocation, last_marker: int | None, now: datetime | None = None
) -> BackupOutcome | None:
    """The half-hourly backup: only if something was written since ``last_marker``."""
    if last_marker is not None and change_marker(ctx) == last_marker:
        return None
    return run_backup(ctx, location, "auto", now)


def backup_status(ctx: Context, location: DataLocation, now: datetime | None = None) -> BackupStatus:
    """Age of the newest backup and what needs attention (for the status bar)."""
    moment = now or ctx.now()
    folder = second_folder(ctx)
    found = list_backups(location.backup_dir)
    reachable = folder is None or folder.is_dir()
    if folder is not None and reachable:
        found += list_backups(folder)
    last = max((b.taken_at for b in found), default=None)
    warning = None
    if last is None:
        warning = "No backup has been made yet."
    elif moment - last > WARN_AFTER:
        warning = f"The last backup is {describe_age(moment - last)}."
    if not reachable:
        unreachable = f"The second backup folder {folder} is not reachable."
        warning = f"{warning} {unreachable}" if warning else unreachable
    too_old = last is not None and moment - last > WARN_AFTER
    return BackupStatus(last, str(folder) if folder else None, reachable, warning, too_old)


def available_backups(ctx: Context, location: DataLocation) -> list[BackupFile]:
    """Backups in the data folder and the second folder, newest first (restore picks from these)."""
    require(ctx, Permission.MANAGE_BACKUPS)
    found = list_backups(location.backup_dir)
    folder = second_folder(ctx)
    if folder is not None and folder.is_dir():
        found += list_backups(folder)
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


# --- restoring -----------------------------------------------------------------------------------


def inspect_backup(path: Path) -> BackupInfo:
    """What a backup holds; a damaged, foreign or newer-version file is refused (``UserError``)."""
    from frontdesk.db.backup import parse_backup_name

    path = Path(path)
    if not path.is_file():
        raise UserError(f"There is no backup file at {path}.")
    report = check_file(path, full=True)
    if not report:
        raise UserError(f"This backup cannot be restored: the file {report.problem}.")
    schema = migrate.refuse_if_newer(path)
    if schema is None:
        raise UserError(f"{path.name} is not a FrontDesk backup (it holds no FrontDesk data).")
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        counts = [
            int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
            for table in ("guest", "stay", "complaint")
        ]
    except sqlite3.Error as exc:
        raise UserError(f"This backup cannot be read: {exc}.") from exc
    finally:
        conn.close()
    named = parse_backup_name(path)
    taken = named.taken_at if named else datetime.fromtimestamp(path.stat().st_mtime).astimezone()
    return BackupInfo(path, taken, schema, *counts, size_bytes=path.stat().st_size)


def restore(ctx: Context, location: DataLocation, path: Path) -> BackupFile:
    """Put a verified backup in place of the database; returns the backup of the data replaced.

    Closes ``ctx.db``: the caller reopens the database (and signs in again, as the
    restored staff list may differ).
    """
    require(ctx, Permission.MANAGE_BACKUPS)
    info = inspect_backup(path)
    if Path(path).resolve() == location.db_path.resolve():
        raise UserError("That is the database itself, not a backup.")
    with ctx.db.session(write=True) as session:  # kept in the copy taken just below
        audit.record(session, ctx, "backup_restore", "business_settings", 1, {"from": str(info.path)})
    try:
        kept = make_backup(location.db_path, location.backup_dir, reason="before-restore")
    except BackupError as exc:
        raise UserError(
            f"The current data could not be backed up first, so nothing was restored: {exc}"
        ) from exc
    ctx.db.dispose()
    replace_database_file(info.path, location)
    return kept


def replace_database_file(source: Path, location: DataLocation) -> None:
    """Copy ``source`` under a temporary name beside the database, then swap it in."""
    temp = location.db_path.with_name(location.db_path.name + ".restoring")
    try:
        shutil.copyfile(source, temp)
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        for suffix in ("-wal", "-shm"):
            location.db_path.with_name(location.db_path.name + suffix).unlink(missing_ok=True)
        os.replace(temp, location.db_path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise UserError(f"The backup could not be put in place: {exc.strerror or exc}.") from exc
