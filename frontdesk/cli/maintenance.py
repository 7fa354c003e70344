"""``check``, ``backup`` and ``restore``: keeping the database file healthy."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

from frontdesk.cli.common import add_db_option, location_of
from frontdesk.db import migrate
from frontdesk.db.backup import make_backup
from frontdesk.db.engine import Database
from frontdesk.db.health import check_file
from frontdesk.db.lock import InstanceLock
from frontdesk.errors import UserError


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    check = subparsers.add_parser("check", help="integrity check and schema version (exit 0 if healthy)")
    add_db_option(check)
    check.set_defaults(handler=run_check)

    backup = subparsers.add_parser("backup", help="online, verified backup of the database")
    add_db_option(backup)
    backup.add_argument(
        "--to", metavar="DIR", help="folder for the backup (default: backups/ beside the database)"
    )
    backup.set_defaults(handler=run_backup)

    restore = subparsers.add_parser("restore", help="replace the database with a backup file")
    add_db_option(restore)
    restore.add_argument("file", metavar="FILE", help="backup file to restore")
    restore.set_defaults(handler=run_restore)


def run_check(args: argparse.Namespace) -> int:
    location = location_of(args)
    if not location.db_path.exists():
        raise UserError(f"There is no database at {location.db_path}.")
    report = check_file(location.db_path, full=True)
    if not report:
        print(f"DAMAGED: {location.db_path} {report.problem}")
        return 1
    revision = migrate.refuse_if_newer(location.db_path)
    if revision is None:
        # e.g. a first start killed while the schema was being created (that is one transaction)
        print(f"OK: {location.db_path}")
        print("schema: empty (FrontDesk creates it when it next opens this file)")
        return 0
    db = Database(location.db_path)
    try:
        head = migrate.head_revision()
        from frontdesk.services.audit import verify_chain

        with db.session() as session:
            chain = verify_chain(session)
    finally:
        db.dispose()
    state = "up to date" if revision == head else f"needs upgrade to {head}"
    print(f"OK: {location.db_path}")
    print(f"schema: {revision} ({state})")
    if not chain.intact:
        print(f"AUDIT TRAIL BROKEN at event {chain.first_broken_id} (of {chain.events})")
        return 1
    newest = f" (newest #{chain.head_id}, hash {chain.head_hash[:16]})" if chain.head_id else ""
    print(f"audit trail: {chain.events} events, chain intact{newest}")
    return 0


def run_backup(args: argparse.Namespace) -> int:
    location = location_of(args)
    if not location.db_path.exists():
        raise UserError(f"There is no database at {location.db_path}.")
    dest = Path(args.to).expanduser() if args.to else location.backup_dir
    from frontdesk.db.backup import BackupError

    try:
        made = make_backup(location.db_path, dest, reason="manual")
    except BackupError as exc:
        raise UserError(str(exc)) from exc
    print(made.path)
    return 0


def run_restore(args: argparse.Namespace) -> int:
    location = location_of(args)
    source = Path(args.file).expanduser().resolve()
    if not source.is_file():
        raise UserError(f"There is no backup file at {source}.")
    report = check_file(source, full=True)
    if not report:
        raise UserError(f"Refusing to restore {source}: it {report.problem}.")
    migrate.refuse_if_newer(source)  # read-only: the backup file stays as it was
    location.folder.mkdir(parents=True, exist_ok=True)
    with InstanceLock(location.lock_path):
        if location.db_path.exists() and check_file(location.db_path):
            kept = make_backup(location.db_path, location.backup_dir, reason="before-restore")
            print(f"current database kept as {kept.path}", file=sys.stderr)
        elif location.db_path.exists():
            from frontdesk.db.opening import set_damaged_aside

            aside = set_damaged_aside(location)
            print(f"damaged database set aside as {aside}", file=sys.stderr)
        temp = location.db_path.with_name(location.db_path.name + ".restoring")
        shutil.copyfile(source, temp)
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        for suffix in ("-wal", "-shm"):
            location.db_path.with_name(location.db_path.name + suffix).unlink(missing_ok=True)
        temp.replace(location.db_path)
    print(f"restored {source} to {location.db_path}")
    return 0
