"""Test data for search tests (the search helper's; not shared fixtures)."""

from __future__ import annotations

from datetime import date

from frontdesk.services.context import Context
from frontdesk.services.guests import GuestInput, create_guest
from frontdesk.services.stays import StayInput, add_stay, check_in

# Guests whose words share nothing common to all of them (the "never matches everything" tests rely on it).
BOOK: list[dict[str, str]] = [
    {
        "first_name": "John",
        "last_name": "Smith",
        "email": "john.smith@example.com",
        "phone": "+44 20 7946 0958",
        "city": "London",
        "country": "GB",
    },
    {
        "first_name": "Jane",
        "last_name": "Smithers",
        "email": "jane@smithers.org",
        "city": "Leeds",
        "country": "GB",
    },
    {
        "first_name": "Hans",
        "last_name": "Müller",
        "email": "hans@mueller.de",
        "city": "München",
        "country": "DE",
    },
    {
        "first_name": "Şükrü",
        "last_name": "Öztürk",
        "phone": "+90 212 555 0101",
        "city": "İzmir",
        "country": "TR",
    },
    {"first_name": "Ivan", "last_name": "Петров", "city": "Москва", "country": "RU"},
    {"first_name": "Ελένη", "last_name": "Παπαδοπούλου", "city": "Αθήνα", "country": "GR"},
    {"first_name": "Grete", "last_name": "Straße", "company": "Bäckerei Groß", "country": "AT"},
    {"first_name": "Ayşe", "last_name": "Işık", "city": "Ankara", "country": "TR"},
    {
        "first_name": "Christy",
        "last_name": "O'Brien",
        "email": "christy@obrien.ie",
        "city": "Cork",
        "country": "IE",
    },
    {"first_name": "Kristy", "last_name": "Walsh", "city": "Galway", "country": "IE"},
]


def make(ctx: Context, **fields: str) -> int:
    return create_guest(ctx, GuestInput(**fields))  # type: ignore[arg-type]


def make_book(ctx: Context) -> dict[str, int]:
    """The BOOK's guests, keyed by last name as typed."""
    return {g["last_name"]: make(ctx, **g) for g in BOOK}


def stay(
    ctx: Context,
    guest_id: int,
    arrival: date,
    departure: date,
    *,
    status: str = "checked_out",
    **extra: object,
) -> int:
    data = StayInput(arrival=arrival, departure=departure, status=status, **extra)  # type: ignore[arg-type]
    return add_stay(ctx, guest_id, data, confirm_overlap=True).stay_id


def in_house(ctx: Context, guest_id: int, arrival: date, departure: date, room: str) -> int:
    stay_id = stay(ctx, guest_id, arrival, departure, status="expected", room=room)
    # The desk has already seen any blocklist warning when a test puts a guest in house.
    check_in(ctx, stay_id, confirm_blocklist=True)
    return stay_id
