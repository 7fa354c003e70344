"""What one row of a guest list shows: who the guest is and the badges a glance needs.

The search results (one read per keystroke) need far less than ``guest_facts.facts_for``
gives a profile: no nights, spend or complaint history, and of the preferences only the
allergies and alerts. This reads exactly that, in two statements answered mostly from
index pages, with the same definitions as ``guest_facts`` (a completed stay, an open
complaint): a test holds the two to the same answers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date
from typing import NamedTuple

from sqlmodel import Session

from frontdesk.db.engine import sqlite_connection
from frontdesk.models import PreferenceKind, StayStatus
from frontdesk.services.guest_facts import OPEN_COMPLAINT_STATUSES, as_date

_CHUNK = 500


class GuestCard(NamedTuple):  # a tuple: twenty are built on every keystroke
    guest_id: int
    first_name: str
    last_name: str
    email: str | None
    phone: str | None  # E.164
    city: str
    country: str
    company: str
    vip_level: int
    blocklisted: bool
    completed_stays: int
    last_stay: date | None  # arrival of the latest completed stay
    open_complaints: int
    allergies: tuple[str, ...]
    alerts: tuple[str, ...]  # the other never-miss notes (allergies are apart)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)

    @property
    def returning(self) -> bool:
        return self.completed_stays >= 1


# Statuses are enum values (constants), inlined so SQLite plans with them; ids are ints.
# `status || ''` keeps SQLite on the guest's own index entries (ix_stay_guest_arrival covers
# these, see migration 0003) instead of walking every completed stay by the status index.
_COMPLETED = f"s.guest_id = g.id AND s.status || '' = '{StayStatus.CHECKED_OUT.value}'"
_OPEN = "c.guest_id = g.id AND c.status IN ({})".format(",".join(f"'{s}'" for s in OPEN_COMPLAINT_STATUSES))
_CARD_SQL = (
    "SELECT g.id, g.first_name, g.last_name, g.email, g.phone, g.city, g.country, g.company, "
    "g.vip_level, g.blocklisted, "
    f"(SELECT count(*) FROM stay s WHERE {_COMPLETED}), "
    f"(SELECT max(s.arrival) FROM stay s WHERE {_COMPLETED}), "
    f"(SELECT count(*) FROM complaint c WHERE {_OPEN}) "
    "FROM guest g WHERE g.id IN ({marks})"
)
_ALLERGY, _ALERT = PreferenceKind.ALLERGY.value, PreferenceKind.ALERT.value
_NOTES_SQL = (
    "SELECT guest_id, kind, text FROM preference "
    "WHERE guest_id IN ({marks}) AND retired_at IS NULL "
    f"AND kind IN ('{_ALLERGY}', '{_ALERT}') "
    "ORDER BY created_at, id"
)


def guest_cards(session: Session, guest_ids: Collection[int]) -> dict[int, GuestCard]:
    """A card for each guest id (unknown ids are left out)."""
    ids = [int(g) for g in dict.fromkeys(guest_ids)]
    conn = sqlite_connection(session)
    cards: dict[int, GuestCard] = {}
    for start in range(0, len(ids), _CHUNK):
        marks = ",".join(str(g) for g in ids[start : start + _CHUNK])
        notes: dict[tuple[int, str], list[str]] = defaultdict(list)
        for gid, kind, text in conn.execute(_NOTES_SQL.format(marks=marks)):
            notes[(gid, kind)].append(text)
        for row in conn.execute(_CARD_SQL.format(marks=marks)):
            gid = row[0]
            cards[gid] = GuestCard(
                *row[:9],
                bool(row[9]),
                row[10],
                as_date(row[11]),
                row[12],
                tuple(notes.get((gid, _ALLERGY), ())),
                tuple(notes.get((gid, _ALERT), ())),
            )
    return cards
