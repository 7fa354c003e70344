"""What the desk must see about a guest at a glance, derived from their records.

Repeat recognition is computed from stays, never stored: completed stays, nights,
first and last stay, lifetime spend. "Returning guest" means at least one completed
earlier stay. The same facts feed the search rows, the profile banner, the arrivals
list and the briefing PDF, so they are computed in one place, for many guests at once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from frontdesk.db.engine import sqlite_connection
from frontdesk.models import (
    Complaint,
    ComplaintStatus,
    LookupKind,
    Outcome,
    PreferenceKind,
    RecoveryAction,
    StayStatus,
)
from frontdesk.services.lookups import labels

OPEN_COMPLAINT_STATUSES = (ComplaintStatus.OPEN.value, ComplaintStatus.IN_PROGRESS.value)
_CHUNK = 500  # SQLite's host-parameter limit is far above this; keeps statements small

ACTION_WORDS = {
    "apology": "apology",
    "fix": "fix",
    "room_move": "room move",
    "upgrade": "upgrade",
    "discount": "discount",
    "refund": "refund",
    "complimentary": "complimentary item",
    "voucher": "voucher",
    "letter": "letter",
}
STATUS_WORDS = {
    "open": "open",
    "in_progress": "in progress",
    "resolved": "resolved",
    "unable_to_resolve": "unable to resolve",
    "closed": "closed",
    "void": "void",
}
OUTCOME_WORDS = {
    Outcome.SATISFIED.value: "guest satisfied",
    Outcome.NOT_SATISFIED.value: "guest not satisfied",
    Outcome.UNKNOWN.value: "outcome unknown",
}


@dataclass(frozen=True)
class PreferenceNote:
    id: int
    kind: PreferenceKind
    category: str
    text: str


@dataclass(frozen=True)
class ComplaintNote:
    """An earlier complaint, told in one line; never the guest's words (they may be sensitive)."""

    id: int
    received_at: datetime
    category: str  # label
    status: str
    outcome: str | None
    actions: tuple[str, ...]  # action kinds, as words

    @property
    def summary(self) -> str:
        """One line, e.g. "noise — resolved with room move and upgrade; guest satisfied"."""
        text = f"{self.category} — {STATUS_WORDS.get(self.status, self.status)}"
        if self.actions:
            words = list(dict.fromkeys(self.actions))
            joined = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
            text += f" with {joined}"
        if self.outcome:
            text += f"; {OUTCOME_WORDS.get(self.outcome, self.outcome)}"
        return text


@dataclass(frozen=True)
class GuestFacts:
    guest_id: int
    completed_stays: int = 0
    nights: int = 0
    first_stay: date | None = None
    last_stay: date | None = None  # arrival of the latest completed stay
    lifetime_spend_minor: int = 0
    vip_level: int = 0
    blocklisted: bool = False
    blocklist_reason: str = ""
    preferences: tuple[PreferenceNote, ...] = ()
    open_complaints: int = 0
    complaints: tuple[ComplaintNote, ...] = field(default=())  # newest first, void ones left out

    @property
    def returning(self) -> bool:
        return self.completed_stays >= 1

    @property
    def average_spend_minor(self) -> int:
        return self.lifetime_spend_minor // self.completed_stays if self.completed_stays else 0

    def of_kind(self, kind: PreferenceKind) -> list[str]:
        return [p.text for p in self.preferences if p.kind is kind]

    @property
    def likes(self) -> list[str]:
        return self.of_kind(PreferenceKind.LIKE)

    @property
    def dislikes(self) -> list[str]:
        return self.of_kind(PreferenceKind.DISLIKE)

    @property
    def allergies(self) -> list[str]:
        return self.of_kind(PreferenceKind.ALLERGY)

    @property
    def alerts(self) -> list[str]:
        """Allergies and alerts: what must never be missed, allergies first."""
        return self.of_kind(PreferenceKind.ALLERGY) + self.of_kind(PreferenceKind.ALERT)

    def days_since_last_stay(self, today: date) -> int | None:
        return (today - self.last_stay).days if self.last_stay else None


def stay_ordinal(facts: GuestFacts) -> str:
    """The wording of the returning badge: "4th stay" for a guest with 3 completed ones."""
    n = facts.completed_stays + 1
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix} stay"


def returning_text(facts: GuestFacts, *, short: bool = False) -> str:
    """The returning badge everywhere: "4th stay — last in March 2026", or "First stay".

    ``short`` for a table column with others to share the screen: "4th stay — last Mar 2026".
    """
    if not facts.returning or facts.last_stay is None:
        return "First stay"
    if short:
        return f"{stay_ordinal(facts)} — last {facts.last_stay:%b %Y}"
    return f"{stay_ordinal(facts)} — last in {facts.last_stay:%B %Y}"


def facts_for(
    session: Session, guest_ids: Collection[int], *, complaint_notes: int = 3
) -> dict[int, GuestFacts]:
    """Facts for each guest id (unknown ids are left out), in a handful of queries."""
    ids = list(dict.fromkeys(guest_ids))
    result: dict[int, GuestFacts] = {}
    for start in range(0, len(ids), _CHUNK):
        result.update(_facts_chunk(session, ids[start : start + _CHUNK], complaint_notes))
    return result


def _facts_chunk(session: Session, ids: list[int], complaint_notes: int) -> dict[int, GuestFacts]:
    # Plain SQL (every search keystroke needs these facts for its rows: see
    # ``sqlite_connection``). Ids are ints, inlined; statuses are bound. The stay and
    # complaint statements are answered from their per-guest indexes alone (they cover them).
    driver = sqlite_connection(session)
    marks = ",".join(str(int(i)) for i in ids)
    guests = driver.execute(
        f"SELECT id, vip_level, blocklisted, blocklist_reason FROM guest WHERE id IN ({marks})"
    ).fetchall()
    # `status || ''` keeps SQLite off the status index: without statistics it would pick that
    # index and walk every completed stay in the book instead of these guests' own stays.
    stays = {
        row[0]: row[1:]
        for row in driver.execute(
            "SELECT guest_id, count(*), coalesce(sum(julianday(departure) - julianday(arrival)), 0), "
            "min(arrival), max(arrival), coalesce(sum(amount_minor), 0) "
            f"FROM stay WHERE guest_id IN ({marks}) AND status || '' = ? GROUP BY guest_id",
            (StayStatus.CHECKED_OUT.value,),
        )
    }
    prefs: dict[int, list[PreferenceNote]] = defaultdict(list)
    for pid, guest_id, kind, category, text in driver.execute(
        "SELECT id, guest_id, kind, category, text FROM preference "
        f"WHERE guest_id IN ({marks}) AND retired_at IS NULL "
        "ORDER BY CASE kind WHEN 'allergy' THEN 0 WHEN 'alert' THEN 1 WHEN 'dislike' THEN 2 "
        "WHEN 'like' THEN 3 ELSE 4 END, created_at"
    ):
        prefs[guest_id].append(PreferenceNote(pid, PreferenceKind(kind), category, text))
    open_counts = dict(
        driver.execute(
            f"SELECT guest_id, count(*) FROM complaint WHERE guest_id IN ({marks}) "
            f"AND status IN ({','.join('?' * len(OPEN_COMPLAINT_STATUSES))}) GROUP BY guest_id",
            OPEN_COMPLAINT_STATUSES,
        ).fetchall()
    )
    notes = _complaint_notes(session, ids, complaint_notes) if complaint_notes else {}
    result = {}
    for gid, vip, blocked, reason in guests:
        count, nights, first, last, spend = stays.get(gid, (0, 0, None, None, 0))
        result[gid] = GuestFacts(
            guest_id=gid,
            completed_stays=int(count),
            nights=int(nights),
            first_stay=as_date(first),
            last_stay=as_date(last),
            lifetime_spend_minor=int(spend),
            vip_level=vip,
            blocklisted=bool(blocked),
            blocklist_reason=reason,
            preferences=tuple(prefs.get(gid, ())),
            open_complaints=int(open_counts.get(gid, 0)),
            complaints=tuple(notes.get(gid, ())),
        )
    return result


def _complaint_notes(session: Session, ids: list[int], per_guest: int) -> dict[int, list[ComplaintNote]]:
    ranked = (
        select(
            Complaint.id,
            Complaint.guest_id,
            Complaint.received_at,
            Complaint.category,
            Complaint.status,
            Complaint.outcome,
            func.row_number()
            .over(partition_by=Complaint.guest_id, order_by=Complaint.received_at.desc())  # type: ignore[attr-defined]
            .label("rank"),
        )
        .where(Complaint.guest_id.in_(ids), Complaint.status != ComplaintStatus.VOID.value)  # type: ignore[union-attr]
        .subquery()
    )
    rows = session.execute(select(*ranked.c).where(ranked.c.rank <= per_guest)).all()
    if not rows:
        return {}
    actions: dict[int, list[str]] = defaultdict(list)
    for complaint_id, kind in session.exec(
        select(RecoveryAction.complaint_id, RecoveryAction.kind)
        .where(RecoveryAction.complaint_id.in_([r[0] for r in rows]))  # type: ignore[attr-defined]
        .order_by(RecoveryAction.done_at)
    ).all():
        actions[complaint_id].append(ACTION_WORDS.get(kind, kind))
    category_labels = labels(session, LookupKind.COMPLAINT_CATEGORY)
    notes: dict[int, list[ComplaintNote]] = defaultdict(list)
    for cid, gid, received_at, category, status, outcome, _rank in sorted(rows, key=lambda r: r[6]):
        notes[gid].append(
            ComplaintNote(
                cid,
                received_at,
                category_labels.get(category, category).lower(),
                status,
                outcome,
                tuple(actions.get(cid, ())),
            )
        )
    return notes


def as_date(value: object) -> date | None:
    """A date SQLite returned as text (or a datetime, or nothing) as a ``date``."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
