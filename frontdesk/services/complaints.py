"""Complaints and service recovery: logging, the workflow, recovery, follow-up, learning.

Every write is one transaction with its audit event. Complaints are never deleted: they
are closed, or voided by a manager with a reason. A sensitive complaint's details (the
guest's words, root cause, corrective action, the actions' descriptions) never leave this
module for a role without VIEW_SENSITIVE; a manager reading them is audited.

Times: instants are stored as UTC (SQLite hands them back naive, so ``aware`` puts the
zone back); calendar dates (follow-up due) are the desk's local dates (``ctx.today``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import func, or_
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.models import (
    BusinessSettings,
    Complaint,
    ComplaintChannel,
    ComplaintStatus,
    ComplaintTransition,
    Guest,
    Lookup,
    LookupKind,
    Outcome,
    RecoveryAction,
    RecoveryActionKind,
    RecoveryStep,
    RecoveryStepKind,
    Severity,
    Stay,
    User,
)
from frontdesk.money import format_money, parse_money
from frontdesk.services import audit
from frontdesk.services.complaint_rules import ACTIVE, ESCALATING, default_follow_up, refusal
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import ACTION_WORDS, ComplaintNote
from frontdesk.services.lookups import labels
from frontdesk.services.permissions import Permission, allowed, require
from frontdesk.services.stays import current_or_latest_stay

ENTITY = "complaint"
MAX_WORDS = 20000
FUTURE_SLACK = timedelta(minutes=5)  # clocks of two PCs differ a little

CHANNEL_WORDS = {
    ComplaintChannel.IN_PERSON: "In person",
    ComplaintChannel.PHONE: "Phone",
    ComplaintChannel.EMAIL: "Email",
    ComplaintChannel.LETTER: "Letter",
    ComplaintChannel.REVIEW_SITE: "Review site",
    ComplaintChannel.SOCIAL_MEDIA: "Social media",
}
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


# --- input and output shapes ------------------------------------------------------------


@dataclass
class ComplaintInput:
    category: str
    guest_words: str
    guest_id: int | None = None
    walk_in_name: str = ""
    stay_id: int | None = None
    default_stay: bool = True  # stay_id None: use the guest's current or latest stay
    received_at: datetime | None = None  # None: now
    received_by_id: int | None = None  # None: the signed-in staff member
    channel: str = ComplaintChannel.IN_PERSON.value
    department: str = ""
    severity: str = Severity.MINOR.value
    within_control: bool | None = None
    sensitive: bool = False
    follow_up_due: date | None = None  # None: by severity
    owner_id: int | None = None  # None: the signed-in staff member


@dataclass(frozen=True)
class TransitionView:
    from_status: str | None
    to_status: str
    at: datetime
    by: str
    note: str


@dataclass(frozen=True)
class StepView:
    step: str
    label: str
    done_at: datetime | None
    done_by: str


@dataclass(frozen=True)
class ActionView:
    id: int
    kind: str
    description: str | None  # None: hidden (sensitive complaint, role may not see it)
    value_minor: int
    value_text: str
    share_of_stay: float | None  # value / the stay's amount, when the stay has one
    needs_approval: bool
    approved_at: datetime | None
    approved_by: str
    done_at: datetime
    done_by: str

    @property
    def counted(self) -> bool:
        """Counts as done: below the limit, or approved by a manager."""
        return not self.needs_approval or self.approved_at is not None


@dataclass(frozen=True)
class ComplaintDetail:
    id: int
    guest_id: int | None
    guest_name: str
    walk_in_name: str
    stay_id: int | None
    stay_text: str
    received_at: datetime
    received_by: str
    channel: str
    category: str
    category_label: str
    department: str
    department_label: str
    severity: str
    within_control: bool | None
    sensitive: bool
    redacted: bool  # details withheld from this role
    guest_words: str | None
    root_cause: str | None
    corrective_action: str | None
    owner_id: int | None
    owner: str
    status: str
    outcome: str | None
    follow_up_due: date | None
    follow_up_done_at: datetime | None
    follow_up_waived_reason: str
    acknowledged_at: datetime | None
    acknowledged_by: str
    resolved_at: datetime | None
    closed_at: datetime | None
    void_reason: str
    escalated: bool
    overdue: bool
    currency: str
    stay_amount_minor: int
    transitions: tuple[TransitionView, ...]
    steps: tuple[StepView, ...]
    actions: tuple[ActionView, ...]

    @property
    def counted_actions(self) -> int:
        return sum(1 for a in self.actions if a.counted)


class ComplaintView(StrEnum):
    OPEN = "open"
    MINE = "mine"
    OVERDUE = "overdue"
    ESCALATED = "escalated"
    ALL = "all"


@dataclass(frozen=True)
class ComplaintFilter:
    view: ComplaintView = ComplaintView.OPEN
    status: str | None = None
    category: str | None = None
    severity: str | None = None
    department: str | None = None
    received_from: date | None = None  # local dates, inclusive
    received_to: date | None = None


@dataclass(frozen=True)
class ComplaintRow:
    id: int
    guest_id: int | None
    guest_name: str
    received_at: datetime
    category: str
    category_label: str
    severity: str
    status: str
    owner: str
    follow_up_due: date | None
    time_to_acknowledge: timedelta | None
    time_to_resolve: timedelta | None
    escalated: bool
    overdue: bool
    sensitive: bool


@dataclass(frozen=True)
class GuestComplaint:
    id: int
    received_at: datetime
    category_label: str
    severity: str
    status: str
    outcome: str | None
    summary: str  # "noise — resolved with room move; guest satisfied"


@dataclass(frozen=True)
class StayChoice:
    id: int
    text: str  # "Room 12 · 20 Nov – 23 Nov 2026 · in house"
    amount_minor: int


@dataclass(frozen=True)
class StaffChoice:
    id: int
    name: str


# --- small helpers ----------------------------------------------------------------------


def business_settings(session: Session) -> BusinessSettings:
    settings = session.get(BusinessSettings, 1)
    return settings if settings is not None else BusinessSettings(name="")


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    rows = session.exec(select(User.id, User.display_name).where(User.id.in_(wanted))).all()  # type: ignore[union-attr]
    return {uid: name for uid, name in rows if uid is not None}


def _guest_name(guest: Guest | None) -> str:
    if guest is None:
        return ""
    if guest.anonymised_at is not None:
        return "(anonymised guest)"
    return " ".join(p for p in (guest.title, guest.first_name, guest.last_name) if p).strip()


def _stay_text(stay: Stay) -> str:
    dates = f"{stay.arrival:%d %b} – {stay.departure:%d %b %Y}"
    room = f"Room {stay.room} · " if stay.room else ""
    return f"{room}{dates} · {stay.status.replace('_', ' ')}"


def _load(session: Session, complaint_id: int) -> Complaint:
    complaint = session.get(Complaint, complaint_id)
    if complaint is None:
        raise UserError("That complaint does not exist.")
    return complaint


def _editable(complaint: Complaint, what: str) -> None:
    status = ComplaintStatus(complaint.status)
    if status is ComplaintStatus.VOID:
        raise UserError(f"This complaint was voided; you cannot {what}.")
    if status is ComplaintStatus.CLOSED:
        raise UserError(f"This complaint is closed; reopen it to {what}.")


def _check_lookup(session: Session, kind: LookupKind, code: str, field_name: str, what: str) -> str:
    found = session.exec(
        select(Lookup.id).where(Lookup.kind == kind.value, Lookup.code == code, Lookup.active)
    ).first()
    if found is None:
        raise UserError.at(field_name, f"Choose a {what} from the list.")
    return code


def _check_user(session: Session, user_id: int, field_name: str) -> User:
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise UserError.at(field_name, "Choose an active staff member.")
    return user


def _default_stay_id(ctx: Context, guest_id: int) -> int | None:
    """The stay a complaint most likely concerns (the guest book's rule: in house first)."""
    row = current_or_latest_stay(ctx, guest_id)
    return row.id if row is not None else None


def _check_stay(session: Session, stay_id: int, guest_id: int | None) -> Stay:
    stay = session.get(Stay, stay_id)
    if stay is None or (guest_id is not None and stay.guest_id != guest_id):
        raise UserError.at("stay", "That stay does not belong to this guest.")
    if guest_id is None:
        raise UserError.at("stay", "A walk-in complaint has no stay; link the guest first.")
    return stay


def _transition(
    session: Session, ctx: Context, complaint: Complaint, target: ComplaintStatus, note: str
) -> None:
    session.add(
        ComplaintTransition(
            complaint_id=complaint.id,  # type: ignore[arg-type]
            from_status=complaint.status,
            to_status=target.value,
            at=ctx.now(),
            by_id=ctx.actor.id,
            note=note.strip()[:500],
        )
    )
    complaint.status = target.value
    complaint.updated_at = ctx.now()


def _is_escalated(c: Complaint) -> bool:
    return (
        Severity(c.severity) in ESCALATING
        and c.acknowledged_at is None
        and ComplaintStatus(c.status) not in (ComplaintStatus.VOID, ComplaintStatus.CLOSED)
    )


def _is_overdue(c: Complaint, today: date) -> bool:
    return (
        c.follow_up_due is not None
        and c.follow_up_due < today
        and c.follow_up_done_at is None
        and not c.follow_up_waived_reason
        and ComplaintStatus(c.status) not in (ComplaintStatus.VOID, ComplaintStatus.CLOSED)
    )


def counted_clause() -> object:
    return or_(RecoveryAction.needs_approval.is_(False), RecoveryAction.approved_at.is_not(None))  # type: ignore[attr-defined,union-attr]


# --- logging ----------------------------------------------------------------------------


def log_complaint(ctx: Context, data: ComplaintInput) -> int:
    """Record a complaint as the guest told it. Returns its id."""
    require(ctx, Permission.WORK_COMPLAINTS)
    errors: dict[str, str] = {}
    words = data.guest_words.strip()
    if not words:
        errors["guest_words"] = "Write down what the guest said, in their words."
    elif len(words) > MAX_WORDS:
        errors["guest_words"] = f"Keep the guest's words under {MAX_WORDS:,} characters."
    walk_in = data.walk_in_name.strip()
    if data.guest_id is None and not walk_in:
        errors["guest"] = "Choose the guest, or type the name of a walk-in."
    if len(walk_in) > 200:
        errors["guest"] = "Keep the name under 200 characters."
    try:
        channel = ComplaintChannel(data.channel)
    except ValueError:
        errors["channel"] = "Choose how the complaint reached you."
        channel = ComplaintChannel.IN_PERSON
    try:
        severity = Severity(data.severity)
    except ValueError:
        errors["severity"] = "Choose minor, serious or critical."
        severity = Severity.MINOR
    now = ctx.now()
    received_at = aware(data.received_at) or now
    if received_at > now + FUTURE_SLACK:
        errors["received_at"] = "A complaint cannot be received in the future."
    received_day = local_date(received_at)
    default_stay = (
        _default_stay_id(ctx, data.guest_id)
        if data.guest_id is not None and data.stay_id is None and data.default_stay
        else None
    )
    due = data.follow_up_due or default_follow_up(severity, received_day)
    if due < received_day:
        errors["follow_up_due"] = (
            f"The follow-up cannot be due before the complaint ({received_day:%d %b %Y})."
        )

    with ctx.db.session(write=True) as session:
        for check in (
            lambda: _check_lookup(
                session, LookupKind.COMPLAINT_CATEGORY, data.category, "category", "category"
            ),
            lambda: (
                data.department
                and _check_lookup(session, LookupKind.DEPARTMENT, data.department, "department", "department")
            ),
            lambda: data.owner_id is not None and _check_user(session, data.owner_id, "owner"),
            lambda: (
                data.received_by_id is not None and _check_user(session, data.received_by_id, "received_by")
            ),
        ):
            try:
                check()
            except UserError as err:
                errors.update(err.field_errors)
        stay_id = data.stay_id
        if data.guest_id is not None:
            guest = session.get(Guest, data.guest_id)
            if guest is None or guest.merged_into_id is not None or guest.anonymised_at is not None:
                errors["guest"] = "That guest is not in the guest book any more."
            elif stay_id is None and data.default_stay:
                stay_id = default_stay
        if stay_id is not None and "guest" not in errors:
            try:
                _check_stay(session, stay_id, data.guest_id)
            except UserError as err:
                errors.update(err.field_errors)
        if errors:
            raise UserError("Please correct the highlighted fields.", errors)
        complaint = Complaint(
            guest_id=data.guest_id,
            walk_in_name="" if data.guest_id is not None else walk_in,
            stay_id=stay_id,
            received_at=received_at,
            received_by_id=data.received_by_id if data.received_by_id is not None else ctx.actor.id,
            channel=channel.value,
            category=data.category,
            department=data.department,
            severity=severity.value,
            guest_words=words,
            within_control=data.within_control,
            sensitive=data.sensitive,
            owner_id=data.owner_id if data.owner_id is not None else ctx.actor.id,
            status=ComplaintStatus.OPEN.value,
            follow_up_due=due,
            created_at=now,
            updated_at=now,
        )
        session.add(complaint)
        session.flush()
        assert complaint.id is not None
        session.add(
            ComplaintTransition(
                complaint_id=complaint.id, from_status=None, to_status="open", at=now, by_id=ctx.actor.id
            )
        )
        # The words stay out of the audit trail: it is readable by managers who may not
        # be meant to see a sensitive case's details there.
        audit.record(
            session,
            ctx,
            "log",
            ENTITY,
            complaint.id,
            {
                "guest_id": complaint.guest_id,
                "walk_in": bool(complaint.walk_in_name),
                "stay_id": stay_id,
                "category": complaint.category,
                "severity": complaint.severity,
                "sensitive": complaint.sensitive,
                "follow_up_due": due,
            },
        )
        return complaint.id


def link_guest(ctx: Context, complaint_id: int, guest_id: int, stay_id: int | None = None) -> None:
    """Attach a walk-in's complaint to the guest's profile once they have one."""
    require(ctx, Permission.WORK_COMPLAINTS)
    default_stay = _default_stay_id(ctx, guest_id) if stay_id is None else None
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        if complaint.status == ComplaintStatus.VOID.value:
            raise UserError("This complaint was voided; it cannot be linked.")
        guest = session.get(Guest, guest_id)
        if guest is None or guest.merged_into_id is not None or guest.anonymised_at is not None:
            raise UserError.at("guest", "That guest is not in the guest book any more.")
        if stay_id is None:
            stay_id = default_stay
        else:
            _check_stay(session, stay_id, guest_id)
        before = {"guest_id": complaint.guest_id, "stay_id": complaint.stay_id}
        complaint.guest_id, complaint.stay_id = guest_id, stay_id
        complaint.updated_at = ctx.now()
        audit.record(
            session,
            ctx,
            "link_guest",
            ENTITY,
            complaint_id,
            audit.diff(before, {"guest_id": guest_id, "stay_id": stay_id})
            | {"walk_in_name": complaint.walk_in_name},
        )


# --- workflow ---------------------------------------------------------------------------


def set_status(
    ctx: Context, complaint_id: int, target: str, note: str = "", outcome: str | None = None
) -> None:
    """Move a complaint along its workflow, or refuse with the reason."""
    require(ctx, Permission.WORK_COMPLAINTS)
    target_status = ComplaintStatus(target)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        current = ComplaintStatus(complaint.status)
        why = refusal(current, target_status)
        if why:
            raise UserError(why)
        changes: dict[str, object] = {"status": [current.value, target_status.value]}
        if target_status is ComplaintStatus.RESOLVED:
            _check_can_resolve(session, complaint, outcome)
            complaint.outcome = outcome or complaint.outcome
            complaint.resolved_at = ctx.now()
            changes["outcome"] = complaint.outcome
        elif target_status is ComplaintStatus.UNABLE_TO_RESOLVE:
            if outcome is not None:
                complaint.outcome = Outcome(outcome).value
            complaint.resolved_at = None
        elif target_status is ComplaintStatus.CLOSED:
            if complaint.follow_up_done_at is None and not complaint.follow_up_waived_reason:
                raise UserError(
                    "Follow up with the guest (or waive the follow-up, with a reason) before closing."
                )
            complaint.closed_at = ctx.now()
        elif target_status is ComplaintStatus.IN_PROGRESS:
            if current is not ComplaintStatus.OPEN:  # reopened: the earlier end no longer stands
                complaint.resolved_at = None
                complaint.closed_at = None
            elif Severity(complaint.severity) is Severity.MINOR and complaint.acknowledged_at is None:
                # Taking a minor complaint up is its acknowledgement; serious and critical
                # ones wait for a manager's.
                complaint.acknowledged_at = ctx.now()
                complaint.acknowledged_by_id = ctx.actor.id
        _transition(session, ctx, complaint, target_status, note)
        audit.record(session, ctx, "transition", ENTITY, complaint_id, changes | {"note": note.strip()})


def start(ctx: Context, complaint_id: int, note: str = "") -> None:
    set_status(ctx, complaint_id, ComplaintStatus.IN_PROGRESS.value, note)


def resolve(ctx: Context, complaint_id: int, outcome: str, note: str = "") -> None:
    set_status(ctx, complaint_id, ComplaintStatus.RESOLVED.value, note, outcome)


def reopen(ctx: Context, complaint_id: int, note: str = "") -> None:
    set_status(ctx, complaint_id, ComplaintStatus.IN_PROGRESS.value, note)


def close(ctx: Context, complaint_id: int, note: str = "") -> None:
    set_status(ctx, complaint_id, ComplaintStatus.CLOSED.value, note)


def _check_can_resolve(session: Session, complaint: Complaint, outcome: str | None) -> None:
    errors: dict[str, str] = {}
    if outcome is None and complaint.outcome is None:
        errors["outcome"] = "Say whether the guest was satisfied (yes, no or unknown)."
    elif outcome is not None:
        try:
            Outcome(outcome)
        except ValueError:
            errors["outcome"] = "Choose satisfied, not satisfied or unknown."
    counted = session.exec(
        select(func.count())
        .select_from(RecoveryAction)
        .where(RecoveryAction.complaint_id == complaint.id, counted_clause())  # type: ignore[arg-type]
    ).one()
    if not counted:
        pending = session.exec(
            select(func.count())
            .select_from(RecoveryAction)
            .where(RecoveryAction.complaint_id == complaint.id)
        ).one()
        errors["actions"] = (
            "The recovery actions still await a manager's approval; they count once approved."
            if pending
            else "Record at least one recovery action (an apology counts) before resolving."
        )
    if errors:
        raise UserError(" ".join(errors.values()), errors)


def assign_owner(ctx: Context, complaint_id: int, owner_id: int) -> None:
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        _editable(complaint, "change its owner")
        _check_user(session, owner_id, "owner")
        before = complaint.owner_id
        complaint.owner_id = owner_id
        complaint.updated_at = ctx.now()
        audit.record(session, ctx, "assign_owner", ENTITY, complaint_id, {"owner_id": [before, owner_id]})


def set_follow_up_due(ctx: Context, complaint_id: int, due: date) -> None:
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        _editable(complaint, "change the follow-up")
        received_day = local_date(aware(complaint.received_at))  # type: ignore[arg-type]
        if due < received_day:
            raise UserError.at(
                "follow_up_due",
                f"The follow-up cannot be due before the complaint ({received_day:%d %b %Y}).",
            )
        before = complaint.follow_up_due
        complaint.follow_up_due = due
        complaint.updated_at = ctx.now()
        audit.record(session, ctx, "follow_up_due", ENTITY, complaint_id, {"follow_up_due": [before, due]})


def mark_follow_up_done(ctx: Context, complaint_id: int) -> None:
    """The guest was contacted after the recovery; also ticks the "followed up" step."""
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        _editable(complaint, "record the follow-up")
        if complaint.follow_up_done_at is None:
            complaint.follow_up_done_at = ctx.now()
        _tick(session, ctx, complaint, RecoveryStepKind.FOLLOWED_UP)
        complaint.updated_at = ctx.now()
        audit.record(session, ctx, "follow_up_done", ENTITY, complaint_id)


def waive_follow_up(ctx: Context, complaint_id: int, reason: str) -> None:
    require(ctx, Permission.WORK_COMPLAINTS)
    reason = reason.strip()
    if not reason:
        raise UserError.at("waive_reason", "Say why no follow-up is needed.")
    if len(reason) > 500:
        raise UserError.at("waive_reason", "Keep the reason under 500 characters.")
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        _editable(complaint, "waive the follow-up")
        complaint.follow_up_waived_reason = reason
        complaint.updated_at = ctx.now()
        audit.record(session, ctx, "follow_up_waived", ENTITY, complaint_id, {"reason": reason})


def acknowledge(ctx: Context, complaint_id: int) -> None:
    """A manager has seen an escalated (serious or critical) complaint."""
    require(ctx, Permission.APPROVE_COMPENSATION)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        if complaint.status == ComplaintStatus.VOID.value:
            raise UserError("This complaint was voided.")
        if complaint.acknowledged_at is not None and Severity(complaint.severity) in ESCALATING:
            raise UserError("A manager has already acknowledged this complaint.")
        complaint.acknowledged_at = ctx.now()
        complaint.acknowledged_by_id = ctx.actor.id
        audit.record(session, ctx, "acknowledge", ENTITY, complaint_id)


def void(ctx: Context, complaint_id: int, reason: str) -> None:
    """Take a complaint out of every list and figure (a duplicate, logged by mistake)."""
    require(ctx, Permission.VOID_COMPLAINTS)
    reason = reason.strip()
    if not reason:
        raise UserError.at("void_reason", "Say why the complaint is void.")
    if len(reason) > 500:
        raise UserError.at("void_reason", "Keep the reason under 500 characters.")
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        if complaint.status == ComplaintStatus.VOID.value:
            raise UserError("This complaint is already void.")
        before = complaint.status
        complaint.void_reason = reason
        _transition(session, ctx, complaint, ComplaintStatus.VOID, reason)
        audit.record(
            session, ctx, "void", ENTITY, complaint_id, {"status": [before, "void"], "reason": reason}
        )


# --- recovery ---------------------------------------------------------------------------


def _tick(session: Session, ctx: Context, complaint: Complaint, step: RecoveryStepKind) -> bool:
    exists = session.exec(
        select(RecoveryStep).where(RecoveryStep.complaint_id == complaint.id, RecoveryStep.step == step.value)
    ).first()
    if exists is not None:
        return False
    session.add(
        RecoveryStep(complaint_id=complaint.id, step=step.value, done_at=ctx.now(), done_by_id=ctx.actor.id)  # type: ignore[arg-type]
    )
    return True


def tick_step(ctx: Context, complaint_id: int, step: str) -> None:
    require(ctx, Permission.WORK_COMPLAINTS)
    kind = RecoveryStepKind(step)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        _editable(complaint, "tick recovery steps")
        if not _tick(session, ctx, complaint, kind):
            return
        if kind is RecoveryStepKind.FOLLOWED_UP and complaint.follow_up_done_at is None:
            complaint.follow_up_done_at = ctx.now()
        complaint.updated_at = ctx.now()
        audit.record(session, ctx, "tick_step", ENTITY, complaint_id, {"step": kind.value})


def untick_step(ctx: Context, complaint_id: int, step: str) -> None:
    require(ctx, Permission.WORK_COMPLAINTS)
    kind = RecoveryStepKind(step)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        _editable(complaint, "untick recovery steps")
        row = session.exec(
            select(RecoveryStep).where(
                RecoveryStep.complaint_id == complaint_id, RecoveryStep.step == kind.value
            )
        ).first()
        if row is None:
            return
        ticked_at = row.done_at
        session.delete(row)
        if kind is RecoveryStepKind.FOLLOWED_UP:
            complaint.follow_up_done_at = None
        complaint.updated_at = ctx.now()
        audit.record(
            session,
            ctx,
            "untick_step",
            ENTITY,
            complaint_id,
            {"step": kind.value, "was_ticked_at": ticked_at},
        )


def add_action(ctx: Context, complaint_id: int, kind: str, description: str, value_text: str) -> int:
    """Record what was done for the guest. Above the approval limit it waits for a manager."""
    require(ctx, Permission.WORK_COMPLAINTS)
    errors: dict[str, str] = {}
    try:
        action_kind = RecoveryActionKind(kind)
    except ValueError:
        errors["kind"] = "Choose what was done."
        action_kind = RecoveryActionKind.APOLOGY
    description = description.strip()
    if len(description) > 500:
        errors["description"] = "Keep the description under 500 characters."
    with ctx.db.session(write=True) as session:
        settings = business_settings(session)
        try:
            value = parse_money(value_text, settings.currency, settings.locale, field="value")
        except UserError as err:
            errors.update(err.field_errors)
            value = 0
        complaint = _load(session, complaint_id)
        if errors:
            raise UserError("Please correct the highlighted fields.", errors)
        _editable(complaint, "record recovery actions")
        needs = value > settings.approval_limit_minor
        action = RecoveryAction(
            complaint_id=complaint_id,
            kind=action_kind.value,
            description=description,
            value_minor=value,
            needs_approval=needs,
            done_at=ctx.now(),
            done_by_id=ctx.actor.id,
        )
        session.add(action)
        session.flush()
        assert action.id is not None
        complaint.updated_at = ctx.now()
        audit.record(
            session,
            ctx,
            "add_action",
            ENTITY,
            complaint_id,
            {"action_id": action.id, "kind": action.kind, "value_minor": value, "needs_approval": needs},
        )
        return action.id


def approve_action(ctx: Context, action_id: int) -> None:
    require(ctx, Permission.APPROVE_COMPENSATION)
    with ctx.db.session(write=True) as session:
        action = session.get(RecoveryAction, action_id)
        if action is None:
            raise UserError("That recovery action does not exist.")
        complaint = _load(session, action.complaint_id)
        if complaint.status == ComplaintStatus.VOID.value:
            raise UserError("This complaint was voided.")
        if not action.needs_approval:
            raise UserError("This action is within the limit; it needs no approval.")
        if action.approved_at is not None:
            raise UserError("This action is already approved.")
        action.approved_at = ctx.now()
        action.approved_by_id = ctx.actor.id
        audit.record(
            session,
            ctx,
            "approve_action",
            ENTITY,
            complaint.id,
            {"action_id": action_id, "value_minor": action.value_minor},
        )


def record_learning(ctx: Context, complaint_id: int, root_cause: str, corrective_action: str) -> None:
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session(write=True) as session:
        complaint = _load(session, complaint_id)
        if complaint.status == ComplaintStatus.VOID.value:
            raise UserError("This complaint was voided.")
        if complaint.sensitive and not allowed(ctx, Permission.VIEW_SENSITIVE):
            # They could not see what they would overwrite.
            raise UserError("Only a manager can edit the details of a sensitive complaint.")
        complaint.root_cause = root_cause.strip()
        complaint.corrective_action = corrective_action.strip()
        complaint.updated_at = ctx.now()
        audit.record(
            session,
            ctx,
            "record_learning",
            ENTITY,
            complaint_id,
            {"lengths": [len(complaint.root_cause), len(complaint.corrective_action)]},
        )


# --- reading ----------------------------------------------------------------------------


def get_complaint(ctx: Context, complaint_id: int) -> ComplaintDetail:
    """One complaint with its history. A sensitive one's details only for managers (audited)."""
    require(ctx, Permission.WORK_COMPLAINTS)
    may_see = allowed(ctx, Permission.VIEW_SENSITIVE)
    with ctx.db.session() as session:
        audited = may_see and _load(session, complaint_id).sensitive
    # Only a manager opening a sensitive case writes (the audit event); others just read.
    with ctx.db.session(write=audited) as session:
        c = _load(session, complaint_id)
        redacted = c.sensitive and not may_see
        if audited:
            audit.record(session, ctx, "view_sensitive", ENTITY, complaint_id)
        settings = business_settings(session)
        transitions = session.exec(
            select(ComplaintTransition)
            .where(ComplaintTransition.complaint_id == complaint_id)
            .order_by(ComplaintTransition.at, ComplaintTransition.id)  # type: ignore[arg-type]
        ).all()
        steps = {
            s.step: s
            for s in session.exec(select(RecoveryStep).where(RecoveryStep.complaint_id == complaint_id)).all()
        }
        actions = session.exec(
            select(RecoveryAction)
            .where(RecoveryAction.complaint_id == complaint_id)
            .order_by(RecoveryAction.done_at, RecoveryAction.id)  # type: ignore[arg-type]
        ).all()
        user_ids: set[int | None] = {c.owner_id, c.received_by_id, c.acknowledged_by_id}
        user_ids |= {t.by_id for t in transitions} | {s.done_by_id for s in steps.values()}
        user_ids |= {a.done_by_id for a in actions} | {a.approved_by_id for a in actions}
        names = _names(session, user_ids)
        stay = session.get(Stay, c.stay_id) if c.stay_id else None
        guest = session.get(Guest, c.guest_id) if c.guest_id else None
        cat_labels = labels(session, LookupKind.COMPLAINT_CATEGORY)
        dep_labels = labels(session, LookupKind.DEPARTMENT)
        amount = stay.amount_minor if stay else 0

        assert c.id is not None
        return ComplaintDetail(
            id=c.id,
            guest_id=c.guest_id,
            guest_name=_guest_name(guest) or c.walk_in_name,
            walk_in_name=c.walk_in_name,
            stay_id=c.stay_id,
            stay_text=_stay_text(stay) if stay else "",
            received_at=aware(c.received_at),  # type: ignore[arg-type]
            received_by=names.get(c.received_by_id or -1, ""),
            channel=c.channel,
            category=c.category,
            category_label=cat_labels.get(c.category, c.category),
            department=c.department,
            department_label=dep_labels.get(c.department, c.department),
            severity=c.severity,
            within_control=c.within_control,
            sensitive=c.sensitive,
            redacted=redacted,
            guest_words=None if redacted else c.guest_words,
            root_cause=None if redacted else c.root_cause,
            corrective_action=None if redacted else c.corrective_action,
            owner_id=c.owner_id,
            owner=names.get(c.owner_id or -1, ""),
            status=c.status,
            outcome=c.outcome,
            follow_up_due=c.follow_up_due,
            follow_up_done_at=aware(c.follow_up_done_at),
            follow_up_waived_reason=c.follow_up_waived_reason,
            acknowledged_at=aware(c.acknowledged_at),
            acknowledged_by=names.get(c.acknowledged_by_id or -1, ""),
            resolved_at=aware(c.resolved_at),
            closed_at=aware(c.closed_at),
            void_reason=c.void_reason,
            escalated=_is_escalated(c),
            overdue=_is_overdue(c, ctx.today()),
            currency=settings.currency,
            stay_amount_minor=amount,
            transitions=tuple(
                TransitionView(t.from_status, t.to_status, aware(t.at), names.get(t.by_id or -1, ""), t.note)  # type: ignore[arg-type]
                for t in transitions
            ),
            steps=tuple(
                StepView(
                    kind.value,
                    STEP_WORDS[kind],
                    aware(steps[kind.value].done_at) if kind.value in steps else None,
                    names.get(steps[kind.value].done_by_id or -1, "") if kind.value in steps else "",
                )
                for kind in RecoveryStepKind
            ),
            actions=tuple(
                ActionView(
                    id=a.id,  # type: ignore[arg-type]
                    kind=a.kind,
                    description=None if redacted else a.description,
                    value_minor=a.value_minor,
                    value_text=format_money(a.value_minor, settings.currency, settings.locale),
                    share_of_stay=(a.value_minor / amount) if amount > 0 else None,
                    needs_approval=a.needs_approval,
                    approved_at=aware(a.approved_at),
                    approved_by=names.get(a.approved_by_id or -1, ""),
                    done_at=aware(a.done_at),  # type: ignore[arg-type]
                    done_by=names.get(a.done_by_id or -1, ""),
                )
                for a in actions
            ),
        )


def _filtered(ctx: Context, f: ComplaintFilter):  # type: ignore[no-untyped-def]
    stmt = select(Complaint, Guest).join(Guest, Guest.id == Complaint.guest_id, isouter=True)  # type: ignore[arg-type]
    active = [s.value for s in ACTIVE]
    finished_or_void = [ComplaintStatus.VOID.value, ComplaintStatus.CLOSED.value]
    today = ctx.today()
    if f.view is ComplaintView.OPEN:
        stmt = stmt.where(Complaint.status.in_(active))  # type: ignore[attr-defined]
    elif f.view is ComplaintView.MINE:
        stmt = stmt.where(
            Complaint.owner_id == ctx.actor.id,
            Complaint.status.notin_(finished_or_void),  # type: ignore[attr-defined]
        )
    elif f.view is ComplaintView.OVERDUE:
        stmt = stmt.where(
            Complaint.follow_up_due < today,  # type: ignore[operator]
            Complaint.follow_up_done_at.is_(None),  # type: ignore[union-attr]
            Complaint.follow_up_waived_reason == "",
            Complaint.status.notin_(finished_or_void),  # type: ignore[attr-defined]
        )
    elif f.view is ComplaintView.ESCALATED:
        stmt = stmt.where(
            Complaint.severity.in_([s.value for s in ESCALATING]),  # type: ignore[attr-defined]
            Complaint.acknowledged_at.is_(None),  # type: ignore[union-attr]
            Complaint.status.notin_(finished_or_void),  # type: ignore[attr-defined]
        )
    if f.status:
        stmt = stmt.where(Complaint.status == f.status)
    if f.category:
        stmt = stmt.where(Complaint.category == f.category)
    if f.severity:
        stmt = stmt.where(Complaint.severity == f.severity)
    if f.department:
        stmt = stmt.where(Complaint.department == f.department)
    if f.received_from:
        stmt = stmt.where(Complaint.received_at >= local_start(f.received_from))
    if f.received_to:
        stmt = stmt.where(Complaint.received_at < local_start(f.received_to + timedelta(days=1)))
    return stmt


def count_complaints(ctx: Context, f: ComplaintFilter) -> int:
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session() as session:
        sub = _filtered(ctx, f).subquery()
        return int(session.exec(select(func.count()).select_from(sub)).one())


def list_complaints(
    ctx: Context, f: ComplaintFilter, offset: int = 0, limit: int = 200
) -> list[ComplaintRow]:
    """One page of the list, newest first (overdue: most overdue first)."""
    require(ctx, Permission.WORK_COMPLAINTS)
    today = ctx.today()
    with ctx.db.session() as session:
        stmt = _filtered(ctx, f)
        if f.view is ComplaintView.OVERDUE:
            stmt = stmt.order_by(Complaint.follow_up_due, Complaint.id)  # type: ignore[arg-type]
        else:
            stmt = stmt.order_by(Complaint.received_at.desc(), Complaint.id.desc())  # type: ignore[attr-defined,union-attr]
        rows = session.exec(stmt.offset(offset).limit(limit)).all()
        names = _names(session, {c.owner_id for c, _ in rows})
        cat_labels = labels(session, LookupKind.COMPLAINT_CATEGORY)
        result = []
        for c, guest in rows:
            received = aware(c.received_at)
            assert received is not None and c.id is not None
            ack, res = aware(c.acknowledged_at), aware(c.resolved_at)
            result.append(
                ComplaintRow(
                    id=c.id,
                    guest_id=c.guest_id,
                    guest_name=_guest_name(guest) or f"{c.walk_in_name} (walk-in)",
                    received_at=received,
                    category=c.category,
                    category_label=cat_labels.get(c.category, c.category),
                    severity=c.severity,
                    status=c.status,
                    owner=names.get(c.owner_id or -1, ""),
                    follow_up_due=c.follow_up_due,
                    time_to_acknowledge=(ack - received) if ack else None,
                    time_to_resolve=(res - received) if res else None,
                    escalated=_is_escalated(c),
                    overdue=_is_overdue(c, today),
                    sensitive=c.sensitive,
                )
            )
        return result


def complaints_of_guest(ctx: Context, guest_id: int) -> list[GuestComplaint]:
    """Every complaint of a guest, newest first, each with its outcome in one line."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        rows = session.exec(
            select(Complaint)
            .where(Complaint.guest_id == guest_id, Complaint.status != ComplaintStatus.VOID.value)
            .order_by(Complaint.received_at.desc())  # type: ignore[attr-defined]
        ).all()
        ids = [c.id for c in rows]
        kinds: dict[int, list[str]] = {}
        for cid, kind in session.exec(
            select(RecoveryAction.complaint_id, RecoveryAction.kind)
            .where(RecoveryAction.complaint_id.in_(ids), counted_clause())  # type: ignore[attr-defined,arg-type]
            .order_by(RecoveryAction.done_at)
        ).all():
            kinds.setdefault(cid, []).append(ACTION_WORDS.get(kind, kind))
        cat_labels = labels(session, LookupKind.COMPLAINT_CATEGORY)
        result = []
        for c in rows:
            assert c.id is not None
            received = aware(c.received_at)
            assert received is not None
            label = cat_labels.get(c.category, c.category)
            note = ComplaintNote(
                c.id, received, label.lower(), c.status, c.outcome, tuple(kinds.get(c.id, ()))
            )
            result.append(
                GuestComplaint(c.id, received, label, c.severity, c.status, c.outcome, note.summary)
            )
        return result


def stay_choices(ctx: Context, guest_id: int) -> tuple[list[StayChoice], int | None]:
    """The guest's stays (newest first) and the one a new complaint defaults to."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        stays = session.exec(
            select(Stay).where(Stay.guest_id == guest_id).order_by(Stay.arrival.desc()).limit(20)  # type: ignore[attr-defined]
        ).all()
        choices = [StayChoice(s.id, _stay_text(s), s.amount_minor) for s in stays if s.id is not None]
    return choices, _default_stay_id(ctx, guest_id)


def staff_choices(ctx: Context) -> list[StaffChoice]:
    """Active staff, for the owner picker."""
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session() as session:
        rows = session.exec(
            select(User.id, User.display_name).where(User.active).order_by(User.display_name)
        ).all()
        return [StaffChoice(uid, name) for uid, name in rows if uid is not None]


def guest_label(ctx: Context, guest_id: int) -> str:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        return _guest_name(session.get(Guest, guest_id))
