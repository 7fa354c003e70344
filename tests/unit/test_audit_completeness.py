"""Every write service leaves an audit event, in the same transaction as the write.

Walks every action of the role matrix as an administrator and compares the whole
database (all tables but the audit trail) before and after: any change at all must
come with a new audit event by the person who made it. Writes are found by what
they change, not by a list, so a new write that forgets to audit fails here.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from service_matrix import MATRIX
from staff_scenario import build

from frontdesk.config import DataLocation
from frontdesk.services.audit import verify_chain
from frontdesk.services.context import Context

# Services that only read (a sensitive complaint's view is audited, but the scenario's is not sensitive).
READ_PREFIXES = ("get_", "list_", "count_", "find_", "possible_", "audit_choices", "monthly_figures")
READS = {
    "stays.stays_page",
    "stays.current_or_latest_stay",
    "overview.overview",
    "lookups.lookups",
    "complaint_queries.complaints_of_guest",
    "complaint_queries.stay_choices",
    "complaint_queries.staff_choices",
    "complaint_queries.guest_label",
    "users.security_settings",
    "privacy.retention_months",
    "privacy.due_for_anonymisation",
    "backups.second_folder",
    "backups.change_marker",
    "backups.backup_status",
    "backups.available_backups",
    # These write backup files beside the database, never its data, so no audit event.
    "backups.run_backup",
    "backups.backup_if_changed",
    "letters.draft_letter",
    "letters.sample_letter",
    "letters.letters_of_guest",
    "letters.letters_of_complaint",
    "letters.letter_pdf",
    "preferences.preferences_of",
    "preferences.capture_data",
    "preferences.complaint_guest",
    "preferences.categories",
    "preferences.catalogue",
    "preferences.top_preferences",
    "search.search_guests",
    "arrivals.arrivals_for",
    "arrivals.briefing_for",
    "complaint_settings.complaint_settings",
    "guest_merge.merge_preview",
}
# Change no data, but are recorded: the exports, a reprint, and rebuilding the index to what it was.
AUDIT_ONLY = {
    "audit_view.export_csv",
    "privacy_export.export_guest",
    "letters.note_reprint",
    "search.rebuild_index",
}


def _is_read(service: str) -> bool:
    return service in READS or service.split(".", 1)[1].startswith(READ_PREFIXES)


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if name != "audit_event" and not name.startswith("sqlite_")
        ]
        for table in tables:
            digest.update(table.encode())
            # Sorted in Python: some tables (the search index's) have no rowid to order by.
            for row in sorted(conn.execute(f'SELECT * FROM "{table}"'), key=repr):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def _events_after(path: Path, last_id: int) -> list[tuple[int, int | None, str, str]]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return list(
            conn.execute(
                "SELECT id, user_id, action, entity FROM audit_event WHERE id > ? ORDER BY id", (last_id,)
            )
        )


def _last_event(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT coalesce(max(id), 0) FROM audit_event").fetchone()[0])


def test_every_write_is_audited(admin_ctx: Context, location: DataLocation, tmp_path: Path) -> None:
    path = location.db_path
    wrote: list[str] = []
    for number, case in enumerate(MATRIX):
        scenario = build(admin_ctx, tmp_path / str(number), str(number))
        before, last = _fingerprint(path), _last_event(path)
        case.call(admin_ctx, scenario)
        changed = _fingerprint(path) != before
        events = _events_after(path, last)
        if changed or case.service in AUDIT_ONLY:
            assert events, f"{case.id} changed the database but recorded no audit event"
            assert {e[1] for e in events} == {admin_ctx.actor.id}, f"{case.id}: audited as someone else"
            wrote.append(case.service)
        if not _is_read(case.service):
            assert changed or case.service in AUDIT_ONLY, f"{case.id} is a write but changed nothing"
        else:
            assert not events, f"{case.id} only reads but wrote audit events {events}"
    assert len(wrote) >= 35  # the walk really exercised the writes
    with admin_ctx.db.session() as session:
        assert verify_chain(session).intact
