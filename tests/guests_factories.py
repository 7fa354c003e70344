"""Test data for guest and stay tests (the guests helper's; not shared fixtures)."""

from __future__ import annotations

from datetime import date, timedelta

from frontdesk.models import Complaint, Preference, RecoveryAction, Stay
from frontdesk.services.context import Context
from frontdesk.services.guests import GuestInput, create_guest


def make_guest(ctx: Context, last: str = "Smith", first: str = "John", **extra: object) -> int:
    return create_guest(ctx, GuestInput(last_name=last, first_name=first, **extra))  # type: ignore[arg-type]


def add_history(
    ctx: Context, guest_id: int, count: int, *, start: date = date(2020, 1, 6), amount_minor: int = 20000
) -> None:
    """``count`` completed stays of two nights, a fortnight apart (written directly: fast)."""
    with ctx.db.session(write=True) as s:
        for i in range(count):
            arrival = start + timedelta(days=14 * i)
            s.add(
                Stay(
                    guest_id=guest_id,
                    arrival=arrival,
                    departure=arrival + timedelta(days=2),
                    room=str(100 + i % 30),
                    status="checked_out",
                    amount_minor=amount_minor,
                )
            )


def add_allergy(ctx: Context, guest_id: int, text: str = "peanuts", kind: str = "allergy") -> None:
    with ctx.db.session(write=True) as s:
        s.add(Preference(guest_id=guest_id, kind=kind, category="food_drink", text=text))


def add_resolved_noise_complaint(ctx: Context, guest_id: int) -> None:
    """An earlier complaint: noise, resolved with a room move and an upgrade, guest satisfied."""
    with ctx.db.session(write=True) as s:
        complaint = Complaint(
            guest_id=guest_id,
            category="noise",
            guest_words="Loud party next door",
            status="resolved",
            outcome="satisfied",
        )
        s.add(complaint)
        s.flush()
        assert complaint.id is not None
        s.add(RecoveryAction(complaint_id=complaint.id, kind="room_move"))
        s.add(RecoveryAction(complaint_id=complaint.id, kind="upgrade"))


def put_stay(
    ctx: Context,
    guest_id: int,
    arrival: date,
    nights: int = 2,
    status: str = "expected",
    room: str = "",
    **extra: object,
) -> int:
    """One stay in any status, written directly (the desk's rules are tested elsewhere)."""
    with ctx.db.session(write=True) as s:
        stay = Stay(
            guest_id=guest_id,
            arrival=arrival,
            departure=arrival + timedelta(days=nights),
            status=status,
            room=room,
            **extra,  # type: ignore[arg-type]
        )
        s.add(stay)
        s.flush()
        assert stay.id is not None
        return stay.id
