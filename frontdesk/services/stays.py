"""Stays: record and edit a guest's visits, check in and out, and page through the history.

A stay that overlaps another of the same guest, or a stay for a blocklisted guest, is
never saved silently: the first call raises ``StayNeedsConfirmation`` listing the
warnings, and the desk repeats it with ``confirm_overlap=True`` once someone agreed.
Each write updates the guest's search-index entry (room, booking reference, last stay)
in the same transaction.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import case
from sqlalchemy.orm import object_session
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.models import Guest, Stay, StayChannel, StayStatus
from frontdesk.money import format_money, parse_money
from frontdesk.search.index import index_guests
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, require
from frontdesk.services.regional import regional

STATUS_WORDS: dict[str, str] = {
    StayStatus.EXPECTED.value: "Expected",
    StayStatus.IN_HOUSE.value: "In house",
    StayStatus.CHECKED_OUT.value: "Checked out",
    StayStatus.CANCELLED.value: "Cancelled",
    StayStatus.NO_SHOW.value: "No-show",
}
CHANNEL_WORDS: dict[str, str] = {
    StayChannel.DIRECT.value: "Direct",
    StayChannel.PHONE.value: "Phone",
    StayChannel.EMAIL.value: "Email",
    StayChannel.WALK_IN.value: "Walk-in",
    StayChannel.WEBSITE.value: "Website",
    StayChannel.BOOKING_COM.value: "Booking.com",
    StayChannel.EXPEDIA.value: "Expedia",
    StayChannel.OTHER.value: "Other",
}
# Stays that did not or will not happen do not clash with others.
_NOT_OCCUPYING = (StayStatus.CANCELLED.value, StayStatus.NO_SHOW.value)
_STARTED = (StayStatus.IN_HOUSE.value, StayStatus.CHECKED_OUT.value, StayStatus.NO_SHOW.value)
MAX_GUESTS_PER_ROOM = 20
MAX_NIGHTS = 366
YEARS = (1900, 2100)


class StayWords:
    """What any row describing one stay says about it; mixed into the row dataclasses (no fields)."""

    arrival: date
    departure: date
    status: str  # a StayStatus value

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days

    @property
    def status_word(self) -> str:
        return STATUS_WORDS.get(self.status, self.status)


@dataclass(frozen=True)
class StayRow(StayWords):
    id: int
    guest_id: int
    arrival: date
    departure: date
    room: str
    adults: int
    children: int
    status: str
    channel: str
    booking_ref: str
    amount_minor: int
    checked_in_at: datetime | None
    checked_out_at: datetime | None

    @property
    def channel_word(self) -> str:
        return CHANNEL_WORDS.get(self.channel, self.channel)


def stay_row(stay: Stay) -> StayRow:
    assert stay.id is not None
    return StayRow(
        id=stay.id,
        guest_id=stay.guest_id,
        arrival=stay.arrival,
        departure=stay.departure,
        room=stay.room,
        adults=stay.adults,
        children=stay.children,
        status=stay.status,
        channel=stay.channel,
        booking_ref=stay.booking_ref,
        amount_minor=stay.amount_minor,
        checked_in_at=stay.checked_in_at,
        checked_out_at=stay.checked_out_at,
    )


@dataclass
class StayInput:
    """What the stay form holds; ``amount`` is text in the business currency ("1,234.50")."""

    arrival: date | None = None
    departure: date | None = None
    room: str = ""
    adults: int = 1
    children: int = 0
    channel: str = StayChannel.DIRECT.value
    booking_ref: str = ""
    amount: str = ""
    status: str = StayStatus.EXPECTED.value


@dataclass(frozen=True)
class StayResult:
    stay_id: int
    warnings: tuple[str, ...] = ()  # the warnings the desk confirmed before saving


class StayNeedsConfirmation(UserError):
    """Nothing was saved: the desk must confirm the warnings and repeat with ``confirm_overlap=True``."""

    def __init__(self, warnings: list[str], *, about_dates: bool = False) -> None:
        super().__init__(" ".join(warnings))
        self.warnings: tuple[str, ...] = tuple(warnings)
        self.about_dates = about_dates  # an overlapping stay: the dates are what to change


def reindex(session: Session, guest_ids: list[int]) -> None:
    """Refresh the guests' search-index entries inside the caller's transaction.

    The one call site for writers (stays, guests, imports, merge, privacy), so the index
    never disagrees with the rows it mirrors.
    """
    index_guests(session, guest_ids)


# --- validation ----------------------------------------------------------------------------


def validate_stay_input(session: Session, ctx: Context, data: StayInput) -> dict[str, Any]:
    """Field values ready for the Stay row, or a UserError naming every bad field.

    The one validation path for the stay dialog and the CSV import (overlap warnings are
    separate: an import brings history as recorded elsewhere).
    """
    errors: dict[str, str] = {}
    if data.arrival is None:
        errors["arrival"] = "Enter the arrival date."
    if data.departure is None:
        errors["departure"] = "Enter the departure date."
    elif data.arrival is not None and data.departure <= data.arrival:
        errors["departure"] = "Departure must be after arrival (at least one night)."
    elif data.arrival is not None and (data.departure - data.arrival).days > MAX_NIGHTS:
        # A mistyped year (2062 for 2026) would otherwise count decades of nights as history.
        errors["departure"] = f"A stay can have at most {MAX_NIGHTS} nights; check the year."
    for name, day in (("arrival", data.arrival), ("departure", data.departure)):
        if day is not None and not YEARS[0] <= day.year <= YEARS[1]:
            errors[name] = (
                f"{day.isoformat()} is not a plausible date; check the year ({YEARS[0]}–{YEARS[1]})."
            )
    room = (data.room or "").strip()
    if len(room) > 20:
        errors["room"] = "A room number can have at most 20 characters."
    booking_ref = (data.booking_ref or "").strip()
    if len(booking_ref) > 60:
        errors["booking_ref"] = "A booking reference can have at most 60 characters."
    for name, word, value in (
        ("room", "A room number", room),
        ("booking_ref", "A booking reference", booking_ref),
    ):
        if name not in errors and any(unicodedata.category(ch) == "Cc" for ch in value):
            errors[name] = f"{word} cannot contain line breaks, tabs or control characters."
    for name, word in (("adults", "Adults"), ("children", "Children")):
        value = getattr(data, name)
        if not isinstance(value, int) or value < 0 or value > MAX_GUESTS_PER_ROOM:
            errors[name] = f"{word}: a number from 0 to {MAX_GUESTS_PER_ROOM}."
    if "adults" not in errors and "children" not in errors and data.adults + data.children == 0:
        errors["adults"] = "A stay needs at least one guest."
    if data.channel not in CHANNEL_WORDS:
        errors["channel"] = "Choose how the booking came in."
    status = data.status
    if status not in STATUS_WORDS:
        errors["status"] = "Choose a status."
    elif status in _STARTED and data.arrival is not None and data.arrival > ctx.today():
        errors["status"] = (
            f"A stay arriving on {data.arrival:%d %b %Y} cannot be "
            f"{STATUS_WORDS[status].lower()} yet; keep it expected."
        )
    elif status == StayStatus.IN_HOUSE.value and not room:
        errors["room"] = "Enter the room: an in-house guest needs one."
    region = regional(session)
    amount = 0
    try:
        amount = parse_money(data.amount or "", region.currency, region.locale, field="amount")
    except UserError as exc:
        errors.update(exc.field_errors)
    if errors:
        first = next(iter(errors.values()))
        raise UserError(first if len(errors) == 1 else f"Please correct {len(errors)} fields.", errors)
    return {
        "arrival": data.arrival,
        "departure": data.departure,
        "room": room,
        "adults": data.adults,
        "children": data.children,
        "channel": data.channel,
        "booking_ref": booking_ref,
        "amount_minor": amount,
        "status": status,
    }


def _warnings(
    session: Session, guest: Guest, values: dict[str, Any], stay_id: int | None, *, blocklist: bool = True
) -> tuple[list[str], bool]:
    """What the desk must confirm, and whether any of it is about the dates (an overlap)."""
    found: list[str] = []
    overlap = False
    if blocklist and guest.blocklisted:
        found.append(f"This guest is blocklisted: {guest.blocklist_reason}")
    if values["status"] not in _NOT_OCCUPYING:
        stmt = select(Stay).where(
            Stay.guest_id == guest.id,
            Stay.arrival < values["departure"],
            Stay.departure > values["arrival"],
            Stay.status.not_in(_NOT_OCCUPYING),  # type: ignore[attr-defined]
        )
        if stay_id is not None:
            stmt = stmt.where(Stay.id != stay_id)
        for other in session.exec(stmt.order_by(Stay.arrival)).all():  # type: ignore[arg-type]
            room = f", room {other.room}" if other.room else ""
            found.append(
                f"This guest already has a stay from {other.arrival:%d %b %Y} to "
                f"{other.departure:%d %b %Y}{room} ({STATUS_WORDS.get(other.status, other.status).lower()})."
            )
            overlap = True
    return found, overlap


def _stamp_status(ctx: Context, stay: Stay) -> None:
    if (
        stay.status in (StayStatus.IN_HOUSE.value, StayStatus.CHECKED_OUT.value)
        and stay.checked_in_at is None
    ):
        stay.checked_in_at = ctx.now()
    if stay.status == StayStatus.CHECKED_OUT.value and stay.checked_out_at is None:
        stay.checked_out_at = ctx.now()


def _snapshot(stay: Stay) -> dict[str, Any]:
    names = (
        "arrival", "departure", "room", "adults", "children", "channel", "booking_ref",
        "amount_minor", "status", "checked_in_at", "checked_out_at",
    )  # fmt: skip
    return {name: getattr(stay, name) for name in names}


# --- use cases -----------------------------------------------------------------------------


def add_stay(ctx: Context, guest_id: int, data: StayInput, *, confirm_overlap: bool = False) -> StayResult:
    """Record a stay. ``confirm_overlap`` confirms every warning (overlap, blocklist) shown."""
    require(ctx, Permission.EDIT_GUESTS)
    with ctx.db.session(write=True) as session:
        guest = _guest(session, guest_id)
        values = validate_stay_input(session, ctx, data)
        warnings, overlap = _warnings(session, guest, values, None)
        if warnings and not confirm_overlap:
            raise StayNeedsConfirmation(warnings, about_dates=overlap)
        now = ctx.now()
        stay = Stay(
            guest_id=guest_id,
            **values,
            created_at=now,
            updated_at=now,
            created_by_id=ctx.actor.id,
            updated_by_id=ctx.actor.id,
        )
        _stamp_status(ctx, stay)
        session.add(stay)
        session.flush()
        assert stay.id is not None
        changes: dict[str, Any] = audit.diff({}, _snapshot(stay))
        changes["guest_id"] = guest_id
        if warnings:
            changes["confirmed_warnings"] = warnings
        audit.record(session, ctx, "stay_add", "stay", stay.id, changes)
        reindex(session, [guest_id])
        return StayResult(stay.id, tuple(warnings))


def update_stay(ctx: Context, stay_id: int, data: StayInput, *, confirm_overlap: bool = False) -> StayResult:
    require(ctx, Permission.EDIT_GUESTS)
    with ctx.db.session(write=True) as session:
        stay = _stay(session, stay_id)
        guest = _guest(session, stay.guest_id)
        values = validate_stay_input(session, ctx, data)
        # Re-warn about the blocklist only when the stay is new; an edit warns about clashes it creates.
        warnings, overlap = _warnings(session, guest, values, stay_id, blocklist=False)
        if warnings and not confirm_overlap:
            raise StayNeedsConfirmation(warnings, about_dates=overlap)
        before = _snapshot(stay)
        for name, value in values.items():
            setattr(stay, name, value)
        _stamp_status(ctx, stay)
        changes: dict[str, Any] = audit.diff(before, _snapshot(stay))
        if not changes:
            return StayResult(stay_id)
        stay.updated_at = ctx.now()
        stay.updated_by_id = ctx.actor.id
        if warnings:
            changes["confirmed_warnings"] = warnings
        audit.record(session, ctx, "stay_update", "stay", stay_id, changes)
        reindex(session, [stay.guest_id])
        return StayResult(stay_id, tuple(warnings))


def check_in(
    ctx: Context, stay_id: int, *, room: str | None = None, confirm_blocklist: bool = False
) -> StayRow:
    """Expected → in house, stamped now. Needs a room, and the arrival day to have come.

    ``room`` gives the room at the desk's moment of check-in (the arrivals list asks for
    it when the booking had none); it is saved in the same transaction. A blocklisted
    guest is never checked in silently: ``StayNeedsConfirmation`` first, then the call
    again with ``confirm_blocklist=True`` once someone agreed (the audit keeps the warning).
    """
    confirmed: list[str] = []

    def apply(stay: Stay) -> None:
        _expect_status(stay, StayStatus.EXPECTED, "checked in")
        if stay.arrival > ctx.today():
            raise UserError(
                f"This stay arrives on {stay.arrival:%d %b %Y}. "
                "Change the arrival date to check the guest in today."
            )
        if room is not None and room.strip():
            if len(room.strip()) > 20:
                raise UserError.at("room", "A room number can have at most 20 characters.")
            stay.room = room.strip()
        if not stay.room.strip():
            raise UserError.at("room", "Enter the room before checking the guest in.")
        session = object_session(stay)
        guest = session.get(Guest, stay.guest_id) if session is not None else None
        if guest is not None and guest.blocklisted:
            warning = f"This guest is blocklisted: {guest.blocklist_reason}"
            if not confirm_blocklist:
                raise StayNeedsConfirmation([warning])
            confirmed.append(warning)
        stay.status = StayStatus.IN_HOUSE.value
        stay.checked_in_at = ctx.now()

    return _transition(ctx, stay_id, "stay_check_in", apply, confirmed)


def check_out(ctx: Context, stay_id: int) -> StayRow:
    """In house → checked out, stamped now. Leaving early shortens the stay to today."""

    def apply(stay: Stay) -> None:
        _expect_status(stay, StayStatus.IN_HOUSE, "checked out")
        stay.status = StayStatus.CHECKED_OUT.value
        stay.checked_out_at = ctx.now()
        today = ctx.today()
        if stay.arrival < today < stay.departure:
            stay.departure = today  # nights and figures then count what was stayed

    return _transition(ctx, stay_id, "stay_check_out", apply)


def cancel_stay(ctx: Context, stay_id: int) -> StayRow:
    def apply(stay: Stay) -> None:
        _expect_status(stay, StayStatus.EXPECTED, "cancelled")
        stay.status = StayStatus.CANCELLED.value

    return _transition(ctx, stay_id, "stay_cancel", apply)


def mark_no_show(ctx: Context, stay_id: int) -> StayRow:
    def apply(stay: Stay) -> None:
        _expect_status(stay, StayStatus.EXPECTED, "marked as a no-show")
        if stay.arrival > ctx.today():
            raise UserError(
                f"This stay arrives on {stay.arrival:%d %b %Y}; it cannot be a no-show before then."
            )
        stay.status = StayStatus.NO_SHOW.value

    return _transition(ctx, stay_id, "stay_no_show", apply)


def get_stay(ctx: Context, stay_id: int) -> StayRow:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        return stay_row(_stay(session, stay_id))


def stay_input(row: StayRow, currency: str, locale: str = "en_GB") -> StayInput:
    """A stay's values as the form shows them (amount as plain text in the business currency)."""
    amount = ""
    if row.amount_minor:
        amount = format_money(row.amount_minor, currency, locale)
    return StayInput(
        arrival=row.arrival,
        departure=row.departure,
        room=row.room,
        adults=row.adults,
        children=row.children,
        channel=row.channel,
        booking_ref=row.booking_ref,
        amount=amount,
        status=row.status,
    )


def stays_page(ctx: Context, guest_id: int, offset: int, limit: int) -> list[StayRow]:
    """One page of a guest's stays, newest arrival first (for a lazily fetching list)."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        rows = session.exec(
            select(Stay)
            .where(Stay.guest_id == guest_id)
            .order_by(Stay.arrival.desc(), Stay.id.desc())  # type: ignore[attr-defined,union-attr]
            .offset(max(offset, 0))
            .limit(max(limit, 0))
        ).all()
        return [stay_row(s) for s in rows]


def current_or_latest_stay(ctx: Context, guest_id: int) -> StayRow | None:
    """The stay a complaint or note most likely concerns.

    In house first; then an expected stay whose arrival day has come; then the latest
    completed stay; then the next expected one. Cancelled and no-show stays never.
    """
    require(ctx, Permission.VIEW_GUESTS)
    today = ctx.today()
    with ctx.db.session() as session:
        priority = case(
            (Stay.status == StayStatus.IN_HOUSE.value, 0),
            ((Stay.status == StayStatus.EXPECTED.value) & (Stay.arrival <= today), 1),
            (Stay.status == StayStatus.CHECKED_OUT.value, 2),
            else_=3,
        )
        candidates = session.exec(
            select(Stay)
            .where(Stay.guest_id == guest_id, Stay.status.not_in(_NOT_OCCUPYING))  # type: ignore[attr-defined]
            .order_by(priority, Stay.arrival.desc())  # type: ignore[attr-defined]
        ).all()
        if not candidates:
            return None
        best = candidates[0]
        if best.status == StayStatus.EXPECTED.value and best.arrival > today:
            # among future stays the nearest one, not the furthest
            best = min(
                (s for s in candidates if s.status == StayStatus.EXPECTED.value), key=lambda s: s.arrival
            )
        return stay_row(best)


# --- helpers -------------------------------------------------------------------------------


def _guest(session: Session, guest_id: int) -> Guest:
    guest = session.get(Guest, guest_id)
    if guest is None:
        raise UserError("That guest no longer exists.")
    if guest.anonymised_at is not None:
        raise UserError("This guest's personal data was erased; no stays can be recorded.")
    if guest.merged_into_id is not None:
        raise UserError("This record was merged into another guest; record the stay there.")
    return guest


def _stay(session: Session, stay_id: int) -> Stay:
    stay = session.get(Stay, stay_id)
    if stay is None:
        raise UserError("That stay no longer exists.")
    return stay


def _expect_status(stay: Stay, expected: StayStatus, verb: str) -> None:
    if stay.status != expected.value:
        now = STATUS_WORDS.get(stay.status, stay.status).lower()
        wanted = {StayStatus.EXPECTED: "an expected", StayStatus.IN_HOUSE: "an in-house"}[expected]
        raise UserError(f"This stay is {now}; only {wanted} stay can be {verb}.")


def _transition(
    ctx: Context, stay_id: int, action: str, apply: Any, confirmed: list[str] | None = None
) -> StayRow:
    require(ctx, Permission.EDIT_GUESTS)
    with ctx.db.session(write=True) as session:
        stay = _stay(session, stay_id)
        before = _snapshot(stay)
        apply(stay)
        stay.updated_at = ctx.now()
        stay.updated_by_id = ctx.actor.id
        changes: dict[str, Any] = audit.diff(before, _snapshot(stay))
        if confirmed:
            changes["confirmed_warnings"] = confirmed
        audit.record(session, ctx, action, "stay", stay_id, changes)
        reindex(session, [stay.guest_id])
        return stay_row(stay)
