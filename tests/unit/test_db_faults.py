"""Bad input and faults when opening a database (issue 2): each refused clearly, nothing changed."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text

from frontdesk.config import DataLocation
from frontdesk.db import migrate
from frontdesk.db.backup import make_backup
from frontdesk.db.engine import DatabaseBusyError
from frontdesk.db.health import check_file, is_network_path
from frontdesk.db.lock import AlreadyRunningError, InstanceLock
from frontdesk.db.opening import (
    DatabaseDamagedError,
    DatabaseUnwritableError,
    open_database,
    set_damaged_aside,
)
from frontdesk.errors import UserError


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_healthy(location: DataLocation, guests: int = 300) -> None:
    result = open_database(location)
    with result.db.engine.begin() as conn:
        for i in range(guests):
            conn.exec_driver_sql(
                "INSERT INTO guest (title, first_name, last_name, address_line1, address_line2, postcode,"
                " city, region, country, language, company, vip_level, notes, marketing_consent,"
                " blocklisted, blocklist_reason, created_at, updated_at) VALUES ('', ?, ?, '', '', '',"
                " '', '', 'PL', 'pl', '', 0, ?, 0, 0, '', '2026-01-01 00:00:00', '2026-01-01 00:00:00')",
                (f"Łukasz{i}", f"Nowak{i}", "x" * 200),
            )
    result.db.dispose()  # checkpoints the WAL into the main file


def corrupt(path: Path) -> None:
    """Overwrite a few b-tree pages in the middle with garbage (header stays valid)."""
    size = path.stat().st_size
    page = 4096
    assert size > page * 8
    with path.open("r+b") as handle:
        for index in (3, 4, 5, size // page - 2):
            handle.seek(index * page)
            handle.write(bytes((j * 37 + index) % 256 for j in range(page)))


@pytest.fixture
def backed_up(location: DataLocation) -> Path:
    """A healthy database with one verified backup; returns the backup's path."""
    make_healthy(location)
    return make_backup(location.db_path, location.backup_dir, reason="manual").path


def test_not_an_sqlite_file_is_refused_naming_file_and_backup(
    location: DataLocation, backed_up: Path
) -> None:
    location.db_path.write_bytes(b"Dear guest,\nthis is a letter, not a database.\n" * 100)
    before = sha(location.db_path)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(location)
    message = str(caught.value)
    assert str(location.db_path) in message
    assert "not a FrontDesk (SQLite) database" in message
    assert str(backed_up) in message
    assert caught.value.backup is not None and caught.value.backup.path == backed_up
    assert sha(location.db_path) == before


def test_corrupt_sqlite_file_is_refused_and_left_unchanged(location: DataLocation, backed_up: Path) -> None:
    corrupt(location.db_path)
    before = sha(location.db_path)
    wal = Path(str(location.db_path) + "-wal")
    wal_before = wal.read_bytes() if wal.exists() else None
    assert not check_file(location.db_path)
    with pytest.raises(DatabaseDamagedError) as caught:
        open_database(location)
    assert str(location.db_path) in str(caught.value)
    assert "damaged" in str(caught.value)
    assert str(backed_up) in str(caught.value)
    assert sha(location.db_path) == before
    assert (wal.read_bytes() if wal.exists() else None) == wal_before


def test_a_reference_broken_by_another_program_is_found_by_the_full_check(location: DataLocation) -> None:
    make_healthy(location, guests=3)
    conn = sqlite3.connect(location.db_path)  # foreign keys off, as in a bare sqlite3 session
    conn.execute(
        "INSERT INTO preference (guest_id, kind, category, text, created_at)"
        " VALUES (999, 'like', 'room', 'sea view', '2026-01-01 00:00:00')"
    )
    conn.commit()
    conn.close()
    report = check_file(location.db_path, full=True)
    assert not report and "1 broken reference(s)" in report.problem
    done = subprocess.run(
        [sys.executable, "-m", "frontdesk", "check", "--db", str(location.db_path)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    )
    assert done.returncode == 1 and "broken reference" in done.stdout


def test_damaged_without_backup_says_none_found(location: DataLocation) -> None:
    location.folder.mkdir(parents=True)
    location.db_path.write_bytes(b"garbage" * 1000)
    with pytest.raises(DatabaseDamagedError, match="No verified backup was found"):
        open_database(location)


def test_set_aside_never_overwrites_an_earlier_damaged_file(location: DataLocation) -> None:
    location.folder.mkdir(parents=True)
    location.db_path.write_bytes(b"first damaged")
    first = set_damaged_aside(location)
    location.db_path.write_bytes(b"second damaged")
    second = set_damaged_aside(location)
    assert first != second
    assert first.read_bytes() == b"first damaged"
    assert second.read_bytes() == b"second damaged"
    assert not location.db_path.exists()


# --- read-only file and unwritable folder (root ignores chmod: use chattr +i) ------------


@contextmanager
def immutable(path: Path) -> Iterator[None]:
    if shutil.which("chattr") is None:
        pytest.skip("chattr is not available")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i unsupported here: {done.stderr.decode().strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def test_read_only_database_file_gives_a_clear_message(location: DataLocation) -> None:
    make_healthy(location, guests=5)
    before = sha(location.db_path)
    with immutable(location.db_path), pytest.raises(DatabaseUnwritableError) as caught:
        open_database(location)
    assert "read-only" in str(caught.value)
    assert str(location.db_path) in str(caught.value)
    assert sha(location.db_path) == before


def test_unwritable_folder_gives_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    location = DataLocation(folder / "frontdesk.db")
    with immutable(folder), pytest.raises(DatabaseUnwritableError) as caught:
        open_database(location)
    assert str(folder) in str(caught.value)
    assert not location.db_path.exists()


# --- newer schema, failing migration ------------------------------------------------------


def test_database_from_a_newer_frontdesk_is_refused_without_change(location: DataLocation) -> None:
    make_healthy(location, guests=3)
    conn = sqlite3.connect(location.db_path)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = sha(location.db_path)
    with pytest.raises(migrate.NewerDatabaseError) as caught:
        open_database(location)
    assert "newer version of FrontDesk" in str(caught.value)
    assert "9999_from_the_future" in str(caught.value)
    assert isinstance(caught.value, UserError)
    assert sha(location.db_path) == before  # no downgrade, not even a switch to WAL
    assert migrate.file_revision(location.db_path) == "9999_from_the_future"
    assert not list(location.backup_dir.glob("*before-upgrade*"))


FAILING_REVISION = '''"""test only: fails halfway"""
import sqlalchemy as sa
from alembic import op

revision = "9000_fails"
down_revision = {down!r}
branch_labels = None
depends_on = None


def upgrade():
    op.create_table("half_done", sa.Column("id", sa.Integer, primary_key=True))
    op.execute("INSERT INTO half_done (id) VALUES (1)")
    with op.batch_alter_table("guest") as batch:
        batch.add_column(sa.Column("shoe_size", sa.Integer, nullable=True))
    op.execute("UPDATE guest SET notes = 'overwritten by a broken migration'")
    op.execute("DELETE FROM stay")
    raise RuntimeError("deliberate failure halfway through the migration")


def downgrade():
    pass
'''


def snapshot(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def test_a_migration_failing_halfway_leaves_the_database_exactly_as_before(
    location: DataLocation, tmp_path: Path
) -> None:
    from test_db_upgrade import fill_at_first_revision

    script = tmp_path / "migrations"
    shutil.copytree(migrate.migrations_dir(), script, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (script / "versions" / "9000_fails.py").write_text(FAILING_REVISION.format(down=head), encoding="utf-8")
    assert migrate.head_revision(script) == "9000_fails"

    result = open_database(location)
    fill_at_first_revision(result.db.engine)
    before = snapshot(location.db_path)
    with pytest.raises(RuntimeError, match="deliberate failure"):
        migrate.upgrade(result.db, script_location=script)
    assert snapshot(location.db_path) == before
    assert migrate.current_revision(result.db) == head
    with result.db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1  # switched back on
    result.db.dispose()
    assert check_file(location.db_path, full=True)


# --- one instance per file, network shares ------------------------------------------------


def test_second_instance_on_the_same_database_is_refused(location: DataLocation) -> None:
    location.folder.mkdir(parents=True)
    first = InstanceLock(location.lock_path)
    first.acquire()
    try:
        with pytest.raises(AlreadyRunningError, match="already open"):
            InstanceLock(location.lock_path).acquire()
        # and from another process too (what a second FrontDesk start is)
        code = (
            "import sys; from pathlib import Path; from frontdesk.db.lock import InstanceLock\n"
            "try:\n    InstanceLock(Path(sys.argv[1])).acquire()\nexcept Exception as e:\n"
            "    print(type(e).__name__); sys.exit(3)\n"
        )
        done = subprocess.run(
            [__import__("sys").executable, "-c", code, str(location.lock_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 3, done.stderr
        assert "AlreadyRunningError" in done.stdout
    finally:
        first.release()
    with InstanceLock(location.lock_path):  # released: a new start works
        pass


MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/hotel nfs4 rw,relatime 0 0
//nas/share /mnt/nas cifs rw 0 0
/dev/sdb1 /mnt/hotel/local ext4 rw 0 0
tmpfs /tmp tmpfs rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/mnt/hotel/frontdesk.db", True),
        ("/mnt/nas/data/frontdesk.db", True),
        ("/mnt/hotel/local/frontdesk.db", False),  # the longest mount point wins
        ("/mnt/hotelier/frontdesk.db", False),  # a prefix of a name is not the mount
        ("/home/ada/frontdesk.db", False),
        ("//server/share/frontdesk.db", True),
    ],
)
def test_is_network_path_reads_the_mount_table(tmp_path: Path, path: str, network: bool) -> None:
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS, encoding="utf-8")
    assert is_network_path(Path(path), mounts_file=mounts) is network


def test_network_share_gives_a_warning_but_opens(
    location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.db import opening

    monkeypatch.setattr(opening, "is_network_path", lambda path: path == location.db_path)
    result = open_database(location)
    result.db.dispose()
    assert len(result.warnings) == 1
    assert "network" in result.warnings[0] and str(location.db_path) in result.warnings[0]


def test_lock_in_an_unwritable_folder_is_a_clear_user_error(tmp_path: Path) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    with immutable(folder), pytest.raises(UserError) as caught:
        InstanceLock(folder / "frontdesk.db.lock").acquire()
    assert not isinstance(caught.value, AlreadyRunningError)
    assert f"cannot write in the folder {folder}" in str(caught.value)


def test_another_programs_sqlite_database_is_refused_untouched(location: DataLocation) -> None:
    location.folder.mkdir(parents=True)
    conn = sqlite3.connect(location.db_path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = sha(location.db_path)
    with pytest.raises(migrate.ForeignDatabaseError) as caught:
        open_database(location)
    assert str(location.db_path) in str(caught.value) and "not a FrontDesk one" in str(caught.value)
    assert sha(location.db_path) == before


def test_a_write_lock_held_by_another_program_is_a_clear_user_error(
    location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_healthy(location, guests=1)
    monkeypatch.setattr("frontdesk.db.engine.BUSY_TIMEOUT_MS", 50)
    result = open_database(location)
    other = sqlite3.connect(location.db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(DatabaseBusyError) as caught, result.db.session(write=True) as session:
            session.exec(text("UPDATE guest SET notes = 'lost'"))  # type: ignore[call-overload]
        assert "busy: another program is writing" in str(caught.value)
        assert isinstance(caught.value, UserError)
    finally:
        other.close()
        result.db.dispose()
    assert sqlite3.connect(location.db_path).execute(
        "SELECT count(*) FROM guest WHERE notes = 'lost'"
    ).fetchone() == (0,)
