"""What the complaint services share: time helpers, names, and the escalation and overdue rules.

Times: instants are stored as UTC (SQLite hands them back naive, so ``aware`` puts the
zone back); calendar dates (follow-up due) are the desk's local dates (``ctx.today``).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from sqlalchemy import or_
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.models import (
    BusinessSettings,
    Complaint,
    ComplaintStatus,
    Guest,
    RecoveryAction,
    RecoveryStepKind,
    Severity,
    Stay,
    User,
)
from frontdesk.services.complaint_rules import ESCALATING
from frontdesk.services.context import Context
from frontdesk.services.stays import current_or_latest_stay

ENTITY = "complaint"

STEP_WORDS = {
    RecoveryStepKind.LISTENED: "Listened",
    RecoveryStepKind.APOLOGISED: "Apologised",
    RecoveryStepKind.SOLUTION_OFFERED: "Solution offered",
    RecoveryStepKind.GUEST_ACCEPTED: "Guest accepted",
    RecoveryStepKind.THANKED: "Thanked",
    RecoveryStepKind.FOLLOWED_UP: "Followed up",
}


def aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def local_start(day: date) -> datetime:
    """The UTC instant at which the desk's calendar day begins."""
    return datetime.combine(day, time()).astimezone().astimezone(UTC)


def local_date(instant: datetime) -> date:
    return instant.astimezone().date()


def business_settings(session: Session) -> BusinessSettings:
    settings = session.get(BusinessSettings, 1)
    return settings if settings is not None else BusinessSettings(name="")


def user_names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(User.id.in_(wanted))).all()  # type: ignore[union-attr]
    return {uid: name for uid, name in rows if uid is not None}


def guest_name(guest: Guest | None) -> str:
    if guest is None:
        return ""
    if guest.anonymised_at is not None:
        return "(anonymised guest)"
    return " ".join(p for p in (guest.title, guest.first_name, guest.last_name) if p).strip()


def stay_text(stay: Stay) -> str:
    dates = f"{stay.arrival:%d %b} – {stay.departure:%d %b %Y}"
    room = f"Room {stay.room} · " if stay.room else ""
    return f"{room}{dates} · {stay.status.replace('_', ' ')}"


def load_complaint(session: Session, complaint_id: int) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise UserError("That complaint does not exist.")
    return complaint


def default_stay_id(ctx: Context, guest_id: int) -> int | None:
    """The stay a complaint most likely concerns (the guest book's rule: in house first)."""
    row = current_or_latest_stay(ctx, guest_id)
    return row.id if row is not None else None


def is_escalated(c: Complaint) -> bool:
    return (
        Severity(c.severity) in ESCALATING
        and c.acknowledged_at is None
        and ComplaintStatus(c.status) not in (ComplaintStatus.VOID, ComplaintStatus.CLOSED)
    )


def is_overdue(c: Complaint, today: date) -> bool:
    return (
        c.follow_up_due is not None
        and c.follow_up_due < today
        and c.follow_up_done_at is None
        and not c.follow_up_waived_reason
        and ComplaintStatus(c.status) not in (ComplaintStatus.VOID, ComplaintStatus.CLOSED)
    )


def counted_clause() -> object:
    return or_(RecoveryAction.needs_approval.is_(False), RecoveryAction.approved_at.is_not(None))  # type: ignore[attr-defined,union-attr]
