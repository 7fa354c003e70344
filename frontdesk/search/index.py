"""The guest search index: folded documents kept in step with guests and their stays.

``index_guests`` runs inside the writer's transaction (guests, stays, imports call it),
so the index never disagrees with the data it mirrors; ``rebuild`` recreates it from
scratch (``frontdesk reindex``, after bulk loading). Only live guests are indexed: an
anonymised or merged guest leaves the index, words included.

Per guest the index holds, folded (see ``normalize.fold``):
- ``name``: first and last name (any order is matched: words are looked up one by one);
- ``contact``: email and the phone's digits in E.164 and national form;
- ``other``: company, city, booking references, rooms of in-house stays;
plus what ranking needs without touching other tables: ``recency`` (the latest arrival
as a day number, in-house guests lifted above everyone), ``in_house`` and the dates of
expected arrivals.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat
from sqlalchemy import text
from sqlmodel import Session, col, select

from frontdesk.models import Guest, Stay, StayStatus
from frontdesk.search.normalize import fold

IN_HOUSE_BOOST = 1_000_000  # above any date's day number: in-house guests sort first
_CHUNK = 500
_COUNTED = (StayStatus.CHECKED_OUT.value, StayStatus.IN_HOUSE.value, StayStatus.EXPECTED.value)


@dataclass(frozen=True)
class Document:
    guest_id: int
    name: str
    contact: str
    other: str
    recency: int
    in_house: bool
    expected: str  # ISO dates of expected arrivals, space-separated

    def words(self) -> set[str]:
        return set(f"{self.name} {self.contact} {self.other}".split())


def phone_forms(e164: str | None) -> list[str]:
    """The digit strings a phone is found by: international and national."""
    if not e164:
        return []
    forms = [e164.lstrip("+")]
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return forms
    national = "".join(
        ch for ch in phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL) if ch.isdigit()
    )
    if national and national not in forms:
        forms.append(national)
    return forms


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def documents(session: Session, guest_ids: list[int]) -> list[Document]:
    """Documents of the live guests among ``guest_ids``."""
    guests = session.exec(
        select(
            Guest.id, Guest.first_name, Guest.last_name, Guest.email, Guest.phone, Guest.company, Guest.city
        ).where(
            col(Guest.id).in_(guest_ids),
            col(Guest.anonymised_at).is_(None),
            col(Guest.merged_into_id).is_(None),
        )
    ).all()
    if not guests:
        return []
    refs: dict[int, list[str]] = defaultdict(list)
    rooms: dict[int, list[str]] = defaultdict(list)
    latest: dict[int, int] = {}
    in_house: set[int] = set()
    expected: dict[int, list[str]] = defaultdict(list)
    for gid, arrival, status, room, ref in session.exec(
        select(Stay.guest_id, Stay.arrival, Stay.status, Stay.room, Stay.booking_ref).where(
            col(Stay.guest_id).in_([g[0] for g in guests])
        )
    ).all():
        if ref:
            refs[gid].append(ref)
        if status == StayStatus.IN_HOUSE.value:
            in_house.add(gid)
            if room:
                rooms[gid].append(room)
        if status == StayStatus.EXPECTED.value:
            expected[gid].append(arrival.isoformat())
        if status in _COUNTED:
            latest[gid] = max(latest.get(gid, 0), arrival.toordinal())
    docs = []
    for gid, first, last, email, phone, company, city in guests:
        assert gid is not None
        docs.append(
            Document(
                guest_id=gid,
                name=fold(f"{first} {last}"),
                contact=" ".join(filter(None, [fold(email or ""), *phone_forms(phone)])),
                other=fold(" ".join([company, city, *refs[gid], *rooms[gid]])),
                recency=latest.get(gid, 0) + (IN_HOUSE_BOOST if gid in in_house else 0),
                in_house=gid in in_house,
                expected=" ".join(sorted(set(expected[gid]))),
            )
        )
    return docs


def _insert(session: Session, docs: Iterable[Document]) -> None:
    conn = session.connection()
    rows, words = [], []
    for doc in docs:
        rows.append(
            {
                "id": doc.guest_id,
                "name": doc.name,
                "contact": doc.contact,
                "other": doc.other,
                "recency": doc.recency,
                "in_house": int(doc.in_house),
                "expected": doc.expected,
            }
        )
        words.extend({"w": w, "g": doc.guest_id, "r": doc.recency} for w in doc.words())
    if rows:
        conn.execute(
            text(
                "INSERT INTO guest_search (rowid, name, contact, other, recency, in_house, next_arrival) "
                "VALUES (:id, :name, :contact, :other, :recency, :in_house, :expected)"
            ),
            rows,
        )
    if words:
        conn.execute(
            text("INSERT INTO guest_search_word (word, guest_id, recency) VALUES (:w, :g, :r)"), words
        )


def _bump_generation(session: Session) -> None:
    session.connection().execute(
        text("UPDATE guest_search_meta SET value = value + 1 WHERE key = 'generation'")
    )


def index_guests(session: Session, guest_ids: list[int]) -> None:
    """Bring these guests' index entries up to date, inside the caller's transaction."""
    ids = sorted({int(g) for g in guest_ids})
    if not ids:
        return
    session.flush()  # the rows just changed by the caller must be visible to the queries below
    conn = session.connection()
    new_words: set[str] = set()
    for chunk in _chunks(ids):
        marks = ",".join(str(g) for g in chunk)  # ints only: safe to inline
        conn.execute(text(f"DELETE FROM guest_search_word WHERE guest_id IN ({marks})"))
        conn.execute(text(f"DELETE FROM guest_search WHERE rowid IN ({marks})"))
        docs = documents(session, chunk)
        _insert(session, docs)
        new_words.update(w for doc in docs for w in doc.words())
    _bump_generation(session)
    from frontdesk.search.query import remember_words  # query imports this module

    remember_words(session, new_words)


def rebuild(session: Session) -> int:
    """Recreate the whole index from the guest book; returns the number of guests indexed."""
    conn = session.connection()
    conn.execute(text("DELETE FROM guest_search_word"))
    conn.execute(text("DELETE FROM guest_search"))
    ids = [int(g) for g in session.exec(select(Guest.id).order_by(col(Guest.id))).all() if g is not None]
    count = 0
    for chunk in _chunks(ids):
        docs = documents(session, chunk)
        _insert(session, docs)
        count += len(docs)
    # Merge the index segments: faster queries, and no trace of removed rows left in the file.
    conn.execute(text("INSERT INTO guest_search (guest_search) VALUES ('optimize')"))
    # Table statistics: without them SQLite reads the per-guest fact queries (stays of these
    # guests that are checked out) through the status index and scans every stay.
    conn.execute(text("ANALYZE"))
    _bump_generation(session)
    return count
