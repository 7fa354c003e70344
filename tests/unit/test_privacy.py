"""Privacy requests: export everything about a guest; anonymise without a trace; retention review."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, BusinessSettings, Complaint, Guest, Letter, Preference, Stay
from frontdesk.money import format_money
from frontdesk.services import privacy
from frontdesk.services.audit import REDACTED, verify_chain
from frontdesk.services.context import Context
from frontdesk.services.guests import get_profile, update_guest
from frontdesk.services.privacy_export import export_guest, write_export
from frontdesk.services.search import search_guests
from tests.conftest import FakeClock
from tests.guests_factories import add_allergy, add_history, make_guest
from tests.privacy_factories import EMAIL, FIRST, LAST, PHONE, file_bytes, traced_guest

TRACES = (LAST, EMAIL, PHONE.lstrip("+"), "Marigold", "QB-7788", "EpiPen")


# --- export -----------------------------------------------------------------------------------


def test_export_holds_profile_stays_preferences_complaints_letters_and_audit(manager_ctx: Context) -> None:
    gid = traced_guest(manager_ctx)
    export = export_guest(manager_ctx, gid)
    data = export.data
    assert data["profile"]["last_name"] == LAST
    assert data["profile"]["email"] == EMAIL
    assert data["profile"]["marketing_consent"] is True
    assert data["profile"]["marketing_consent_text"] == "Agreed to news by email."
    assert data["profile"]["marketing_consent_at"]
    assert [s["booking_ref"] for s in data["stays"]] == ["QB-7788"]
    assert "EpiPen" in data["preferences"][0]["text"]
    assert LAST in data["complaints"][0]["guest_words"]
    assert data["letters"][0]["subject"] == f"Our apology, Dr {LAST}"
    assert data["feedback"][0]["score"] == 4
    actions = {e["action"] for e in data["audit"]}
    assert {"guest_create", "guest_update", "stay_add"} <= actions
    # the JSON text is the same content, and parses
    assert json.loads(export.json_text)["profile"]["first_name"] == FIRST


def test_export_is_audited_without_its_content(manager_ctx: Context) -> None:
    gid = make_guest(manager_ctx, "Okafor", "Chidi")
    export_guest(manager_ctx, gid)
    with manager_ctx.db.session() as s:
        event = s.exec(select(AuditEvent).where(AuditEvent.action == "guest_export")).one()
        assert event.entity_id == gid
        assert "Okafor" not in event.changes


def test_export_html_escapes_what_staff_typed(manager_ctx: Context) -> None:
    gid = make_guest(manager_ctx, "O'Brien", "Seán", notes="<script>alert('x')</script> & co")
    page = export_guest(manager_ctx, gid).html
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "Seán" in page and "O&#x27;Brien" in page


def test_export_page_shows_dates_and_money_as_people_read_them(manager_ctx: Context) -> None:
    gid = traced_guest(manager_ctx)
    export = export_guest(manager_ctx, gid)
    page = export.html
    stay = export.data["stays"][0]
    assert stay["amount_minor"] == 30000  # the JSON keeps the exact stored values
    stays = page.split("<h2>Stays", 1)[1].split("<h2>", 1)[0]
    assert format_money(30000, export.data["currency"]) in stays and "30000" not in stays
    arrival = date.fromisoformat(stay["arrival"])
    assert arrival.strftime("%d %b %Y") in stays and stay["arrival"] not in stays
    body = page.split("<h1>", 1)[1]
    assert not re.search(r"\d{4}-\d\d-\d\d", body)  # no raw ISO dates, the audit's changes included
    assert "<pre>" not in body  # nested history and changes as tables, not JSON


def test_write_export_writes_both_files(manager_ctx: Context, tmp_path: Path) -> None:
    gid = make_guest(manager_ctx, "Ito", "Hana")
    json_path, html_path = write_export(export_guest(manager_ctx, gid), tmp_path / "out")
    assert json.loads(json_path.read_text(encoding="utf-8"))["profile"]["last_name"] == "Ito"
    assert "Ito" in html_path.read_text(encoding="utf-8")
    assert not list((tmp_path / "out").glob(".*partial"))


def test_write_export_to_an_unwritable_place_is_a_user_error(manager_ctx: Context, tmp_path: Path) -> None:
    gid = make_guest(manager_ctx, "Ito", "Hana")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(UserError, match="could not be written"):
        write_export(export_guest(manager_ctx, gid), blocker / "sub")


def test_reception_cannot_export(reception_ctx: Context) -> None:
    gid = make_guest(reception_ctx, "Ito", "Hana")
    with pytest.raises(PermissionDenied):
        export_guest(reception_ctx, gid)


def test_export_of_a_missing_guest_is_a_user_error(manager_ctx: Context) -> None:
    with pytest.raises(UserError, match="no longer exists"):
        export_guest(manager_ctx, 9999)


# --- anonymise --------------------------------------------------------------------------------


def test_anonymise_leaves_no_trace_in_any_table_nor_in_the_file(manager_ctx: Context) -> None:
    gid = traced_guest(manager_ctx)
    other = make_guest(
        manager_ctx, "Bystander", "Bob", notes="Friend of Zebedee Quackenbush; ask Zebedee for a table"
    )
    path = manager_ctx.db.path
    with manager_ctx.db.session() as s:  # the traces are there to begin with
        s.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    before = file_bytes(path)
    assert all(t.lower().encode() in before for t in TRACES)

    result = privacy.anonymise_guest(manager_ctx, gid, "Erasure request received by email")

    assert result.guests == 1 and result.audit_events_redacted >= 3
    assert result.letter_files == ("/tmp/letters/apology-quackenbush.pdf",)
    after = file_bytes(path)
    for trace in TRACES:
        assert trace.lower().encode() not in after, trace
    # every text column of every table, read through SQL too
    with manager_ctx.db.session() as s:
        conn = s.connection()
        tables = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"'):
                blob = " ".join(str(v) for v in row).lower()
                assert LAST.lower() not in blob, table
        bystander = s.get(Guest, other)
        assert bystander is not None and bystander.last_name == "Bystander"
        # another guest's note named them: the full name goes, a lone first name may be anyone's
        assert bystander.notes == "Friend of [guest]; ask Zebedee for a table"


def test_a_name_typed_in_capitals_with_accents_elsewhere_is_found_and_erased(manager_ctx: Context) -> None:
    """SQLite's lower() folds ASCII only: "ÉMILE ØRSTED" must still be found."""
    gid = make_guest(manager_ctx, "Ørsted", "Émile", email="emile@example.dk")
    other = make_guest(
        manager_ctx, "Bystander", "Bob", notes="Friend of ÉMILE ØRSTED; call Émile Ørsted or EMILE ORSTED"
    )
    walk_in = make_guest(manager_ctx, "Walker", "Wim", notes="Booked by EMILE@EXAMPLE.DK")
    privacy.anonymise_guest(manager_ctx, gid, "Erasure request")
    with manager_ctx.db.session() as s:
        conn = s.connection()
        tables = [r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}"'):
                blob = " ".join(str(v) for v in row).casefold()
                assert "rsted" not in blob and "emile@" not in blob, table
        notes = {g: s.get(Guest, g).notes for g in (other, walk_in)}  # type: ignore[union-attr]
    assert notes[other] == "Friend of [guest]; call [guest] or [guest]"
    assert notes[walk_in] == "Booked by [guest]"


def test_anonymising_a_batch_scrubs_each_guest_from_the_others_records(manager_ctx: Context) -> None:
    ann = make_guest(manager_ctx, "Abelsen", "Ann", notes="Travels with Bo Brekke")
    bo = make_guest(manager_ctx, "Brekke", "Bo", notes="Partner of Ann Abelsen")
    keep = make_guest(manager_ctx, "Carlsen", "Cy", notes="Met Ann Abelsen and Bo Brekke at the bar")
    add_allergy(manager_ctx, keep, "same room as ANN ABELSEN", kind="like")
    result = privacy.anonymise_guests(manager_ctx, [ann, bo], "Retention review of 2020")
    assert result.guests == 2
    with manager_ctx.db.session() as s:
        kept = s.get(Guest, keep)
        assert kept is not None and kept.notes == "Met [guest] and [guest] at the bar"
        liked = s.exec(select(Preference).where(Preference.guest_id == keep)).one()
        assert liked.text == "same room as [guest]"
        events = s.exec(select(AuditEvent).where(AuditEvent.entity_id == keep)).all()
        assert all("Abelsen" not in e.changes and "Brekke" not in e.changes for e in events)
        assert verify_chain(s).intact


def test_an_anonymised_guest_is_no_longer_found_by_search(manager_ctx: Context) -> None:
    gid = traced_guest(manager_ctx)
    # searched once first: the typo vocabulary is cached in the process with the name in it
    assert [h.id for h in search_guests(manager_ctx, LAST)] == [gid]
    assert gid in [h.id for h in search_guests(manager_ctx, "Quakenbush")]
    privacy.anonymise_guest(manager_ctx, gid, "Erasure request")
    for query in (LAST, "Quakenbush", FIRST, EMAIL, PHONE, "Quack"):
        assert gid not in [h.id for h in search_guests(manager_ctx, query)], query
    with manager_ctx.db.session() as s:
        words = [r[0] for r in s.connection().exec_driver_sql("SELECT word FROM guest_search_word")]
        assert not any(LAST.lower() in w or FIRST.lower() in w for w in words)


def test_no_trace_in_the_file_even_while_another_thread_is_reading(manager_ctx: Context) -> None:
    """The status bar's refresh may hold a read snapshot while the file is compacted."""
    import sqlite3
    import threading
    import time

    gid = traced_guest(manager_ctx)
    path = manager_ctx.db.path
    reader = sqlite3.connect(path, check_same_thread=False)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM guest").fetchone()  # a snapshot from before the erasure

    def finish_reading() -> None:
        time.sleep(0.6)
        reader.rollback()
        reader.close()

    thread = threading.Thread(target=finish_reading)
    thread.start()
    try:
        privacy.anonymise_guest(manager_ctx, gid, "Erasure request received by email")
    finally:
        thread.join()
    after = file_bytes(path)
    for trace in TRACES:
        assert trace.lower().encode() not in after, trace


def test_anonymise_keeps_stays_complaints_and_figures(manager_ctx: Context) -> None:
    gid = traced_guest(manager_ctx)
    privacy.anonymise_guest(manager_ctx, gid, "Erasure request")
    with manager_ctx.db.session() as s:
        guest = s.get(Guest, gid)
        assert guest is not None and guest.anonymised_at is not None
        assert guest.country == "GB"  # figures by country stay true
        assert (guest.first_name, guest.last_name, guest.email, guest.phone) == ("", "", None, None)
        assert not guest.marketing_consent and guest.marketing_consent_text is None
        stay = s.exec(select(Stay).where(Stay.guest_id == gid)).one()
        assert (stay.room, stay.amount_minor, stay.booking_ref) == ("12", 30000, "")
        complaint = s.exec(select(Complaint).where(Complaint.guest_id == gid)).one()
        assert complaint.category == "noise"
        assert complaint.guest_words == "I am [guest], room 12 was loud all night. Write to [guest]."
        letter = s.exec(select(Letter).where(Letter.guest_id == gid)).one()
        assert letter.pdf == b"" and letter.template_code == "apology" and letter.output_path is None
        assert s.exec(select(Preference).where(Preference.guest_id == gid)).all() == []
    profile = get_profile(manager_ctx, gid)
    assert profile.anonymised and profile.facts.completed_stays == 1


def test_anonymise_audit_says_it_happened_not_what_and_chain_stays_intact(manager_ctx: Context) -> None:
    gid = traced_guest(manager_ctx)
    privacy.anonymise_guest(manager_ctx, gid, f"Request from {FIRST} {LAST} by letter")
    with manager_ctx.db.session() as s:
        events = s.exec(
            select(AuditEvent).where(AuditEvent.entity == "guest", AuditEvent.entity_id == gid)
        ).all()
        actions = [e.action for e in events]
        assert "guest_create" in actions and actions[-1] == "guest_anonymise"
        assert all(e.changes == REDACTED for e in events if e.action in ("guest_create", "guest_update"))
        reason = json.loads(events[-1].changes)["reason"]
        assert reason == "Request from [guest] by letter"
        assert verify_chain(s).intact


def test_a_redacted_event_no_anonymisation_vouches_for_breaks_the_chain(manager_ctx: Context) -> None:
    gid = make_guest(manager_ctx, "Tamper", "Tom")
    update_guest_notes(manager_ctx, gid)
    with manager_ctx.db.session(write=True) as s:
        s.connection().execute(
            text("UPDATE audit_event SET changes = :r WHERE action = 'guest_update'"), {"r": REDACTED}
        )
    with manager_ctx.db.session() as s:
        report = verify_chain(s)
    assert not report.intact


def update_guest_notes(ctx: Context, gid: int) -> None:
    profile = get_profile(ctx, gid)
    data = profile.as_input()
    data.notes = "quiet room"
    update_guest(ctx, gid, data)


def test_anonymise_needs_a_reason_and_a_manager(manager_ctx: Context, reception_ctx: Context) -> None:
    gid = make_guest(manager_ctx, "Keep", "Kim")
    with pytest.raises(UserError) as err:
        privacy.anonymise_guest(manager_ctx, gid, "  ")
    assert "reason" in err.value.field_errors
    with pytest.raises(PermissionDenied):
        privacy.anonymise_guest(reception_ctx, gid, "Erasure request")
    with manager_ctx.db.session() as s:
        guest = s.get(Guest, gid)
        assert guest is not None and guest.last_name == "Keep" and guest.anonymised_at is None


def test_anonymise_twice_or_a_missing_guest_is_refused(manager_ctx: Context) -> None:
    gid = make_guest(manager_ctx, "Once", "Olga")
    privacy.anonymise_guest(manager_ctx, gid, "Erasure request")
    with pytest.raises(UserError, match="already anonymised"):
        privacy.anonymise_guest(manager_ctx, gid, "Erasure request")
    with pytest.raises(UserError, match="no longer exists"):
        privacy.anonymise_guest(manager_ctx, 4242, "Erasure request")


def test_a_failed_batch_anonymises_nobody(manager_ctx: Context) -> None:
    first = make_guest(manager_ctx, "Alpha", "Ann")
    with pytest.raises(UserError):
        privacy.anonymise_guests(manager_ctx, [first, 4242], "Retention review")
    with manager_ctx.db.session() as s:
        guest = s.get(Guest, first)
        assert guest is not None and guest.last_name == "Alpha"


def test_an_anonymised_guest_can_no_longer_be_edited(manager_ctx: Context) -> None:
    gid = make_guest(manager_ctx, "Gone", "Gail")
    data = get_profile(manager_ctx, gid).as_input()
    privacy.anonymise_guest(manager_ctx, gid, "Erasure request")
    with pytest.raises(UserError, match="erased"):
        update_guest(manager_ctx, gid, data)


def test_scrub_replaces_whole_words_only_and_ignores_case() -> None:
    guest = Guest(first_name="Ann", last_name="Müller", email="ann@example.org")
    idents = privacy.identifiers(guest)
    assert privacy.scrub("ANN MÜLLER and Anna annoyed; Muller wrote ann@example.org", idents) == (
        "[guest] and Anna annoyed; [guest] wrote [guest]"
    )


# --- retention ----------------------------------------------------------------------------------


def _on(ctx: Context, clock: FakeClock) -> Context:
    return Context(ctx.db, ctx.actor, clock)


def test_due_list_follows_the_retention_setting(
    manager_ctx: Context, admin_ctx: Context, clock: FakeClock
) -> None:
    clock.now = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
    ctx = _on(manager_ctx, clock)
    old = make_guest(ctx, "Oldstay", "Olive")
    add_history(ctx, old, 1, start=date(2023, 1, 10))  # left 12 Jan 2023
    recent = make_guest(ctx, "Recent", "Rae")
    add_history(ctx, recent, 1, start=date(2026, 6, 1))
    never = make_guest(ctx, "Never", "Ned")  # created today, never stayed
    privacy.set_retention_months(_on(admin_ctx, clock), 36)
    due = privacy.due_for_anonymisation(ctx)
    assert due.cutoff == date(2023, 11, 22)
    assert [g.id for g in due.guests] == [old]
    assert due.guests[0].last_stay == date(2023, 1, 12)

    privacy.set_retention_months(_on(admin_ctx, clock), 6)
    ids = [g.id for g in privacy.due_for_anonymisation(ctx).guests]
    assert ids == [old]  # "Recent" left on 3 June; "Never" was created today
    clock.now = datetime(2027, 1, 1, tzinfo=UTC)
    assert [g.id for g in privacy.due_for_anonymisation(ctx).guests] == [old, recent]
    clock.now = datetime(2027, 6, 1, tzinfo=UTC)
    assert [g.id for g in privacy.due_for_anonymisation(ctx).guests] == [old, recent, never]

    privacy.set_retention_months(_on(admin_ctx, clock), 0)
    assert privacy.due_for_anonymisation(ctx).guests == ()


def test_expected_guests_and_open_complaints_are_not_due(manager_ctx: Context, clock: FakeClock) -> None:
    ctx = _on(manager_ctx, clock)
    gid = traced_guest(ctx)  # has an open complaint
    with ctx.db.session(write=True) as s:
        settings = s.get(BusinessSettings, 1)
        assert settings is not None
        settings.retention_months = 12
    clock.now = datetime(2030, 1, 1, tzinfo=UTC)
    assert privacy.due_for_anonymisation(ctx).guests == ()
    with ctx.db.session(write=True) as s:
        for c in s.exec(select(Complaint)).all():
            c.status = "closed"
    assert [g.id for g in privacy.due_for_anonymisation(ctx).guests] == [gid]


def test_anonymise_all_due_in_one_go(manager_ctx: Context, clock: FakeClock) -> None:
    ctx = _on(manager_ctx, clock)
    ids = [make_guest(ctx, f"Due{i}", "Dee") for i in range(3)]
    with ctx.db.session(write=True) as s:
        settings = s.get(BusinessSettings, 1)
        assert settings is not None
        settings.retention_months = 6
    clock.advance(days=400)
    due = privacy.due_for_anonymisation(ctx)
    assert sorted(g.id for g in due.guests) == ids
    result = privacy.anonymise_guests(ctx, [g.id for g in due.guests], "Retention review")
    assert result.guests == 3
    assert privacy.due_for_anonymisation(ctx).guests == ()


def test_retention_setting_is_validated_and_admin_only(admin_ctx: Context, manager_ctx: Context) -> None:
    for bad in (-1, 241, "soon"):
        with pytest.raises(UserError) as err:
            privacy.set_retention_months(admin_ctx, bad)  # type: ignore[arg-type]
        assert "retention_months" in err.value.field_errors
    with pytest.raises(PermissionDenied):
        privacy.set_retention_months(manager_ctx, 12)
    privacy.set_retention_months(admin_ctx, 24)
    assert privacy.retention_months(manager_ctx) == 24


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 15), 13, date(2024, 12, 15)),
        (date(2026, 11, 22), 36, date(2023, 11, 22)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert privacy.months_before(day, months) == expected
