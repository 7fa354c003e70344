"""``frontdesk check`` / ``backup`` / ``restore`` and bad ``--db`` input, run as a user would."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from frontdesk.config import DataLocation
from frontdesk.db import migrate
from frontdesk.db.backup import list_backups
from frontdesk.db.health import check_file
from frontdesk.db.opening import open_database
from tests.cli_helpers import ROOT
from tests.cli_helpers import frontdesk as run_cli


def frontdesk(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return run_cli(*args, timeout=60)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def add_guest(path: Path, last_name: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO guest (title, first_name, last_name, address_line1, address_line2, postcode,"
            " city, region, country, language, company, vip_level, notes, marketing_consent,"
            " blocklisted, blocklist_reason, created_at, updated_at) VALUES ('', 'Ana', ?, '', '', '',"
            " '', '', 'PT', 'pt', '', 0, '', 0, 0, '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
            (last_name,),
        )
    conn.close()


def guests(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT last_name FROM guest ORDER BY id")]
    finally:
        conn.close()


@pytest.fixture
def made(location: DataLocation) -> DataLocation:
    open_database(location).db.dispose()
    add_guest(location.db_path, "Gonçalves")
    return location


def test_check_reports_a_healthy_database(made: DataLocation) -> None:
    done = frontdesk("check", "--db", made.db_path)
    assert done.returncode == 0, done.stderr
    assert f"OK: {made.db_path}" in done.stdout
    assert f"schema: {migrate.head_revision()} (up to date)" in done.stdout


def test_check_on_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    done = frontdesk("check", "--db", tmp_path / "nope.db")
    assert done.returncode == 1
    assert "There is no database" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "nope.db").exists()


def test_check_on_a_file_whose_schema_was_never_created_says_so_and_changes_nothing(tmp_path: Path) -> None:
    # what a first start killed inside the (single-transaction) schema creation leaves behind
    path = tmp_path / "killed.db"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.close()
    before = sha(path)
    done = frontdesk("check", "--db", path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "schema: empty" in done.stdout and "Traceback" not in done.stderr
    assert sha(path) == before
    opened = open_database(DataLocation(path))
    try:
        assert migrate.current_revision(opened.db) == migrate.head_revision()
    finally:
        opened.db.dispose()
    assert f"schema: {migrate.head_revision()} (up to date)" in frontdesk("check", "--db", path).stdout


def test_check_refuses_a_damaged_and_a_non_sqlite_file(made: DataLocation, tmp_path: Path) -> None:
    letter = tmp_path / "letter.db"
    letter.write_text("Dear guest, we are sorry." * 50, encoding="utf-8")
    done = frontdesk("check", "--db", letter)
    assert done.returncode == 1
    assert f"DAMAGED: {letter}" in done.stdout and "not a FrontDesk (SQLite) database" in done.stdout


def test_opening_a_non_sqlite_file_names_it_and_the_backup_and_leaves_it(made: DataLocation) -> None:
    """The CLI path used by sub-commands that open the database (open_context)."""
    backup = frontdesk("backup", "--db", made.db_path)
    assert backup.returncode == 0, backup.stderr
    made.db_path.write_bytes(b"\x00not sqlite\x00" * 500)
    before = sha(made.db_path)
    code = (
        "import argparse, sys\nfrom frontdesk.cli.common import open_context\n"
        "from frontdesk.errors import UserError\n"
        "try:\n    open_context(argparse.Namespace(db=sys.argv[1]))\n"
        "except UserError as e:\n    print(e, file=sys.stderr); sys.exit(1)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(made.db_path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )
    assert done.returncode == 1
    assert str(made.db_path) in done.stderr
    assert backup.stdout.strip() in done.stderr  # the newest verified backup is named
    assert "Traceback" not in done.stderr
    assert sha(made.db_path) == before


def test_backup_makes_a_verified_copy(made: DataLocation, tmp_path: Path) -> None:
    target = tmp_path / "usb stick"
    done = frontdesk("backup", "--db", made.db_path, "--to", target)
    assert done.returncode == 0, done.stderr
    copy = Path(done.stdout.strip())
    assert copy.parent == target and copy.is_file()
    assert check_file(copy, full=True)
    assert guests(copy) == ["Gonçalves"]
    assert not list(target.glob(".*partial"))


def test_backup_into_an_unusable_folder_is_a_clear_error(made: DataLocation, tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("x", encoding="utf-8")
    done = frontdesk("backup", "--db", made.db_path, "--to", blocker / "sub")
    assert done.returncode == 1
    assert "Cannot create the backup folder" in done.stderr and "Traceback" not in done.stderr


def test_restore_replaces_the_database_and_keeps_a_backup_of_it(made: DataLocation, tmp_path: Path) -> None:
    saved = Path(frontdesk("backup", "--db", made.db_path, "--to", tmp_path / "saved").stdout.strip())
    add_guest(made.db_path, "Added after the backup")
    assert guests(made.db_path) == ["Gonçalves", "Added after the backup"]
    saved_hash = sha(saved)

    done = frontdesk("restore", "--db", made.db_path, saved)
    assert done.returncode == 0, done.stderr
    assert guests(made.db_path) == ["Gonçalves"]
    kept = [b for b in list_backups(made.backup_dir) if b.reason == "before-restore"]
    assert len(kept) == 1
    assert guests(kept[0].path) == ["Gonçalves", "Added after the backup"]
    assert str(kept[0].path) in done.stderr
    assert sha(saved) == saved_hash  # the restored-from file is untouched
    assert frontdesk("check", "--db", made.db_path).returncode == 0


def test_restore_refuses_a_corrupt_file(made: DataLocation, tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(made.db_path.read_bytes()[:100] + b"\xff" * 20000)
    before_db, before_bad = sha(made.db_path), sha(bad)
    done = frontdesk("restore", "--db", made.db_path, bad)
    assert done.returncode == 1
    assert f"Refusing to restore {bad}" in done.stderr and "Traceback" not in done.stderr
    assert sha(made.db_path) == before_db and sha(bad) == before_bad
    assert not made.backup_dir.exists() or not list(made.backup_dir.iterdir())


def test_restore_refuses_a_file_from_a_newer_frontdesk(made: DataLocation, tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    conn = sqlite3.connect(newer)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    conn.commit()
    conn.close()
    before_db, before_newer = sha(made.db_path), sha(newer)
    done = frontdesk("restore", "--db", made.db_path, newer)
    assert done.returncode == 1
    assert "newer version of FrontDesk" in done.stderr and "Traceback" not in done.stderr
    assert sha(made.db_path) == before_db and sha(newer) == before_newer
    assert not Path(f"{newer}-wal").exists()


def test_check_refuses_a_database_from_a_newer_frontdesk(made: DataLocation) -> None:
    conn = sqlite3.connect(made.db_path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.close()
    done = frontdesk("check", "--db", made.db_path)
    assert done.returncode == 1
    assert "newer version of FrontDesk" in done.stderr


def test_restore_while_frontdesk_is_open_is_refused(made: DataLocation, tmp_path: Path) -> None:
    from frontdesk.db.lock import InstanceLock

    saved = Path(frontdesk("backup", "--db", made.db_path, "--to", tmp_path / "saved").stdout.strip())
    with InstanceLock(made.lock_path):
        done = frontdesk("restore", "--db", made.db_path, saved)
    assert done.returncode == 1
    assert "already open" in done.stderr
