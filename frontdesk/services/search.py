"""Guest search: the ranked rows the search box, the CLI and the guest pickers show.

Finding and ranking live in ``frontdesk.search.query``; this adds the permission check
and what each row shows (from ``guest_cards``: returning badge, VIP, blocklist, allergies
and alerts, open complaints).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Any, NamedTuple

from frontdesk.db.engine import sqlite_connection
from frontdesk.phones import format_phone, phone_candidates
from frontdesk.search.index import rebuild
from frontdesk.search.normalize import MAX_QUERY_CHARS, query_words
from frontdesk.search.query import find
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.guest_cards import guest_cards
from frontdesk.services.permissions import Permission, require

MAX_LIMIT = 200


class GuestHit(NamedTuple):  # a tuple: twenty are built on every keystroke
    id: int
    name: str
    email: str | None
    phone_e164: str | None
    returning: bool
    completed_stays: int
    last_stay: date | None
    vip: int  # VIP level, 0 = none
    blocklisted: bool
    alerts: tuple[str, ...]  # allergies first, then alerts
    allergies: int  # how many of ``alerts`` are allergies
    open_complaints: int
    city: str = ""
    country: str = ""
    company: str = ""
    in_house: bool = False
    arriving_today: bool = False
    match: str = "exact"  # exact, prefix, substring or fuzzy
    phone_region: str = "GB"  # the business's, for ``phone``

    @property
    def phone(self) -> str | None:
        """Formatted for the desk: national for the business's own country, else international.

        Formatted when shown, not by the search: phonenumbers takes 20–80 µs a number (then
        ``format_phone`` keeps it), which was a fifth of a search's time.
        """
        return format_phone(self.phone_e164, self.phone_region) or None

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def stay_badge(self) -> str:
        """Badge text such as "Returning · 3 stays"; empty for a first-time guest."""
        if not self.returning:
            return ""
        return f"Returning · {self.completed_stays} stay{'s' if self.completed_stays != 1 else ''}"

    @property
    def detail(self) -> str:
        """One line of what tells two namesakes apart (used by compact pickers)."""
        place = ", ".join(p for p in (self.city, self.country) if p)
        return " · ".join(p for p in (self.stay_badge, place, self.email or self.phone or "") if p)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            "returning": self.returning,
            "completed_stays": self.completed_stays,
            "last_stay": self.last_stay.isoformat() if self.last_stay else None,
            "vip": self.vip,
            "blocklisted": self.blocklisted,
            "alerts": list(self.alerts),
            # which of ``alerts`` are allergies / medical notes (a script cannot tell otherwise)
            "allergies": list(self.alerts[: self.allergies]),
            "open_complaints": self.open_complaints,
            "city": self.city,
            "country": self.country,
            "company": self.company,
            "in_house": self.in_house,
            "arriving_today": self.arriving_today,
            "match": self.match,
        }


def _phone_region(conn: sqlite3.Connection) -> str:
    """The business's phone region (one column, without loading the settings object)."""
    row = conn.execute("SELECT default_phone_region FROM business_settings WHERE id = 1").fetchone()
    return (row[0] if row else None) or "GB"


def search_guests(ctx: Context, query: str, limit: int = 20) -> list[GuestHit]:
    """The guests best matching ``query``, best first (see ``frontdesk.search.query``)."""
    require(ctx, Permission.VIEW_GUESTS)
    limit = max(1, min(int(limit), MAX_LIMIT))
    query = query[:MAX_QUERY_CHARS]
    words = query_words(query)
    with ctx.db.session() as session:
        conn = sqlite_connection(session)
        region = _phone_region(conn)
        phones = [p.lstrip("+") for p in phone_candidates(query, region)]
        ranked = find(session, words, phones, limit, ctx.today())
        if not ranked:
            return []
        cards = guest_cards(session, [r.guest_id for r in ranked])
        hits = []
        for r in ranked:
            card = cards.get(r.guest_id)
            if card is None:
                continue  # removed since the index was read
            hits.append(
                GuestHit(
                    id=r.guest_id,
                    name=card.name,
                    email=card.email,
                    phone_e164=card.phone,
                    returning=card.returning,
                    completed_stays=card.completed_stays,
                    last_stay=card.last_stay,
                    vip=card.vip_level,
                    blocklisted=card.blocklisted,
                    alerts=card.allergies + card.alerts,
                    allergies=len(card.allergies),
                    open_complaints=card.open_complaints,
                    city=card.city,
                    country=card.country,
                    company=card.company,
                    in_house=r.in_house,
                    arriving_today=r.arriving_today,
                    match=r.level.name.lower(),
                    phone_region=region,
                )
            )
        return hits


def rebuild_index(ctx: Context) -> int:
    """Recreate the search index from the guest book (``frontdesk reindex``); guests indexed."""
    require(ctx, Permission.MANAGE_BACKUPS)  # maintenance, like backups: the administrator's
    with ctx.db.session(write=True) as session:
        count = rebuild(session)
        audit.record(session, ctx, "search_reindex", "guest", None, {"guests": count})
        return count
