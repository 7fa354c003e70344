"""Online backups with SQLite's backup API, verified before they count.

A backup is written under a temporary name, checked with ``integrity_check``, then
renamed; so a file with a backup's name is always a complete, verified copy. A
process killed half-way leaves only a hidden ``.partial`` file, which no listing
counts and the next backup into that folder removes.

Rotation (``prune_backups``) keeps what the best desktop apps keep: every backup of
today, then the newest of each day for a week, of each week for five weeks, of each
month for a year; older ones go. The newest backup is never removed.
"""

from __future__ import annotations

import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path

from frontdesk.db.health import check_file

_NAME = re.compile(r"^frontdesk-(\d{8}-\d{6}(?:-\d{6})?)(?:-([a-z-]+))?\.db$")
_STAMP_FORMATS = ("%Y%m%d-%H%M%S-%f", "%Y%m%d-%H%M%S")


class BackupError(Exception):
    """A backup could not be made or failed its verification."""


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: datetime  # aware UTC
    reason: str


def backup_name(taken_at: datetime, reason: str) -> str:
    stamp = taken_at.astimezone(UTC).strftime("%Y%m%d-%H%M%S-%f")
    return f"frontdesk-{stamp}-{reason}.db"


def parse_backup_name(path: Path) -> BackupFile | None:
    match = _NAME.match(path.name)
    if not match:
        return None
    for fmt in _STAMP_FORMATS:
        try:
            taken = datetime.strptime(match.group(1), fmt).replace(tzinfo=UTC)
        except ValueError:
            continue
        return BackupFile(path, taken, match.group(2) or "")
    return None


def copy_database(source: Path, target: Path) -> None:
    """Consistent copy of a live database (other connections may be writing)."""
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # a backup is one self-contained file
        finally:
            dst.close()
    finally:
        src.close()


def make_backup(
    db_path: Path, dest_dir: Path, reason: str = "manual", now: datetime | None = None
) -> BackupFile:
    taken_at = (now or datetime.now(UTC)).astimezone(UTC)
    try:
        dest_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"Cannot create the backup folder {dest_dir}: {exc.strerror or exc}") from exc
    final = dest_dir / backup_name(taken_at, reason)
    temp = dest_dir / f".{final.name}.partial"
    remove_stale_partials(dest_dir)
    try:
        copy_database(db_path, temp)
        report = check_file(temp, full=True)
        if not report:
            raise BackupError(f"The backup copy failed its check: it {report.problem}.")
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, final)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Could not write a backup to {dest_dir}: {exc}") from exc
    finally:
        temp.unlink(missing_ok=True)
    return BackupFile(final, taken_at, reason)


def list_backups(dest_dir: Path) -> list[BackupFile]:
    """Backups in ``dest_dir``, newest first. Temporary (unfinished) files are ignored."""
    if not dest_dir.is_dir():
        return []
    found = [parse_backup_name(p) for p in dest_dir.iterdir() if p.is_file()]
    return sorted((b for b in found if b is not None), key=lambda b: b.taken_at, reverse=True)


def newest_verified(dest_dir: Path) -> BackupFile | None:
    for candidate in list_backups(dest_dir):
        if check_file(candidate.path):
            return candidate
    return None


PARTIAL_SUFFIX = ".partial"
DAILY_DAYS = 7
WEEKLY_DAYS = 35
MONTHLY_DAYS = 366


STALE_PARTIAL_SECONDS = 600


def remove_stale_partials(dest_dir: Path) -> list[Path]:
    """Delete unfinished backups a killed process left behind (never a finished one).

    Only those untouched for ten minutes: another process may be writing a fresh one.
    """
    import time

    removed = []
    for path in dest_dir.glob(f".frontdesk-*{PARTIAL_SUFFIX}"):
        try:
            if time.time() - path.stat().st_mtime < STALE_PARTIAL_SECONDS:
                continue
            path.unlink()
        except OSError:
            continue
        removed.append(path)
    return removed


def _bucket(backup: BackupFile, now: datetime, zone: tzinfo | None) -> tuple[object, ...] | None:
    """Which rotation slot a backup falls in; ``None`` when it is too old to keep."""
    local = backup.taken_at.astimezone(zone)
    today = now.astimezone(zone).date()
    age = today - local.date()
    if age <= timedelta(0):
        return ("today", backup.path.name)  # every backup of today is kept
    if age < timedelta(days=DAILY_DAYS):
        return ("day", local.date())
    if age < timedelta(days=WEEKLY_DAYS):
        year, week, _ = local.isocalendar()
        return ("week", year, week)
    if age < timedelta(days=MONTHLY_DAYS):
        return ("month", local.year, local.month)
    return None


def rotation_keeps(backups: list[BackupFile], now: datetime, zone: tzinfo | None = None) -> set[Path]:
    """The backups rotation keeps: the newest of each slot, and always the newest of all."""
    kept: dict[tuple[object, ...], Path] = {}
    ordered = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    for backup in ordered:
        slot = _bucket(backup, now, zone)
        if slot is not None and slot not in kept:
            kept[slot] = backup.path
    keep = set(kept.values())
    if ordered:
        keep.add(ordered[0].path)
    return keep


def prune_backups(dest_dir: Path, now: datetime, zone: tzinfo | None = None) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns what was deleted."""
    backups = list_backups(dest_dir)
    keep = rotation_keeps(backups, now, zone)
    removed = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink()
            except OSError:
                continue  # a read-only copy: kept, tried again next time
            removed.append(backup.path)
    return removed
