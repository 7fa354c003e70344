"""Test data for complaints: guests, stays and contexts on a clock tests move by hand."""

from __future__ import annotations

import time
from datetime import date

import pytest
from sqlmodel import Session

from frontdesk.models import Guest, Preference, Stay
from frontdesk.services.complaints import ComplaintInput, log_complaint
from frontdesk.services.context import Context


def use_utc(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin the desk's local time zone, so calendar days are the same on every machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def on_clock(ctx: Context, clock: object) -> Context:
    return Context(ctx.db, ctx.actor, clock)  # type: ignore[arg-type]


def add_guest(session: Session, last: str, first: str = "Ana") -> int:
    guest = Guest(first_name=first, last_name=last)
    session.add(guest)
    session.flush()
    assert guest.id is not None
    return guest.id


def add_stay(
    session: Session,
    guest_id: int,
    arrival: date,
    departure: date,
    status: str = "checked_out",
    amount_minor: int = 0,
    room: str = "",
) -> int:
    stay = Stay(
        guest_id=guest_id,
        arrival=arrival,
        departure=departure,
        status=status,
        amount_minor=amount_minor,
        room=room,
    )
    session.add(stay)
    session.flush()
    assert stay.id is not None
    return stay.id


def guest_in_house(ctx: Context, last: str = "Nowak", amount_minor: int = 40000) -> tuple[int, int]:
    """A guest in house today (the clock's date) in room 12, with an earlier stay."""
    today = ctx.today()
    with ctx.db.session(write=True) as s:
        gid = add_guest(s, last)
        add_stay(s, gid, date(today.year - 1, 3, 1), date(today.year - 1, 3, 4), amount_minor=30000)
        sid = add_stay(
            s,
            gid,
            today.replace(day=1) if today.day > 1 else today,
            date.fromordinal(today.toordinal() + 3),
            status="in_house",
            amount_minor=amount_minor,
            room="12",
        )
    return gid, sid


def quick_complaint(ctx: Context, guest_id: int | None = None, **kw: object) -> int:
    fields: dict[str, object] = {"category": "noise", "guest_words": "The bar was loud all night."}
    if guest_id is None:
        fields["walk_in_name"] = "Walk-in Person"
    fields.update(kw)
    return log_complaint(ctx, ComplaintInput(guest_id=guest_id, **fields))  # type: ignore[arg-type]


def add_preference(ctx: Context, guest_id: int, kind: str, text: str, category: str = "other") -> None:
    with ctx.db.session(write=True) as s:
        s.add(Preference(guest_id=guest_id, kind=kind, category=category, text=text))
