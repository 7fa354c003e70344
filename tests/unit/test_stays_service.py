"""Stays on a real SQLite file: validation, overlap and blocklist warnings, transitions, paging."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from frontdesk.errors import PermissionDenied, UserError
from frontdesk.models import AuditEvent, Role, Stay
from frontdesk.services import permissions
from frontdesk.services.context import Context
from frontdesk.services.guests import get_profile
from frontdesk.services.stays import (
    StayInput,
    StayNeedsConfirmation,
    add_stay,
    cancel_stay,
    check_in,
    check_out,
    current_or_latest_stay,
    get_stay,
    mark_no_show,
    stay_input,
    stays_page,
    update_stay,
)
from tests.conftest import FakeClock
from tests.guests_factories import add_history, make_guest

TODAY = date(2026, 11, 22)  # FakeClock's day


@pytest.fixture
def ctx(admin_ctx: Context, clock: FakeClock) -> Context:
    return Context(admin_ctx.db, admin_ctx.actor, clock)


def _stay(arrival: date = TODAY, nights: int = 2, **extra: object) -> StayInput:
    return StayInput(arrival=arrival, departure=arrival + timedelta(days=nights), **extra)  # type: ignore[arg-type]


def _stay_count(ctx: Context) -> int:
    with ctx.db.session() as s:
        return len(s.exec(select(Stay.id)).all())


def _events(ctx: Context, stay_id: int) -> list[tuple[str, dict[str, object]]]:
    with ctx.db.session() as s:
        rows = s.exec(
            select(AuditEvent)
            .where(AuditEvent.entity == "stay", AuditEvent.entity_id == stay_id)
            .order_by(AuditEvent.id)  # type: ignore[arg-type]
        ).all()
        return [(r.action, json.loads(r.changes)) for r in rows]


def test_add_stay_parses_amount_in_business_currency_and_audits(ctx: Context) -> None:
    gid = make_guest(ctx)
    result = add_stay(
        ctx, gid, _stay(room=" 12 ", amount="€1,234.50", channel="booking_com", booking_ref="BK-1")
    )
    row = get_stay(ctx, result.stay_id)
    assert (row.amount_minor, row.room, row.channel, row.booking_ref, row.status) == (
        123450, "12", "booking_com", "BK-1", "expected"
    )  # fmt: skip
    assert row.nights == 2 and result.warnings == ()
    ((action, changes),) = _events(ctx, result.stay_id)
    assert action == "stay_add" and changes["amount_minor"] == [None, 123450] and changes["guest_id"] == gid


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        (_stay(nights=0), "departure", "after arrival"),
        (_stay(nights=-3), "departure", "after arrival"),
        (_stay(nights=367), "departure", "at most 366 nights; check the year"),
        (_stay(arrival=date(1, 1, 1)), "arrival", "0001-01-01 is not a plausible date; check the year"),
        (StayInput(arrival=TODAY, departure=date(9999, 12, 31)), "departure", "not a plausible date"),
        (StayInput(arrival=None, departure=TODAY), "arrival", "arrival date"),
        (StayInput(arrival=TODAY, departure=None), "departure", "departure date"),
        (_stay(amount="-10"), "amount", "negative"),
        (_stay(amount="ten euros"), "amount", "not an amount"),
        (_stay(amount="1.234"), "amount", "decimal places"),
        (_stay(room="R" * 21), "room", "20 characters"),
        (_stay(booking_ref="B" * 61), "booking_ref", "60 characters"),
        (_stay(room="1\n2"), "room", "line breaks, tabs or control characters"),
        (_stay(booking_ref="BK\x001"), "booking_ref", "line breaks, tabs or control characters"),
        (_stay(adults=-1), "adults", "0 to"),
        (_stay(adults=0, children=0), "adults", "at least one guest"),
        (_stay(channel="pigeon"), "channel", "booking came in"),
        (_stay(status="lost"), "status", "status"),
        (_stay(arrival=TODAY + timedelta(days=5), status="in_house", room="3"), "status", "keep it expected"),
        (_stay(status="in_house"), "room", "room"),
    ],
)
def test_bad_stays_are_refused_at_the_field(ctx: Context, data: StayInput, field: str, words: str) -> None:
    gid = make_guest(ctx)
    with pytest.raises(UserError) as err:
        add_stay(ctx, gid, data)
    assert field in err.value.field_errors and words in err.value.field_errors[field]
    assert _stay_count(ctx) == 0


def test_overlapping_stay_warns_and_saves_only_when_confirmed(ctx: Context) -> None:
    gid = make_guest(ctx)
    first = add_stay(ctx, gid, _stay(TODAY, 4, room="7")).stay_id
    with pytest.raises(StayNeedsConfirmation) as err:
        add_stay(ctx, gid, _stay(TODAY + timedelta(days=2), 3))
    assert len(err.value.warnings) == 1 and "22 Nov 2026 to 26 Nov 2026, room 7" in err.value.warnings[0]
    assert _stay_count(ctx) == 1
    confirmed = add_stay(ctx, gid, _stay(TODAY + timedelta(days=2), 3), confirm_overlap=True)
    assert confirmed.warnings == err.value.warnings
    assert _events(ctx, confirmed.stay_id)[0][1]["confirmed_warnings"] == list(err.value.warnings)
    # back-to-back stays (departure day = next arrival) do not overlap; cancelled ones never do
    add_stay(ctx, gid, _stay(TODAY + timedelta(days=10), 2))
    add_stay(ctx, gid, _stay(TODAY + timedelta(days=12), 2))
    cancel_stay(ctx, first)
    add_stay(ctx, gid, _stay(TODAY - timedelta(days=1), 2, status="cancelled"))
    # another guest's stay at the same time is no concern
    add_stay(ctx, make_guest(ctx, "Other"), _stay(TODAY, 4))


def test_editing_a_stay_into_an_overlap_warns_too(ctx: Context) -> None:
    gid = make_guest(ctx)
    add_stay(ctx, gid, _stay(TODAY, 2))
    later = add_stay(ctx, gid, _stay(TODAY + timedelta(days=5), 2)).stay_id
    update_stay(ctx, later, _stay(TODAY + timedelta(days=4), 3, room="9"))  # no clash: saved
    with pytest.raises(StayNeedsConfirmation):
        update_stay(ctx, later, _stay(TODAY + timedelta(days=1), 3))
    assert get_stay(ctx, later).arrival == TODAY + timedelta(days=4)
    update_stay(ctx, later, _stay(TODAY + timedelta(days=1), 3), confirm_overlap=True)
    assert get_stay(ctx, later).arrival == TODAY + timedelta(days=1)


def test_blocklisted_guest_warns_before_a_stay_is_recorded(ctx: Context) -> None:
    gid = make_guest(ctx, blocklisted=True, blocklist_reason="Damaged the room in 2024")
    with pytest.raises(StayNeedsConfirmation) as err:
        add_stay(ctx, gid, _stay())
    assert err.value.warnings == ("This guest is blocklisted: Damaged the room in 2024",)
    assert _stay_count(ctx) == 0
    assert add_stay(ctx, gid, _stay(), confirm_overlap=True).stay_id


def test_check_in_and_out_with_one_action_each(ctx: Context, clock: FakeClock) -> None:
    gid = make_guest(ctx)
    stay_id = add_stay(ctx, gid, _stay(TODAY, 3)).stay_id
    with pytest.raises(UserError) as err:
        check_in(ctx, stay_id)
    assert "room" in err.value.field_errors  # no room yet
    update_stay(ctx, stay_id, _stay(TODAY, 3, room="21"))
    row = check_in(ctx, stay_id)
    assert row.status == "in_house" and row.checked_in_at == clock.now
    with pytest.raises(UserError, match="in house; only an expected stay can be checked in"):
        check_in(ctx, stay_id)
    with pytest.raises(UserError, match="only an expected stay can be cancelled"):
        cancel_stay(ctx, stay_id)
    clock.advance(days=3)
    row = check_out(ctx, stay_id)
    assert (
        row.status == "checked_out"
        and row.checked_out_at == clock.now
        and row.departure == TODAY + timedelta(3)
    )
    with pytest.raises(UserError, match="checked out; only an in-house stay can be checked out"):
        check_out(ctx, stay_id)
    assert [a for a, _ in _events(ctx, stay_id)] == [
        "stay_add",
        "stay_update",
        "stay_check_in",
        "stay_check_out",
    ]
    assert get_profile(ctx, gid).facts.completed_stays == 1


def test_check_in_refused_before_the_arrival_day_and_early_departure_shortens(
    ctx: Context, clock: FakeClock
) -> None:
    gid = make_guest(ctx)
    future = add_stay(ctx, gid, _stay(TODAY + timedelta(days=2), 2, room="5")).stay_id
    with pytest.raises(UserError, match="arrives on 24 Nov 2026"):
        check_in(ctx, future)
    with pytest.raises(UserError, match="cannot be a no-show before then"):
        mark_no_show(ctx, future)
    stay_id = add_stay(ctx, make_guest(ctx, "Early"), _stay(TODAY, 5, room="6")).stay_id
    check_in(ctx, stay_id)
    clock.advance(days=2)
    assert check_out(ctx, stay_id).departure == TODAY + timedelta(days=2)


def test_check_in_can_give_the_room_in_the_same_step(ctx: Context) -> None:
    stay_id = add_stay(ctx, make_guest(ctx), _stay(TODAY, 2)).stay_id
    with pytest.raises(UserError) as err:
        check_in(ctx, stay_id, room="   ")
    assert "room" in err.value.field_errors
    with pytest.raises(UserError) as err:
        check_in(ctx, stay_id, room="R" * 21)
    assert "20 characters" in err.value.field_errors["room"]
    assert get_stay(ctx, stay_id).status == "expected" and get_stay(ctx, stay_id).room == ""
    row = check_in(ctx, stay_id, room=" 21 ")
    assert (row.status, row.room) == ("in_house", "21")
    action, changes = _events(ctx, stay_id)[-1]
    assert action == "stay_check_in" and changes["room"] == ["", "21"]


def test_checking_in_a_blocklisted_guest_needs_confirming(ctx: Context) -> None:
    gid = make_guest(ctx, blocklisted=True, blocklist_reason="Unpaid bill")
    stay_id = add_stay(ctx, gid, _stay(TODAY, 2, room="4"), confirm_overlap=True).stay_id
    with pytest.raises(StayNeedsConfirmation) as err:
        check_in(ctx, stay_id)
    assert err.value.warnings == ("This guest is blocklisted: Unpaid bill",)
    assert get_stay(ctx, stay_id).status == "expected"
    # a missing room is asked for before the blocklist (the desk confirms once, with everything ready)
    other = add_stay(ctx, gid, _stay(TODAY + timedelta(days=5), 1), confirm_overlap=True).stay_id
    with pytest.raises(UserError, match="arrives on"):
        check_in(ctx, other, confirm_blocklist=True)
    row = check_in(ctx, stay_id, confirm_blocklist=True)
    assert row.status == "in_house"
    action, changes = _events(ctx, stay_id)[-1]
    assert action == "stay_check_in"
    assert changes["confirmed_warnings"] == ["This guest is blocklisted: Unpaid bill"]


def test_cancel_and_no_show(ctx: Context) -> None:
    gid = make_guest(ctx)
    a = add_stay(ctx, gid, _stay(TODAY, 1)).stay_id
    b = add_stay(ctx, gid, _stay(TODAY + timedelta(days=3), 1)).stay_id
    assert mark_no_show(ctx, a).status == "no_show"
    assert cancel_stay(ctx, b).status == "cancelled"
    with pytest.raises(UserError, match="no-show; only an expected stay can be checked in"):
        check_in(ctx, a)


def test_stays_page_is_newest_first_and_pages_cleanly(ctx: Context) -> None:
    gid = make_guest(ctx)
    add_history(ctx, gid, 23)
    pages = [stays_page(ctx, gid, offset, 10) for offset in (0, 10, 20, 30)]
    assert [len(p) for p in pages] == [10, 10, 3, 0]
    arrivals = [r.arrival for p in pages for r in p]
    assert arrivals == sorted(arrivals, reverse=True) and len(set(arrivals)) == 23


def test_current_or_latest_stay(ctx: Context) -> None:
    gid = make_guest(ctx)
    assert current_or_latest_stay(ctx, gid) is None
    add_history(ctx, gid, 2, start=date(2025, 1, 1))
    latest = current_or_latest_stay(ctx, gid)
    assert latest is not None and latest.arrival == date(2025, 1, 15)
    far = add_stay(ctx, gid, _stay(TODAY + timedelta(days=40), 2)).stay_id
    near = add_stay(ctx, gid, _stay(TODAY + timedelta(days=10), 2)).stay_id
    assert current_or_latest_stay(ctx, gid).id not in (far, near)  # type: ignore[union-attr]
    today = add_stay(ctx, gid, _stay(TODAY, 2, room="4")).stay_id
    assert current_or_latest_stay(ctx, gid).id == today  # type: ignore[union-attr]
    check_in(ctx, today)
    assert current_or_latest_stay(ctx, gid).id == today  # type: ignore[union-attr]
    other = make_guest(ctx, "Future")
    add_stay(ctx, other, _stay(TODAY + timedelta(days=40), 2))
    near_other = add_stay(ctx, other, _stay(TODAY + timedelta(days=10), 2)).stay_id
    assert current_or_latest_stay(ctx, other).id == near_other  # type: ignore[union-attr]


def test_stay_input_round_trips_through_the_form(ctx: Context) -> None:
    gid = make_guest(ctx)
    stay_id = add_stay(ctx, gid, _stay(amount="250.5", room="3", adults=2, children=1)).stay_id
    data = stay_input(get_stay(ctx, stay_id), "EUR")
    assert data.amount == "€250.50"
    update_stay(ctx, stay_id, replace(data, room="4"))
    row = get_stay(ctx, stay_id)
    assert (row.amount_minor, row.room, row.adults, row.children) == (25050, "4", 2, 1)
    assert _events(ctx, stay_id)[-1][1] == {"room": ["3", "4"]}


def test_stay_permissions(reception_ctx: Context, monkeypatch: pytest.MonkeyPatch) -> None:
    gid = make_guest(reception_ctx)
    stay_id = add_stay(reception_ctx, gid, _stay(room="1")).stay_id
    monkeypatch.setitem(
        permissions.GRANTS, Role.RECEPTIONIST, frozenset({permissions.Permission.VIEW_GUESTS})
    )
    for call in (
        lambda: add_stay(reception_ctx, gid, _stay(TODAY + timedelta(days=9))),
        lambda: update_stay(reception_ctx, stay_id, _stay(room="2")),
        lambda: check_in(reception_ctx, stay_id),
        lambda: check_out(reception_ctx, stay_id),
        lambda: cancel_stay(reception_ctx, stay_id),
        lambda: mark_no_show(reception_ctx, stay_id),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert len(stays_page(reception_ctx, gid, 0, 10)) == 1  # viewing still allowed
    monkeypatch.setitem(permissions.GRANTS, Role.RECEPTIONIST, frozenset())
    with pytest.raises(PermissionDenied):
        stays_page(reception_ctx, gid, 0, 10)
