"""A day at the desk: who arrives, who is in house, and what the team must know about each.

One list per day for the arrivals view and the morning briefing: every row carries the
guest's facts (returning badge and stay count, likes, dislikes, allergies, alerts,
earlier complaints with their outcome, VIP, blocklist), read for all guests of the day
in a handful of queries (``guest_facts.facts_for``), so a busy day costs the same few
round trips as a quiet one.

Which stays a day shows depends on whether the day has come:

* today or later: stays still to happen or happening — expected or in house;
* a past day: what did happen — in house or checked out.

"Arriving" means the stay's arrival is that day. "In house" means an earlier arrival
and a departure on or after that day (a guest leaving that morning is still in house
for the briefing); today, every in-house stay counts, even one past its departure date,
because the guest has not been checked out. Cancelled stays and no-shows never appear.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import and_, or_
from sqlmodel import Session, select

from frontdesk.models import BusinessSettings, Guest, PaperSize, PreferenceKind, Stay, StayStatus
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import GuestFacts, facts_for, returning_text
from frontdesk.services.guests import display_name
from frontdesk.services.permissions import Permission, require
from frontdesk.services.stays import StayWords

COMPLAINTS_PER_GUEST = 3
ANONYMISED_NAME = "(anonymised guest)"
# A past day's in-house list looks back this far for arrivals; no hotel stay lasts longer.
LONGEST_PAST_STAY = 366


class Section(StrEnum):
    ARRIVING = "arriving"
    IN_HOUSE = "in_house"


SECTION_WORDS = {Section.ARRIVING: "Arriving", Section.IN_HOUSE: "In house"}


@dataclass(frozen=True)
class ArrivalRow(StayWords):
    stay_id: int
    guest_id: int
    section: Section
    name: str
    room: str
    arrival: date
    departure: date
    status: str  # a StayStatus value
    adults: int
    children: int
    booking_ref: str
    facts: GuestFacts
    day: date  # the day the list is for
    today: date  # the business's today when the list was read

    @property
    def returning_text(self) -> str:
        """The returning badge: "4th stay — last in March 2026", or "First stay"."""
        return returning_text(self.facts)

    @property
    def returning_short(self) -> str:
        """The badge for the arrivals table: "4th stay — last Mar 2026"."""
        return returning_text(self.facts, short=True)

    @property
    def can_check_in(self) -> bool:
        """An expected stay whose arrival day has come (the service still checks the room)."""
        return self.status == StayStatus.EXPECTED.value and self.arrival <= self.today

    @property
    def departs_on_day(self) -> bool:
        return self.departure == self.day

    @property
    def overdue(self) -> bool:
        """Expected before the day and still not checked in: check in, or mark a no-show."""
        return self.status == StayStatus.EXPECTED.value and self.arrival < self.day

    @property
    def likes(self) -> list[str]:
        return self.facts.of_kind(PreferenceKind.LIKE)

    @property
    def dislikes(self) -> list[str]:
        return self.facts.of_kind(PreferenceKind.DISLIKE)

    @property
    def allergies(self) -> list[str]:
        return self.facts.of_kind(PreferenceKind.ALLERGY)

    @property
    def alerts(self) -> list[str]:
        return self.facts.of_kind(PreferenceKind.ALERT)

    @property
    def complaint_summaries(self) -> list[str]:
        """Earlier complaints with what was done and the outcome, newest first."""
        return [note.summary for note in self.facts.complaints]

    @property
    def dates_text(self) -> str:
        nights = self.nights
        return (
            f"{self.arrival:%d %b} – {self.departure:%d %b %Y} · {nights} night{'s' if nights != 1 else ''}"
        )

    @property
    def guests_text(self) -> str:
        text = f"{self.adults} adult{'s' if self.adults != 1 else ''}"
        if self.children:
            text += f", {self.children} child{'ren' if self.children != 1 else ''}"
        return text


@dataclass(frozen=True)
class Briefing:
    """What the morning briefing PDF prints: the day's rows and who printed it for which business."""

    day: date
    business_name: str
    printed_at: datetime
    printed_by: str
    rows: tuple[ArrivalRow, ...]
    paper_size: str = PaperSize.A4.value

    @property
    def arriving(self) -> list[ArrivalRow]:
        return [r for r in self.rows if r.section is Section.ARRIVING]

    @property
    def in_house(self) -> list[ArrivalRow]:
        return [r for r in self.rows if r.section is Section.IN_HOUSE]


def arrivals_for(ctx: Context, day: date) -> list[ArrivalRow]:
    """The day's arriving and in-house stays, arriving first; each section by room, then name."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        return _rows(session, day, ctx.today())


def briefing_for(ctx: Context, day: date) -> Briefing:
    """Everything the briefing PDF needs, read in one session."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        settings = session.get(BusinessSettings, 1)
        return Briefing(
            day=day,
            business_name=settings.name if settings else "",
            printed_at=ctx.now(),
            printed_by=ctx.actor.display_name,
            rows=tuple(_rows(session, day, ctx.today())),
            paper_size=settings.paper_size if settings else PaperSize.A4.value,
        )


def _rows(session: Session, day: date, today: date) -> list[ArrivalRow]:
    columns = (
        Stay.id,
        Stay.guest_id,
        Stay.room,
        Stay.arrival,
        Stay.departure,
        Stay.status,
        Stay.adults,
        Stay.children,
        Stay.booking_ref,
        Guest.title,
        Guest.first_name,
        Guest.last_name,
        Guest.anonymised_at,
    )
    base = select(*columns).join(Guest, Guest.id == Stay.guest_id)  # type: ignore[arg-type]
    if day >= today:
        statuses = (StayStatus.EXPECTED.value, StayStatus.IN_HOUSE.value)
        staying = and_(Stay.arrival < day, Stay.departure >= day)
        if day == today:
            # an in-house guest past their departure date has still not left
            staying = or_(staying, and_(Stay.arrival < day, Stay.status == StayStatus.IN_HOUSE.value))
    else:
        statuses = (StayStatus.IN_HOUSE.value, StayStatus.CHECKED_OUT.value)
        # Past stays are the bulk of the table: bound the arrival so the index range stays short.
        staying = and_(
            Stay.arrival < day,
            Stay.arrival >= day - timedelta(days=LONGEST_PAST_STAY),
            Stay.departure >= day,
        )
    status_ok = Stay.status.in_(statuses)  # type: ignore[attr-defined]
    if day < today:
        # `status || ''` keeps SQLite on the arrival index: without statistics it would take the
        # status index and walk every completed stay in the book.
        status_ok = Stay.status.concat("").in_(statuses)  # type: ignore[attr-defined]
    found = [
        *session.exec(base.where(Stay.arrival == day, status_ok)).all(),
        *session.exec(base.where(staying, status_ok)).all(),
    ]
    facts = facts_for(session, [r[1] for r in found], complaint_notes=COMPLAINTS_PER_GUEST)
    rows = []
    for r in found:
        rows.append(
            ArrivalRow(
                stay_id=r.id,
                guest_id=r.guest_id,
                section=_section(day, today, r.arrival, r.status),
                name=ANONYMISED_NAME if r.anonymised_at else display_name(r.title, r.first_name, r.last_name),
                room=r.room,
                arrival=r.arrival,
                departure=r.departure,
                status=r.status,
                adults=r.adults,
                children=r.children,
                booking_ref=r.booking_ref,
                facts=facts.get(r.guest_id, GuestFacts(r.guest_id)),
                day=day,
                today=today,
            )
        )
    rows.sort(key=_order)
    return rows


def _section(day: date, today: date, arrival: date, status: str) -> Section:
    # Today, a stay expected earlier and still not checked in belongs with the arrivals (overdue).
    late = day == today and status == StayStatus.EXPECTED.value
    return Section.ARRIVING if arrival == day or late else Section.IN_HOUSE


def _order(row: ArrivalRow) -> tuple[object, ...]:
    section = 0 if row.section is Section.ARRIVING else 1
    return (section, *room_key(row.room), row.name.casefold(), row.stay_id)


def room_key(room: str) -> tuple[int, int, str]:
    """Rooms in corridor order: 2 before 10 before 10A, then lettered rooms, no room last."""
    text = room.strip()
    if not text:
        return (2, 0, "")
    match = re.match(r"\d+", text)
    if match:
        return (0, int(match.group()), text.casefold())
    return (1, 0, text.casefold())
