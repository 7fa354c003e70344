"""Repeat recognition and at-a-glance facts are derived from the records, for many guests at once."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from frontdesk.errors import UserError
from frontdesk.models import Complaint, Guest, Preference, RecoveryAction, Stay
from frontdesk.phones import format_phone, parse_phone, phone_candidates
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import facts_for, stay_ordinal


def _guest(session, last: str) -> int:  # type: ignore[no-untyped-def]
    guest = Guest(first_name="Ana", last_name=last)
    session.add(guest)
    session.flush()
    return guest.id


def test_returning_is_derived_from_completed_stays_only(admin_ctx: Context) -> None:
    with admin_ctx.db.session(write=True) as s:
        regular, newcomer = _guest(s, "Regular"), _guest(s, "Newcomer")
        for arrival, status, amount in (
            (date(2024, 3, 1), "checked_out", 30000),
            (date(2025, 3, 1), "checked_out", 50000),
            (date(2025, 6, 1), "cancelled", 99999),
            (date(2026, 11, 22), "in_house", 0),
        ):
            s.add(
                Stay(
                    guest_id=regular,
                    arrival=arrival,
                    departure=arrival + timedelta(days=3),
                    status=status,
                    amount_minor=amount,
                )
            )
        s.add(
            Stay(
                guest_id=newcomer, arrival=date(2026, 11, 22), departure=date(2026, 11, 23), status="in_house"
            )
        )
    with admin_ctx.db.session() as s:
        facts = facts_for(s, [regular, newcomer, 999])
    assert set(facts) == {regular, newcomer}
    r, n = facts[regular], facts[newcomer]
    assert (r.completed_stays, r.nights, r.lifetime_spend_minor, r.average_spend_minor) == (
        2,
        6,
        80000,
        40000,
    )
    assert (r.first_stay, r.last_stay) == (date(2024, 3, 1), date(2025, 3, 1))
    assert r.returning and stay_ordinal(r) == "3rd stay"
    assert r.days_since_last_stay(date(2025, 3, 11)) == 10
    assert not n.returning and n.last_stay is None and stay_ordinal(n) == "1st stay"


def test_alerts_preferences_and_earlier_complaints(admin_ctx: Context) -> None:
    with admin_ctx.db.session(write=True) as s:
        gid = _guest(s, "Żółć")
        s.add(Preference(guest_id=gid, kind="like", category="room", text="quiet room"))
        s.add(Preference(guest_id=gid, kind="allergy", category="food_drink", text="no nuts"))
        s.add(Preference(guest_id=gid, kind="alert", category="room", text="never room 12"))
        s.add(
            Preference(
                guest_id=gid,
                kind="dislike",
                category="bedding",
                text="feathers",
                retired_at=datetime(2026, 1, 1, tzinfo=UTC),
                retired_by_id=admin_ctx.actor.id,
            )
        )
        old = Complaint(
            guest_id=gid,
            category="noise",
            guest_words="Loud bar",
            status="resolved",
            outcome="satisfied",
            received_at=datetime(2025, 3, 2, tzinfo=UTC),
        )
        s.add(old)
        s.add(
            Complaint(
                guest_id=gid,
                category="billing",
                guest_words="Wrong bill",
                status="open",
                received_at=datetime(2026, 11, 22, tzinfo=UTC),
            )
        )
        s.add(Complaint(guest_id=gid, category="room", guest_words="x", status="void", void_reason="dup"))
        s.flush()
        s.add(RecoveryAction(complaint_id=old.id, kind="room_move"))
        s.add(RecoveryAction(complaint_id=old.id, kind="upgrade"))
    with admin_ctx.db.session() as s:
        f = facts_for(s, [gid])[gid]
    assert f.alerts == ["no nuts", "never room 12"]
    assert [p.text for p in f.preferences] == ["no nuts", "never room 12", "quiet room"]
    assert f.open_complaints == 1
    assert [c.category for c in f.complaints] == ["billing", "noise"]
    assert f.complaints[1].summary == "noise — resolved with room move and upgrade; guest satisfied"


@pytest.mark.parametrize(
    "typed", ["+44 20 7946 0958", "020 7946 0958", "442079460958", "+44 (0)20-7946-0958"]
)
def test_one_number_however_it_is_typed(typed: str) -> None:
    assert parse_phone(typed, "GB") == "+442079460958"
    assert "+442079460958" in phone_candidates(typed, "GB")


def test_phone_refusals_and_display() -> None:
    assert parse_phone("  ", "GB") is None
    for bad in ("call me", "12", "+1"):
        with pytest.raises(UserError) as err:
            parse_phone(bad, "GB", field="mobile")
        assert "mobile" in err.value.field_errors
    assert phone_candidates("smith", "GB") == []
    assert format_phone("+442079460958", "GB") == "020 7946 0958"
    assert format_phone("+442079460958", "DE") == "+44 20 7946 0958"
