"""Guest search: the ranked rows the search box, the CLI and the guest pickers show.

Finding and ranking live in ``frontdesk.search.query``; this adds the permission check
and what each row shows (from ``guest_facts.facts_for``: returning badge, VIP, blocklist,
allergies and alerts, open complaints).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, col, select

from frontdesk.models import BusinessSettings, Guest, PreferenceKind
from frontdesk.phones import format_phone, phone_candidates
from frontdesk.search.index import rebuild
from frontdesk.search.normalize import MAX_QUERY_CHARS, query_words
from frontdesk.search.query import Level, find
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import facts_for
from frontdesk.services.permissions import Permission, require

MAX_LIMIT = 200


@dataclass(frozen=True)
class GuestHit:
    id: int
    name: str
    email: str | None
    phone: str | None  # formatted for the desk (national for the business's own country)
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


_ROW_COLUMNS = (
    Guest.id,
    Guest.first_name,
    Guest.last_name,
    Guest.email,
    Guest.phone,
    Guest.city,
    Guest.country,
    Guest.company,
)


def _phone_region(session: Session) -> str:
    """The business's phone region (one column, without loading the settings object)."""
    value = (
        session.connection()
        .execute(select(BusinessSettings.default_phone_region).where(BusinessSettings.id == 1))
        .scalar()
    )
    return value or "GB"


def search_guests(ctx: Context, query: str, limit: int = 20) -> list[GuestHit]:
    """The guests best matching ``query``, best first (see ``frontdesk.search.query``)."""
    require(ctx, Permission.VIEW_GUESTS)
    limit = max(1, min(int(limit), MAX_LIMIT))
    query = query[:MAX_QUERY_CHARS]
    words = query_words(query)
    with ctx.db.session() as session:
        region = _phone_region(session)
        phones = [p.lstrip("+") for p in phone_candidates(query, region)]
        ranked = find(session, words, phones, limit, ctx.today())
        if not ranked:
            return []
        ids = [r.guest_id for r in ranked]
        # Core, not ORM: plain rows are all a result line needs, and cheaper per keystroke.
        rows = session.connection().execute(select(*_ROW_COLUMNS).where(col(Guest.id).in_(ids)))
        guests = {row.id: row for row in rows}
        facts = facts_for(session, ids, complaint_notes=0)
        hits = []
        for r in ranked:
            guest, fact = guests.get(r.guest_id), facts.get(r.guest_id)
            if guest is None or fact is None:
                continue  # removed since the index was read
            hits.append(
                GuestHit(
                    id=r.guest_id,
                    name=" ".join(p for p in (guest.first_name, guest.last_name) if p),
                    email=guest.email,
                    phone=format_phone(guest.phone, region) or None,
                    returning=fact.returning,
                    completed_stays=fact.completed_stays,
                    last_stay=fact.last_stay,
                    vip=fact.vip_level,
                    blocklisted=fact.blocklisted,
                    alerts=tuple(fact.alerts),
                    allergies=len(fact.of_kind(PreferenceKind.ALLERGY)),
                    open_complaints=fact.open_complaints,
                    city=guest.city,
                    country=guest.country,
                    company=guest.company,
                    in_house=r.in_house,
                    arriving_today=r.arriving_today,
                    match=Level(r.level).name.lower(),
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
