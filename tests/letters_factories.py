"""Test data for letters: a set-up business, guests in every script with an address and a complaint."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

from sqlmodel import Session

from frontdesk.models import BusinessSettings, Guest, Stay
from frontdesk.services.complaints import ComplaintInput, add_action, log_complaint
from frontdesk.services.context import Context

NAMES: tuple[tuple[str, str, str, str], ...] = (
    # title, first, last, language
    ("Mr", "Łukasz", "Żółć", "en"),
    ("Herr", "Şükrü", "Öztürk", "de"),
    ("Mme", "Ελένη", "Παπαδοπούλου", "fr"),
    ("", "Иван", "Петров", "en"),
    ("Ms", "Zoë", "O'Brien-Núñez", "en"),
)


def set_business(ctx: Context, **changes: object) -> None:
    with ctx.db.session(write=True) as session:
        settings = session.get(BusinessSettings, 1)
        assert settings is not None
        settings.name = "Hotel Alpenrose"
        settings.address = "Seestraße 12\n6020 Innsbruck"
        settings.phone = "+43 512 123456"
        settings.email = "stay@alpenrose.at"
        settings.signer_name = "Maria Berger"
        settings.signer_title = "General Manager"
        settings.locale = "de_AT"
        for key, value in changes.items():
            setattr(settings, key, value)
        session.add(settings)


def add_guest(
    session: Session,
    title: str,
    first: str,
    last: str,
    language: str = "en",
    *,
    address: bool = True,
    country: str = "PL",
) -> int:
    guest = Guest(title=title, first_name=first, last_name=last, language=language)
    if address:
        guest.address_line1, guest.postcode, guest.city, guest.country = (
            "ul. Długa 5",
            "00-001",
            "Warszawa",
            country,
        )
    session.add(guest)
    session.flush()
    assert guest.id is not None
    return guest.id


def complaint_for(
    ctx: Context,
    title: str = "Mr",
    first: str = "Łukasz",
    last: str = "Żółć",
    language: str = "en",
    *,
    address: bool = True,
    compensation: str = "",
) -> tuple[int, int]:
    """(guest id, complaint id): a noise complaint about a stay in room 12, optionally with a refund."""
    with ctx.db.session(write=True) as session:
        gid = add_guest(session, title, first, last, language, address=address)
        stay = Stay(
            guest_id=gid,
            arrival=date(2026, 11, 18),
            departure=date(2026, 11, 21),
            room="12",
            status="checked_out",
            amount_minor=60000,
        )
        session.add(stay)
        session.flush()
        sid = stay.id
    cid = log_complaint(
        ctx,
        ComplaintInput(
            guest_id=gid, stay_id=sid, category="noise", guest_words="The bar was loud all night."
        ),
    )
    if compensation:
        add_action(ctx, cid, "refund", "", compensation)
    return gid, cid


def pdf_text(pdf: bytes) -> str:
    """The PDF's text with whitespace normalised (pypdf may separate words with tabs)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() for page in PdfReader(BytesIO(pdf)).pages)
    return re.sub(r"\s+", " ", text)
