"""Test data for privacy tests: a guest whose name is spread over every table that may hold it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from frontdesk.models import Feedback, Letter
from frontdesk.services import complaints
from frontdesk.services.complaints import ComplaintInput
from frontdesk.services.context import Context
from frontdesk.services.guests import GuestInput, create_guest, update_guest
from frontdesk.services.stays import StayInput, add_stay

FIRST = "Zebedee"
LAST = "Quackenbush"
EMAIL = "zebedee.quackenbush@example.org"
PHONE = "+447700900123"


def traced_guest(ctx: Context) -> int:
    """A guest with a stay, a preference, a complaint, a letter and feedback naming them."""
    first = GuestInput(
        last_name=LAST,
        first_name=FIRST,
        title="Dr",
        email=EMAIL,
        phone=PHONE,
        address_line1="12 Marigold Crescent",
        postcode="ZX9 9ZZ",
        city="Lowestoft",
        country="GB",
        company="Quackenbush Widgets Ltd",
        notes=f"Mr {LAST} likes the corner room; call {FIRST} on arrival.",
        marketing_consent=True,
        marketing_consent_text="Agreed to news by email.",
    )
    gid = create_guest(ctx, first)
    data = replace(first, notes=f"Mr {LAST} prefers tea. VIP since 2021.", vip_level=2)
    update_guest(ctx, gid, data)
    add_stay(
        ctx,
        gid,
        StayInput(
            arrival=date(2024, 3, 1),
            departure=date(2024, 3, 4),
            room="12",
            status="checked_out",
            booking_ref="QB-7788",
            amount="300.00",
        ),
    )
    from tests.guests_factories import add_allergy

    add_allergy(ctx, gid, "peanuts (Zebedee carries an EpiPen)")
    cid = complaints.log_complaint(
        ctx,
        ComplaintInput(
            category="noise",
            guest_words=f"I am {FIRST} {LAST}, room 12 was loud all night. Write to {EMAIL}.",
            guest_id=gid,
        ),
    )
    with ctx.db.session(write=True) as s:
        s.add(
            Letter(
                guest_id=gid,
                complaint_id=cid,
                template_code="apology",
                language="en",
                subject=f"Our apology, Dr {LAST}",
                body=f"Dear Dr {LAST},\n\nWe are sorry about the noise.",
                pdf=f"%PDF-1.4 fake letter for {FIRST} {LAST}".encode(),
                delivery="saved",
                output_path="/tmp/letters/apology-quackenbush.pdf",
            )
        )
        s.add(Feedback(guest_id=gid, indicator="cleanliness", score=4, comment=f"{FIRST} said: spotless"))
    return gid


def file_bytes(path: Path) -> bytes:
    """The database file and its journals, as they lie on disk (lower-cased, to find traces)."""
    data = b""
    for suffix in ("", "-wal", "-journal"):
        part = path.with_name(path.name + suffix)
        if part.exists():
            data += part.read_bytes()
    return data.lower()
