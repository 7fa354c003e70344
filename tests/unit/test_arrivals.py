"""The arrivals list on a real SQLite file: which stays a day shows, in which order, with which facts."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from frontdesk.services.arrivals import (
    ANONYMISED_NAME,
    ArrivalRow,
    Section,
    arrivals_for,
    briefing_for,
    room_key,
)
from frontdesk.services.context import Context
from tests.conftest import FakeClock
from tests.guests_factories import (
    add_allergy,
    add_history,
    add_resolved_noise_complaint,
    make_guest,
    put_stay,
)

TODAY = date(2026, 11, 22)  # FakeClock's day
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
def ctx(admin_ctx: Context, clock: FakeClock) -> Context:
    return Context(admin_ctx.db, admin_ctx.actor, clock)


def _by_stay(rows: list[ArrivalRow]) -> dict[int, ArrivalRow]:
    return {r.stay_id: r for r in rows}


def test_today_shows_arrivals_and_in_house_and_nothing_else(ctx: Context) -> None:
    g = make_guest(ctx)
    arriving = put_stay(ctx, g, TODAY, room="12")
    checked_in_today = put_stay(ctx, make_guest(ctx, "Ng", "Anh"), TODAY, status="in_house", room="3")
    staying = put_stay(ctx, make_guest(ctx, "Weiß", "Jörg"), YESTERDAY, 3, status="in_house", room="7")
    overstaying = put_stay(ctx, make_guest(ctx, "Late", "Leo"), TODAY - timedelta(days=5), 2, "in_house")
    overdue = put_stay(ctx, make_guest(ctx, "Slow", "Sam"), YESTERDAY, 3)
    leaving_today = put_stay(ctx, make_guest(ctx, "Go", "Gil"), YESTERDAY, 1, status="in_house", room="9")
    # none of these belong on today's list
    other = make_guest(ctx, "Other", "Olga")
    put_stay(ctx, other, TODAY, status="cancelled")
    put_stay(ctx, other, YESTERDAY, status="no_show")
    put_stay(ctx, other, TOMORROW)
    put_stay(ctx, other, TODAY - timedelta(days=3), 3, status="checked_out")  # left this morning
    put_stay(ctx, other, TODAY - timedelta(days=9), 2)  # expected long ago, never came, never cleared

    rows = _by_stay(arrivals_for(ctx, TODAY))

    assert set(rows) == {arriving, checked_in_today, staying, overstaying, overdue, leaving_today}
    assert rows[arriving].section is Section.ARRIVING and rows[arriving].can_check_in
    assert rows[checked_in_today].section is Section.ARRIVING and not rows[checked_in_today].can_check_in
    assert rows[overdue].section is Section.ARRIVING and rows[overdue].overdue
    assert rows[staying].section is Section.IN_HOUSE and not rows[staying].departs_on_day
    assert rows[overstaying].section is Section.IN_HOUSE
    assert rows[leaving_today].section is Section.IN_HOUSE and rows[leaving_today].departs_on_day
    assert rows[staying].name == "Jörg Weiß" and rows[staying].room == "7"


def test_a_future_day_shows_what_is_booked(ctx: Context) -> None:
    day = TODAY + timedelta(days=10)
    g = make_guest(ctx)
    arriving = put_stay(ctx, g, day, room="4")
    staying = put_stay(ctx, make_guest(ctx, "Long", "Lou"), TODAY, 14, "in_house", room="1")
    booked_earlier = put_stay(ctx, make_guest(ctx, "Early", "Eve"), day - timedelta(days=2), 5)
    gone_by_then = make_guest(ctx, "Gone", "Gus")
    put_stay(ctx, gone_by_then, TODAY, 3, "in_house")
    put_stay(ctx, gone_by_then, day, status="cancelled")

    rows = _by_stay(arrivals_for(ctx, day))

    assert set(rows) == {arriving, staying, booked_earlier}
    assert rows[arriving].section is Section.ARRIVING and not rows[arriving].can_check_in
    assert rows[booked_earlier].section is Section.IN_HOUSE
    assert rows[staying].section is Section.IN_HOUSE


def test_a_past_day_shows_what_happened(ctx: Context) -> None:
    day = TODAY - timedelta(days=30)
    came = put_stay(ctx, make_guest(ctx), day, 2, "checked_out", room="5")
    was_in = put_stay(ctx, make_guest(ctx, "Stay", "Sue"), day - timedelta(days=1), 4, "checked_out")
    still_in = put_stay(ctx, make_guest(ctx, "Long", "Lou"), day - timedelta(days=2), 60, "in_house")
    never = make_guest(ctx, "Never", "Ned")
    put_stay(ctx, never, day, status="no_show")
    put_stay(ctx, never, day, status="cancelled")
    put_stay(ctx, never, day - timedelta(days=400), 2, "checked_out")

    rows = _by_stay(arrivals_for(ctx, day))

    assert set(rows) == {came, was_in, still_in}
    assert rows[came].section is Section.ARRIVING and not rows[came].can_check_in
    assert not rows[came].overdue
    assert rows[was_in].section is Section.IN_HOUSE and rows[still_in].section is Section.IN_HOUSE


def test_each_row_carries_the_guests_facts(ctx: Context) -> None:
    g = make_guest(
        ctx, "Öztürk", "Şükrü", title="Mr", vip_level=2, blocklisted=True, blocklist_reason="Unpaid"
    )
    add_history(ctx, g, 3, start=date(2026, 1, 5))
    add_allergy(ctx, g, "peanuts")
    add_allergy(ctx, g, "never room 12", kind="alert")
    add_allergy(ctx, g, "quiet room", kind="like")
    add_allergy(ctx, g, "feather pillows", kind="dislike")
    add_resolved_noise_complaint(ctx, g)
    first_timer = make_guest(ctx, "Новикова", "Анна")
    put_stay(ctx, g, TODAY, room="21", adults=2, children=1)
    put_stay(ctx, first_timer, TODAY)

    rows = {r.guest_id: r for r in arrivals_for(ctx, TODAY)}

    row = rows[g]
    assert row.name == "Mr Şükrü Öztürk"
    assert row.returning_text == "4th stay — last in February 2026"
    assert row.facts.completed_stays == 3 and row.facts.vip_level == 2
    assert row.facts.blocklisted and row.facts.blocklist_reason == "Unpaid"
    assert (row.allergies, row.alerts, row.likes, row.dislikes) == (
        ["peanuts"],
        ["never room 12"],
        ["quiet room"],
        ["feather pillows"],
    )
    assert row.complaint_summaries == ["noise — resolved with room move and upgrade; guest satisfied"]
    assert row.guests_text == "2 adults, 1 child" and row.dates_text == "22 Nov – 24 Nov 2026 · 2 nights"
    newcomer = rows[first_timer]
    assert newcomer.name == "Анна Новикова" and newcomer.returning_text == "First stay"
    assert not newcomer.facts.preferences and not newcomer.complaint_summaries


def test_order_is_arriving_then_in_house_each_by_room_then_name(ctx: Context) -> None:
    for last, room in (("Zed", "10"), ("Abe", ""), ("Moe", "2"), ("Kai", "10A"), ("Bob", "B1"), ("Ann", "2")):
        put_stay(ctx, make_guest(ctx, last, "X"), TODAY, room=room)
    put_stay(ctx, make_guest(ctx, "First", "In"), YESTERDAY, 2, "in_house", room="1")
    names = [r.name.split()[-1] for r in arrivals_for(ctx, TODAY)]
    assert names == ["Ann", "Moe", "Zed", "Kai", "Bob", "Abe", "First"]


def test_room_key_orders_like_a_corridor() -> None:
    rooms = ["B1", "", "10", "2", "10a", "101", " 3 ", "A"]
    assert sorted(rooms, key=room_key) == ["2", " 3 ", "10", "10a", "101", "A", "B1", ""]


def test_an_anonymised_guest_shows_no_name(ctx: Context) -> None:
    g = make_guest(ctx, "Private", "Pat")
    put_stay(ctx, g, YESTERDAY, 3, "in_house", room="8")
    from frontdesk.models import Guest

    with ctx.db.session(write=True) as s:
        guest = s.get(Guest, g)
        assert guest is not None
        guest.anonymised_at = ctx.now()
    (row,) = arrivals_for(ctx, TODAY)
    assert row.name == ANONYMISED_NAME


def test_an_empty_day_is_an_empty_list(ctx: Context) -> None:
    assert arrivals_for(ctx, TODAY) == []
    assert briefing_for(ctx, TODAY).rows == ()


def test_query_count_does_not_grow_with_the_number_of_guests(ctx: Context) -> None:
    """Facts are read in batches: a busy day costs the same round trips as a quiet one."""

    def statements_for_day() -> int:
        count = 0

        def on_execute(*_args: object) -> None:
            nonlocal count
            count += 1

        event.listen(ctx.db.engine, "before_cursor_execute", on_execute)
        try:
            arrivals_for(ctx, TODAY)
        finally:
            event.remove(ctx.db.engine, "before_cursor_execute", on_execute)
        return count

    first = make_guest(ctx)
    add_resolved_noise_complaint(ctx, first)
    add_allergy(ctx, first)
    put_stay(ctx, first, TODAY)
    quiet = statements_for_day()
    for i in range(40):
        g = make_guest(ctx, f"Busy{i}", "B")
        add_allergy(ctx, g)
        add_resolved_noise_complaint(ctx, g)
        add_history(ctx, g, 2)
        put_stay(ctx, g, TODAY if i % 2 else YESTERDAY, 3, "expected" if i % 2 else "in_house")
    assert len(arrivals_for(ctx, TODAY)) == 41
    assert statements_for_day() == quiet


def test_briefing_names_the_business_and_who_printed_it(ctx: Context) -> None:
    put_stay(ctx, make_guest(ctx), TODAY)
    put_stay(ctx, make_guest(ctx, "Inn", "Ida"), YESTERDAY, 2, "in_house")
    briefing = briefing_for(ctx, TODAY)
    assert briefing.business_name == "Hotel Test" and briefing.printed_by == "Ada Admin"
    assert briefing.printed_at == ctx.now()
    assert [r.name for r in briefing.arriving] == ["John Smith"]
    assert [r.name for r in briefing.in_house] == ["Ida Inn"]


def test_every_role_may_read_the_day(ctx: Context, reception_ctx: Context) -> None:
    put_stay(ctx, make_guest(ctx), TODAY)
    assert len(arrivals_for(ctx.as_actor(reception_ctx.actor), TODAY)) == 1


def _plans(ctx: Context, day: date) -> dict[str, str]:
    """SQLite's query plan for every SELECT ``arrivals_for`` runs, by statement.

    Traced in SQLite itself (the statement with its values), so that statements sent to
    the driver directly (guest_facts) are seen as well as those sent through SQLAlchemy.
    """
    statements: list[str] = []
    traced: list[sqlite3.Connection] = []

    def capture(statement: str) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            statements.append(statement)

    def trace(dbapi_connection: sqlite3.Connection, *_rest: object) -> None:
        dbapi_connection.set_trace_callback(capture)
        traced.append(dbapi_connection)

    event.listen(ctx.db.engine, "checkout", trace)
    try:
        arrivals_for(ctx, day)
    finally:
        event.remove(ctx.db.engine, "checkout", trace)
        for connection in traced:
            connection.set_trace_callback(None)
    with ctx.db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        return {
            sql: " | ".join(row[3] for row in raw.execute(f"EXPLAIN QUERY PLAN {sql}")) for sql in statements
        }


@pytest.mark.parametrize("offset", [0, -100])
def test_no_query_walks_every_completed_stay(ctx: Context, offset: int) -> None:
    """Without ANALYZE statistics SQLite likes the status index; at 100,000 guests its walk over
    every completed stay took 240 ms where the guest index takes well under 1 ms."""
    for i in range(4):  # from three ids in the IN list on, the planner turned to the status index
        g = make_guest(ctx, f"Guest{i}")
        add_history(ctx, g, 3)
        put_stay(ctx, g, TODAY + timedelta(days=offset), status="expected" if offset == 0 else "checked_out")
    plans = _plans(ctx, TODAY + timedelta(days=offset))
    facts = [plan for sql, plan in plans.items() if "count(*)" in sql and "FROM stay" in sql]
    assert len(facts) == 1 and "ix_stay_guest_arrival (guest_id=?)" in facts[0], facts
    assert not [plan for plan in plans.values() if "SCAN stay" in plan], plans
    if offset:  # a past day reads completed stays: never through the status index
        assert not [plan for plan in plans.values() if "ix_stay_status_room" in plan], plans
