"""Complaints and service recovery: logging, the workflow, recovery, follow-up, learning.

Every write is one transaction with its audit event. Complaints are never deleted: they
are closed, or voided by a manager with a reason. Reading (one complaint, the lists, a
guest's history) is in ``complaint_queries`` and re-exported here; the workflow table in
``complaint_rules``; the figures in ``complaint_figures``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.models import (
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
from frontdesk.money import parse_money
from frontdesk.services import audit
from frontdesk.services.complaint_common import (
    ENTITY,
    aware,
    business_settings,
    counted_clause,
    default_stay_id,
    load_complaint,
    local_date,
)

# The reading side lives in complaint_queries; callers may use either module.
from frontdesk.services.complaint_queries import (  # noqa: F401
    ActionView,
    ComplaintDetail,
    ComplaintFilter,
    ComplaintRow,
    ComplaintView,
    GuestComplaint,
    StaffChoice,
    StayChoice,
    StepView,
    TransitionView,
    complaints_of_guest,
    count_complaints,
    get_complaint,
    guest_label,
    list_complaints,
    staff_choices,
    stay_choices,
)
from frontdesk.services.complaint_rules import ESCALATING, default_follow_up, refusal
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, allowed, require

MAX_WORDS = 20000
FUTURE_SLACK = timedelta(minutes=5)  # clocks of two PCs differ a little

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


# --- small helpers ----------------------------------------------------------------------


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
        default_stay_id(ctx, data.guest_id)
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
    default_stay = default_stay_id(ctx, guest_id) if stay_id is None else None
    with ctx.db.session(write=True) as session:
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
        _editable(complaint, "change its owner")
        _check_user(session, owner_id, "owner")
        before = complaint.owner_id
        complaint.owner_id = owner_id
        complaint.updated_at = ctx.now()
        audit.record(session, ctx, "assign_owner", ENTITY, complaint_id, {"owner_id": [before, owner_id]})


def set_follow_up_due(ctx: Context, complaint_id: int, due: date) -> None:
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session(write=True) as session:
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
        _editable(complaint, "waive the follow-up")
        complaint.follow_up_waived_reason = reason
        complaint.updated_at = ctx.now()
        audit.record(session, ctx, "follow_up_waived", ENTITY, complaint_id, {"reason": reason})


def acknowledge(ctx: Context, complaint_id: int) -> None:
    """A manager has seen an escalated (serious or critical) complaint."""
    require(ctx, Permission.APPROVE_COMPENSATION)
    with ctx.db.session(write=True) as session:
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, complaint_id)
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
        complaint = load_complaint(session, action.complaint_id)
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
        complaint = load_complaint(session, complaint_id)
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
