"""A database made at the first revision, with data, upgrades to head with its data intact.

The rows are written with plain SQL naming only columns revision 0001 has, so the test
keeps working whatever later revisions add.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from frontdesk.config import DataLocation
from frontdesk.db import migrate
from frontdesk.db.engine import Database
from frontdesk.db.health import check_file
from frontdesk.db.opening import open_database

FIRST = "0001"
NOW = "2025-03-01 10:00:00.000000"

GUESTS = [
    ("Łukasz", "Wiśniewski", "PL", "Allergic to nuts"),
    ("Ελένη", "Παπαδοπούλου", "GR", ""),
    ("Işık", "Yılmaz", "TR", "Prefers a quiet room"),
    ("Фёдор", "Достоевский", "RU", ""),
    ("Zoë", "O'Brien", "IE", 'Says "hi"'),
]


def fill_at_first_revision(engine: Any) -> None:
    """Staff, guests, stays, preferences and complaints, as revision 0001 stores them."""
    with engine.begin() as conn:
        sql = conn.exec_driver_sql
        sql(
            "INSERT INTO user (id, username, display_name, role, password_hash, active, failed_attempts,"
            " created_at) VALUES (1, 'admin', 'Ada Admin', 'admin', 'x', 1, 0, ?)",
            (NOW,),
        )
        for gid, (first, last, country, notes) in enumerate(GUESTS, start=1):
            sql(
                "INSERT INTO guest (id, title, first_name, last_name, address_line1, address_line2,"
                " postcode, city, region, country, language, company, vip_level, notes,"
                " marketing_consent, blocklisted, blocklist_reason, created_at, created_by_id,"
                " updated_at) VALUES (?, '', ?, ?, '', '', '', '', '', ?, 'en', '', ?, ?, 0, 0, '',"
                " ?, 1, ?)",
                (gid, first, last, country, gid % 4, notes, NOW, NOW),
            )
            sql(
                "INSERT INTO stay (id, guest_id, arrival, departure, room, adults, children, status,"
                " channel, booking_ref, amount_minor, created_at, updated_at) VALUES (?, ?,"
                " '2025-02-01', '2025-02-04', ?, 2, 0, 'checked_out', 'direct', ?, ?, ?, ?)",
                (gid, gid, f"1{gid:02d}", f"BK{gid}", 12345 * gid, NOW, NOW),
            )
            sql(
                "INSERT INTO preference (guest_id, kind, category, text, created_at, created_by_id)"
                " VALUES (?, 'like', 'room', ?, ?, 1)",
                (gid, f"High floor for {first}", NOW),
            )
        for cid, (gid, status) in enumerate([(1, "open"), (2, "resolved"), (3, "in_progress")], 1):
            sql(
                "INSERT INTO complaint (id, guest_id, walk_in_name, stay_id, received_at, received_by_id,"
                " channel, category, department, severity, guest_words, sensitive, status,"
                " follow_up_waived_reason, root_cause, corrective_action, void_reason, created_at,"
                " updated_at) VALUES (?, ?, '', ?, ?, 1, 'in_person', 'noise', 'housekeeping',"
                " 'serious', ?, 0, ?, '', '', '', '', ?, ?)",
                (cid, gid, gid, NOW, f"Complaint {cid}: zażółć gęślą jaźń", status, NOW, NOW),
            )


def rows(path: Path, query: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute(query).fetchall()
    finally:
        conn.close()


GUEST_Q = "SELECT id, first_name, last_name, country, vip_level, notes, created_by_id FROM guest ORDER BY id"
STAY_Q = "SELECT id, guest_id, arrival, departure, room, amount_minor, status FROM stay ORDER BY id"
PREF_Q = "SELECT guest_id, kind, category, text FROM preference ORDER BY id"
COMPLAINT_Q = "SELECT id, guest_id, stay_id, status, guest_words, severity FROM complaint ORDER BY id"


def test_data_made_at_the_first_revision_survives_upgrade_to_head(location: DataLocation) -> None:
    location.folder.mkdir(parents=True)
    db = Database(location.db_path)
    migrate.upgrade(db, FIRST)
    assert migrate.current_revision(db) == FIRST
    fill_at_first_revision(db.engine)
    db.dispose()
    before = {q: rows(location.db_path, q) for q in (GUEST_Q, STAY_Q, PREF_Q, COMPLAINT_Q)}
    assert len(before[GUEST_Q]) == len(GUESTS) and len(before[COMPLAINT_Q]) == 3

    # The real start-up path: verified backup first, then upgrade to head.
    result = open_database(location)
    result.db.dispose()
    head = migrate.head_revision()
    assert migrate.file_revision(location.db_path) == head
    if head != FIRST:
        assert result.migrated_from == FIRST
        backups = list(location.backup_dir.glob("*before-upgrade*.db"))
        assert len(backups) == 1
        assert migrate.file_revision(backups[0]) == FIRST
    for query, expected in before.items():
        assert rows(location.db_path, query) == expected, query
    assert rows(location.db_path, "PRAGMA foreign_key_check") == []
    assert check_file(location.db_path, full=True)


def test_new_database_is_created_at_head_through_open_database(location: DataLocation) -> None:
    result = open_database(location)
    result.db.dispose()
    assert result.created and result.migrated_from is None
    assert migrate.file_revision(location.db_path) == migrate.head_revision()
    assert not location.backup_dir.exists() or not any(location.backup_dir.iterdir())
