"""Automatic backups: rotation on a fake clock, second folder, status, restore round trip, faults."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from frontdesk.config import DataLocation
from frontdesk.db.backup import (
    BackupFile,
    backup_name,
    list_backups,
    make_backup,
    prune_backups,
    rotation_keeps,
)
from frontdesk.db.health import check_file
from frontdesk.db.opening import open_database
from frontdesk.errors import PermissionDenied, UserError
from frontdesk.services import backups
from frontdesk.services.context import Context
from tests.conftest import FakeClock
from tests.guests_factories import make_guest

START = datetime(2026, 1, 1, 0, 0, tzinfo=UTC)


def _fake(folder: Path, taken: datetime, reason: str = "auto") -> BackupFile:
    path = folder / backup_name(taken, reason)
    path.write_bytes(b"")
    return BackupFile(path, taken, reason)


# --- rotation -------------------------------------------------------------------------------------


def test_rotation_keeps_today_then_daily_weekly_monthly_up_to_a_year(
    tmp_path: Path, clock: FakeClock
) -> None:
    """A backup every 30 minutes for 400 days, pruned as the app would after each one."""
    folder = tmp_path / "b"
    folder.mkdir()
    clock.now = START
    end = START + timedelta(days=400, hours=13)
    while clock.now < end:
        _fake(folder, clock.now)
        if clock.now.minute == 0 and clock.now.hour % 6 == 0:  # prune now and then, as runs do
            prune_backups(folder, clock.now, UTC)
        clock.advance(minutes=30)
    prune_backups(folder, clock.now, UTC)
    kept = [b.taken_at for b in list_backups(folder)]
    now = clock.now
    today = [t for t in kept if t.date() == now.date()]
    assert len(today) == now.hour * 2 + now.minute // 30  # every backup of today so far
    older = [t for t in kept if t.date() != now.date()]
    recent_days = [(now.date() - t.date()).days for t in older if (now.date() - t.date()).days < 7]
    assert sorted(recent_days) == [1, 2, 3, 4, 5, 6]  # one per earlier day of the week
    assert all(now - t < timedelta(days=366) for t in kept)  # nothing older than a year
    months = {(t.year, t.month) for t in older if now - t > timedelta(days=35)}
    assert len(months) >= 10  # one per month back to a year
    assert len(kept) < 60  # from 19,200 backups
    # each day keeps its newest backup (23:30), not an arbitrary one
    yesterday = [t for t in older if t.date() == (now - timedelta(days=1)).date()]
    assert [t.strftime("%H:%M") for t in yesterday] == ["23:30"]


def test_rotation_never_removes_the_newest_even_if_ancient(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    old = _fake(folder, START)
    older = _fake(folder, START - timedelta(days=3))
    now = START + timedelta(days=900)
    assert rotation_keeps([old, older], now, UTC) == {old.path}
    removed = prune_backups(folder, now, UTC)
    assert removed == [older.path] and old.path.exists()


def test_rotation_leaves_other_files_alone(tmp_path: Path) -> None:
    folder = tmp_path / "b"
    folder.mkdir()
    mine = folder / "my-notes.db"
    mine.write_bytes(b"x")
    _fake(folder, START - timedelta(days=500))
    _fake(folder, START)
    prune_backups(folder, START, UTC)
    assert mine.exists()


# --- making backups --------------------------------------------------------------------------------


def test_backup_goes_to_both_folders_and_rotates(
    admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_second_folder(admin_ctx, str(stick))
    outcome = backups.run_backup(admin_ctx, location, "auto")
    assert not outcome.warnings and not outcome.failed
    assert outcome.local is not None and outcome.second is not None
    assert outcome.second.path.parent == stick
    assert check_file(outcome.second.path, full=True)


def test_a_vanished_second_folder_warns_and_the_local_backup_still_happens(
    admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    backups.set_second_folder(admin_ctx, str(stick))
    stick.rmdir()  # the USB stick was pulled out
    outcome = backups.run_backup(admin_ctx, location, "auto")
    assert outcome.local is not None and outcome.local.path.exists()
    assert outcome.second is None
    assert any("not reachable" in w for w in outcome.warnings)
    assert not stick.exists()  # never created on the PC's own disk instead
    status = backups.backup_status(admin_ctx, location)
    assert status.warning is not None and "not reachable" in status.warning


def test_a_vanished_local_backup_folder_is_recreated(admin_ctx: Context, location: DataLocation) -> None:
    backups.run_backup(admin_ctx, location, "auto")
    for b in list_backups(location.backup_dir):
        b.path.unlink()
    location.backup_dir.rmdir()
    outcome = backups.run_backup(admin_ctx, location, "auto")
    assert outcome.local is not None and outcome.local.path.exists()


def test_a_failed_verification_is_reported_not_hidden(
    admin_ctx: Context, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from frontdesk.db import backup as backup_module
    from frontdesk.db.health import HealthReport

    monkeypatch.setattr(
        backup_module, "check_file", lambda path, full=False: HealthReport(path, False, "is damaged: test")
    )
    outcome = backups.run_backup(admin_ctx, location, "auto")
    assert outcome.failed and outcome.local is None
    assert any("failed its check" in w for w in outcome.warnings)
    assert list_backups(location.backup_dir) == []
    assert not list(location.backup_dir.glob(".*partial"))


def test_half_hourly_backup_only_when_data_changed(admin_ctx: Context, location: DataLocation) -> None:
    first = backups.backup_if_changed(admin_ctx, location, None)
    assert first is not None
    assert backups.backup_if_changed(admin_ctx, location, first.marker) is None
    make_guest(admin_ctx, "Changed", "Carl")
    again = backups.backup_if_changed(admin_ctx, location, first.marker)
    assert again is not None and again.marker > first.marker


def test_status_turns_to_a_warning_after_two_days(
    admin_ctx: Context, location: DataLocation, clock: FakeClock
) -> None:
    ctx = Context(admin_ctx.db, admin_ctx.actor, clock)
    assert backups.backup_status(ctx, location).warning == "No backup has been made yet."
    backups.run_backup(ctx, location, "auto", now=clock.now)
    clock.advance(minutes=25)
    status = backups.backup_status(ctx, location)
    assert status.warning is None and status.age_text(clock.now) == "25 min ago"
    clock.advance(days=2)
    status = backups.backup_status(ctx, location)
    assert status.warning == "The last backup is 2 days ago."


def test_second_folder_setting_is_checked_and_admin_only(
    admin_ctx: Context, manager_ctx: Context, tmp_path: Path
) -> None:
    for bad, words in (("relative/dir", "full folder path"), (str(tmp_path / "missing"), "does not exist")):
        with pytest.raises(UserError, match=words) as err:
            backups.set_second_folder(admin_ctx, bad)
        assert "second_folder" in err.value.field_errors
    with pytest.raises(PermissionDenied):
        backups.set_second_folder(manager_ctx, str(tmp_path))
    backups.set_second_folder(admin_ctx, str(tmp_path))
    assert backups.second_folder(admin_ctx) == tmp_path
    backups.set_second_folder(admin_ctx, "")
    assert backups.second_folder(admin_ctx) is None


# --- restore --------------------------------------------------------------------------------------


def test_backup_restore_round_trip(admin_ctx: Context, location: DataLocation) -> None:
    make_guest(admin_ctx, "Before", "Bea")
    taken = backups.run_backup(admin_ctx, location, "manual").local
    assert taken is not None
    make_guest(admin_ctx, "After", "Al")
    info = backups.inspect_backup(taken.path)
    assert (info.guests, info.stays, info.complaints) == (1, 0, 0)
    assert info.taken_at == taken.taken_at

    kept = backups.restore(admin_ctx, location, taken.path)

    reopened = open_database(location).db
    try:
        with reopened.session() as s:
            names = [r[0] for r in s.connection().exec_driver_sql("SELECT last_name FROM guest")]
        assert names == ["Before"]
    finally:
        reopened.dispose()
    # the data replaced was kept first, with the guest added after the backup
    assert kept.reason == "before-restore"
    assert backups.inspect_backup(kept.path).guests == 2


def test_restoring_a_corrupt_backup_is_refused_and_changes_nothing(
    admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    make_guest(admin_ctx, "Stays", "Sam")
    taken = backups.run_backup(admin_ctx, location, "manual").local
    assert taken is not None
    broken = tmp_path / "broken.db"
    data = bytearray(taken.path.read_bytes())
    data[4096 : 4096 + 300] = b"\xff" * 300  # scribble over a table page's header
    broken.write_bytes(bytes(data))
    with pytest.raises(UserError, match="cannot be restored"):
        backups.restore(admin_ctx, location, broken)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(UserError, match="cannot be restored"):
        backups.restore(admin_ctx, location, garbage)
    with admin_ctx.db.session() as s:  # still open, still the same data
        assert [r[0] for r in s.connection().exec_driver_sql("SELECT last_name FROM guest")] == ["Stays"]


def test_restoring_a_newer_version_backup_is_refused(
    admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    taken = backups.run_backup(admin_ctx, location, "manual").local
    assert taken is not None
    newer = tmp_path / "newer.db"
    newer.write_bytes(taken.path.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(UserError, match="newer version"):
        backups.restore(admin_ctx, location, newer)
    assert list_backups(location.backup_dir) == [taken]  # refused before anything was written


def test_a_restore_failing_halfway_leaves_the_database_as_it_was(
    admin_ctx: Context, location: DataLocation, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import shutil

    make_guest(admin_ctx, "Before", "Bea")
    taken = backups.run_backup(admin_ctx, location, "manual").local
    assert taken is not None
    make_guest(admin_ctx, "After", "Al")

    def disk_full(source: Path, target: Path) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:4096])  # half a copy, then no space
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(UserError, match="could not be put in place: No space left"):
        backups.restore(admin_ctx, location, taken.path)
    assert not list(location.db_path.parent.glob("*.restoring"))
    assert check_file(location.db_path, full=True)
    with admin_ctx.db.session() as s:  # the app goes on with its own data
        names = [r[0] for r in s.connection().exec_driver_sql("SELECT last_name FROM guest ORDER BY id")]
    assert names == ["Before", "After"]


def test_restore_is_admin_only(manager_ctx: Context, location: DataLocation) -> None:
    taken = make_backup(location.db_path, location.backup_dir)
    with pytest.raises(PermissionDenied):
        backups.restore(manager_ctx, location, taken.path)


_KILLED_CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from frontdesk.db import backup

    def slow_check(path, full=False):
        Path(sys.argv[3]).write_text("copied")  # the copy is written; now we are killed
        time.sleep(60)

    backup.check_file = slow_check
    backup.make_backup(Path(sys.argv[1]), Path(sys.argv[2]), reason="auto")
    """
)


def test_killing_the_app_during_a_backup_leaves_no_good_looking_file(
    admin_ctx: Context, location: DataLocation, tmp_path: Path
) -> None:
    make_guest(admin_ctx, "Survivor", "Sue")
    flag = tmp_path / "copied"
    child = subprocess.Popen(
        [sys.executable, "-c", _KILLED_CHILD, str(location.db_path), str(location.backup_dir), str(flag)],
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        deadline = time.monotonic() + 30
        while not flag.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert flag.exists(), "the child never got to copy"
        os.kill(child.pid, signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    leftovers = list(location.backup_dir.iterdir())
    assert leftovers and all(p.name.startswith(".") and p.name.endswith(".partial") for p in leftovers)
    assert list_backups(location.backup_dir) == []
    assert check_file(location.db_path, full=True)
    # an old leftover is cleaned up by the next backup; the next backup is good
    for p in leftovers:
        os.utime(p, (time.time() - 3600, time.time() - 3600))
    made = backups.run_backup(admin_ctx, location, "auto").local
    assert made is not None
    assert sorted(location.backup_dir.iterdir()) == [made.path]
