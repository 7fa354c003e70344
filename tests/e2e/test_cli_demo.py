"""``frontdesk demo`` run as a user would: what it makes, that it repeats itself, what it refuses."""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from frontdesk.config import DataLocation
from frontdesk.db.opening import open_database
from frontdesk.services import auth, business
from frontdesk.services.context import SYSTEM, Context
from tests.cli_helpers import cli_env, frontdesk, rows

TODAY = date(2026, 6, 15)
STATUSES = {"open", "in_progress", "resolved", "unable_to_resolve", "closed", "void"}
DATA_TABLES = (
    "guest",
    "stay",
    "preference",
    "complaint",
    "complaint_transition",
    "recovery_action",
    "letter",
)


DEMO = (sys.executable, "-m", "frontdesk", "demo")
DEMO_LOGINS = (("admin", "frontdesk-demo"), ("manager", "manager-demo"), ("reception", "reception-demo"))


def demo(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return frontdesk("demo", "--db", db, "--today", TODAY.isoformat(), *args)


def check(db: Path) -> subprocess.CompletedProcess[str]:
    return frontdesk("check", "--db", db, timeout=60)


def count(db: Path, sql: str, *params: object) -> int:
    return int(rows(db, sql, *params)[0][0])  # type: ignore[call-overload]


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    done = demo(db, "--guests", "150", "--seed", "7", "--batch", "40")
    assert done.returncode == 0, done.stderr
    return db, done


def test_demo_fills_every_table_and_prints_the_logins(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, done = made
    assert count(db, "SELECT count(*) FROM guest") == 150
    stays = count(db, "SELECT count(*) FROM stay")
    assert 1.8 * 150 <= stays <= 4.5 * 150
    returning = count(
        db, "SELECT count(*) FROM (SELECT guest_id FROM stay GROUP BY guest_id HAVING count(*) > 1)"
    )
    assert 0.25 * 150 <= returning <= 0.75 * 150
    for table in DATA_TABLES:
        assert count(db, f"SELECT count(*) FROM {table}") > 0, table
    assert "admin / frontdesk-demo" in done.stdout
    assert "manager / manager-demo" in done.stdout and "reception / reception-demo" in done.stdout
    assert "demo: 150 / 150 guests" in done.stderr  # progress goes to stderr
    assert rows(db, "SELECT name, currency FROM business_settings") == [("Harbour View Hotel", "GBP")]
    assert count(db, "SELECT count(*) FROM catalogue_item") > 10  # set up like a real database
    assert count(db, "SELECT count(*) FROM lookup WHERE kind = 'complaint_category'") > 0


def test_the_demo_database_is_healthy_and_its_staff_can_sign_in(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = made
    done = check(db)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "chain intact" in done.stdout
    result = open_database(DataLocation(db))
    try:
        ctx = Context(result.db, SYSTEM)
        assert auth.sign_in(ctx, "admin", "frontdesk-demo").role.value == "admin"
        assert auth.sign_in(ctx, "manager", "manager-demo").role.value == "manager"
        assert auth.sign_in(ctx, "reception", "reception-demo").role.value == "receptionist"
    finally:
        result.db.dispose()


def test_the_business_phone_is_stored_as_the_business_page_saves_it(
    made: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    """Saving the demo's Business page unchanged must not change the phone: the demo stores the
    number in the same readable form the business service does."""
    db, _ = made
    copy = tmp_path / "copy.db"  # saving writes; the module's demo database stays as made
    source, target = sqlite3.connect(db), sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    result = open_database(DataLocation(copy))
    try:
        ctx = Context(result.db, SYSTEM)
        admin = Context(result.db, auth.sign_in(ctx, "admin", "frontdesk-demo"))
        shown = business.get_business(admin)
        assert shown.phone
        assert business.update_business(admin, shown).phone == shown.phone
    finally:
        result.db.dispose()


def test_names_come_in_their_own_scripts_and_contacts_are_well_formed(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = made
    names = [f"{first} {last}" for first, last in rows(db, "SELECT first_name, last_name FROM guest")]
    text = " ".join(names)
    assert re.search("[\u0370-\u03ff]", text), "no Greek name"
    assert re.search("[\u0400-\u04ff]", text), "no Cyrillic name"
    assert re.search("[ŁłŻżŚśĄąĘęŃńŹź]", text), "no Polish letters"
    assert re.search("[ÇçĞğİıŞş]", text), "no Turkish letters"
    assert re.search("[éèêëàâçôûüäößñ]", text), "no accented Latin"
    for (email,) in rows(db, "SELECT email FROM guest WHERE email IS NOT NULL"):
        assert re.fullmatch(r"[a-z0-9.\-]+@[a-z0-9.\-]+\.[a-z]{2,}", str(email)), email
    for (phone,) in rows(db, "SELECT phone FROM guest WHERE phone IS NOT NULL"):
        assert re.fullmatch(r"\+[1-9]\d{7,14}", str(phone)), phone
    assert count(db, "SELECT count(DISTINCT country) FROM guest") >= 8
    assert count(db, "SELECT count(DISTINCT language) FROM guest") >= 8


def test_complaints_take_every_status_with_a_consistent_history(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = made
    assert {s for (s,) in rows(db, "SELECT DISTINCT status FROM complaint")} == STATUSES
    assert count(db, "SELECT count(*) FROM complaint WHERE guest_id IS NULL AND walk_in_name != ''") >= 1
    # resolved: an outcome, a time and a counted recovery action (what complaints.resolve demands)
    assert not rows(
        db,
        "SELECT id FROM complaint c WHERE status = 'resolved' AND (outcome IS NULL OR resolved_at IS NULL"
        " OR NOT EXISTS (SELECT 1 FROM recovery_action a WHERE a.complaint_id = c.id"
        " AND (a.needs_approval = 0 OR a.approved_at IS NOT NULL)))",
    )
    # closed: the follow-up done or waived, and a closing time
    assert not rows(
        db,
        "SELECT id FROM complaint WHERE status = 'closed' AND (closed_at IS NULL"
        " OR (follow_up_done_at IS NULL AND follow_up_waived_reason = ''))",
    )
    assert not rows(db, "SELECT id FROM complaint WHERE status = 'void' AND trim(void_reason) = ''")
    # every complaint's transitions start at open and end at its status
    for complaint_id, status in rows(db, "SELECT id, status FROM complaint"):
        path = [
            (a, b)
            for a, b in rows(
                db,
                "SELECT from_status, to_status FROM complaint_transition"
                " WHERE complaint_id = ? ORDER BY at, id",
                complaint_id,
            )
        ]
        assert path[0] == (None, "open") and path[-1][1] == status, (complaint_id, path)
        assert all(path[i][1] == path[i + 1][0] for i in range(len(path) - 1)), path


def test_the_desk_has_arrivals_today_and_tomorrow_and_guests_in_house(
    made: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    db, _ = made
    today, tomorrow = TODAY.isoformat(), (TODAY + timedelta(days=1)).isoformat()
    assert count(db, "SELECT count(*) FROM stay WHERE arrival = ? AND status = 'expected'", today) >= 1
    assert count(db, "SELECT count(*) FROM stay WHERE arrival = ? AND status = 'expected'", tomorrow) >= 1
    assert count(db, "SELECT count(*) FROM stay WHERE status = 'in_house'") >= 3
    assert not rows(db, "SELECT room FROM stay WHERE status = 'in_house' GROUP BY room HAVING count(*) > 1")
    in_house_wrong = "SELECT id FROM stay WHERE status = 'in_house' AND (room = '' OR departure < ?)"
    assert not rows(db, in_house_wrong, today)
    assert not rows(db, "SELECT id FROM stay WHERE status = 'expected' AND arrival < ?", today)
    assert not rows(db, "SELECT id FROM stay WHERE status = 'checked_out' AND departure > ?", today)


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    return {table: rows(db, f"SELECT * FROM {table} ORDER BY id") for table in DATA_TABLES}


def test_the_same_seed_gives_the_same_data_whatever_the_batch_size(
    made: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path
) -> None:
    db, _ = made
    again = tmp_path / "again.db"
    assert demo(again, "--guests", "150", "--seed", "7", "--batch", "1000").returncode == 0
    assert dump(again) == dump(db)
    other = tmp_path / "other.db"
    assert demo(other, "--guests", "150", "--seed", "8").returncode == 0
    assert dump(other)["guest"] != dump(db)["guest"]


def test_a_database_with_guests_is_refused_unless_forced(tmp_path: Path) -> None:
    db = tmp_path / "full.db"
    assert demo(db, "--guests", "20").returncode == 0
    before = dump(db)
    refused = demo(db, "--guests", "20")
    assert refused.returncode == 1
    assert "already has 20 guests" in refused.stderr and "--force" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert dump(db) == before
    forced = demo(db, "--guests", "5", "--force", "--seed", "3")
    assert forced.returncode == 0, forced.stderr
    assert count(db, "SELECT count(*) FROM guest") == 25
    assert "existing account, password unchanged" in forced.stdout
    assert check(db).returncode == 0


@pytest.mark.parametrize("value", ["0", "-5", "many"])
def test_a_bad_guest_count_is_refused_before_anything_is_written(tmp_path: Path, value: str) -> None:
    db = tmp_path / "bad.db"
    done = demo(db, "--guests", value)
    assert done.returncode == 2
    assert "--guests" in done.stderr and "Traceback" not in done.stderr
    assert not db.exists()


KILL_BATCH = 50


def start_big_demo(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*DEMO, "--db", str(db), "--guests", "20000", "--batch", str(KILL_BATCH)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=cli_env(),
    )


def kill(child: subprocess.Popen[str]) -> None:
    os.kill(child.pid, signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL


def assert_whole_batches_and_usable(db: Path) -> None:
    """What a killed run leaves passes check, holds whole batches only, and takes a second run."""
    done = check(db)
    assert done.returncode == 0, done.stdout + done.stderr
    guests = 0
    if count(db, "SELECT count(*) FROM sqlite_master WHERE name = 'guest'"):
        guests = count(db, "SELECT count(*) FROM guest")
        assert guests < 20000 and guests % KILL_BATCH == 0  # whole batches only
        assert not rows(db, "PRAGMA foreign_key_check")
        demo_events = count(db, "SELECT count(*) FROM audit_event WHERE action = 'demo_data'")
        assert demo_events == guests // KILL_BATCH
        assert count(db, "SELECT count(*) FROM guest_search") == guests  # every written guest is findable
    else:  # killed inside the schema's creation, which is one transaction: nothing of it is left
        assert not count(db, "SELECT count(*) FROM sqlite_master")
        assert "schema: empty" in done.stdout
    again = demo(db, "--guests", "30", "--force")
    assert again.returncode == 0, again.stderr
    assert count(db, "SELECT count(*) FROM guest") == guests + 30
    assert count(db, "SELECT count(*) FROM guest_search") == guests + 30
    assert check(db).returncode == 0
    result = open_database(DataLocation(db))
    try:
        ctx = Context(result.db, SYSTEM)
        for username, password in DEMO_LOGINS:
            assert auth.sign_in(ctx, username, password).username == username
    finally:
        result.db.dispose()


@pytest.mark.parametrize("run", range(3))
def test_killed_while_writing_guests_the_database_still_passes_check(tmp_path: Path, run: int) -> None:
    db = tmp_path / "killed.db"
    child = start_big_demo(db)
    assert child.stderr is not None
    first = child.stderr.readline()  # the first committed batch
    assert first.startswith("demo: "), first
    time.sleep(random.Random(run).uniform(0.0, 1.5))
    kill(child)
    assert count(db, "SELECT count(*) FROM guest") > 0
    assert_whole_batches_and_usable(db)


@pytest.mark.parametrize("run", range(3))
def test_killed_while_setting_the_database_up_a_second_run_completes_it(tmp_path: Path, run: int) -> None:
    db = tmp_path / "killed.db"
    child = start_big_demo(db)
    deadline = time.monotonic() + 60
    while not db.exists():  # the kill should land in schema creation, setup or the first batches
        assert time.monotonic() < deadline and child.poll() is None
        time.sleep(0.005)
    time.sleep(random.Random(run).uniform(0.0, 0.6))
    kill(child)
    assert_whole_batches_and_usable(db)
