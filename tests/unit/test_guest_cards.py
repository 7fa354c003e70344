"""Guest cards (what a list row shows) agree with the guest facts a profile shows."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from frontdesk.models import Complaint, ComplaintStatus, Preference, PreferenceKind, StayStatus
from frontdesk.services.context import Context
from frontdesk.services.guest_cards import guest_cards
from frontdesk.services.guest_facts import facts_for
from tests.complaints_factories import add_guest, add_stay, quick_complaint

KINDS = ["like", "dislike", "allergy", "alert"]


def _varied_book(ctx: Context, guests: int = 30) -> list[int]:
    """Guests with stays in every status, live and retired notes of every kind, complaints in
    every status: each one differently, from a fixed seed."""
    rng = random.Random(17)
    ids = []
    with ctx.db.session(write=True) as s:
        for i in range(guests):
            gid = add_guest(s, f"Card{i}", rng.choice(["Ana", "Ben", "Cem"]))
            ids.append(gid)
            for n in range(rng.randint(0, 5)):
                arrival = date(2024, 1, 1) + timedelta(days=rng.randint(0, 700))
                status = rng.choice(list(StayStatus)).value
                add_stay(s, gid, arrival, arrival + timedelta(days=1 + n), status=status)
            for n in range(rng.randint(0, 4)):
                retired = rng.random() < 0.3
                s.add(
                    Preference(
                        guest_id=gid,
                        kind=rng.choice(KINDS),
                        category="other",
                        text=f"note {n}",
                        retired_at=datetime(2025, 1, 1, tzinfo=UTC) if retired else None,
                        retired_by_id=ctx.actor.id if retired else None,
                    )
                )
    for gid in ids:
        for _ in range(rng.randint(0, 3)):
            cid = quick_complaint(ctx, gid)
            status = rng.choice(list(ComplaintStatus)).value
            with ctx.db.session(write=True) as s:
                void_reason = "Logged twice" if status == ComplaintStatus.VOID.value else ""
                s.execute(
                    update(Complaint)
                    .where(Complaint.id == cid)  # type: ignore[arg-type]
                    .values(status=status, void_reason=void_reason)
                )
    return ids


def test_cards_and_facts_agree_on_every_guest(admin_ctx: Context) -> None:
    ids = _varied_book(admin_ctx)
    with admin_ctx.db.session() as s:
        cards = guest_cards(s, [*ids, 999_999])  # an unknown id is left out
        facts = facts_for(s, ids, complaint_notes=0)
    assert sorted(cards) == sorted(ids)
    seen = {"returning": 0, "allergies": 0, "alerts": 0, "open": 0}
    for gid in ids:
        card, fact = cards[gid], facts[gid]
        assert card.name == f"{card.first_name} Card{ids.index(gid)}"
        assert (card.completed_stays, card.last_stay, card.returning) == (
            fact.completed_stays,
            fact.last_stay,
            fact.returning,
        )
        assert (card.vip_level, card.blocklisted, card.open_complaints) == (
            fact.vip_level,
            fact.blocklisted,
            fact.open_complaints,
        )
        assert list(card.allergies) == fact.allergies  # live ones only, oldest first
        assert list(card.alerts) == fact.of_kind(PreferenceKind.ALERT)
        seen["returning"] += card.returning
        seen["allergies"] += bool(card.allergies)
        seen["alerts"] += bool(card.alerts)
        seen["open"] += bool(card.open_complaints)
    assert all(seen.values()), f"the book does not exercise every fact: {seen}"
