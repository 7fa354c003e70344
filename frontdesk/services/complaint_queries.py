"""Reading complaints: one complaint in full, the lists, a guest's history, form choices.

A sensitive complaint's details (the guest's words, root cause, corrective action, the
actions' descriptions) never leave this module for a role without VIEW_SENSITIVE; a
manager reading them is audited ("view_sensitive").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import func
from sqlmodel import Session, select

from frontdesk.models import (
    Complaint,
    ComplaintStatus,
    ComplaintTransition,
    Guest,
    LookupKind,
    PreferenceKind,
    RecoveryAction,
    RecoveryStep,
    RecoveryStepKind,
    Stay,
    User,
)
from frontdesk.money import format_money
from frontdesk.services import audit
from frontdesk.services.complaint_common import (
    ENTITY,
    STEP_WORDS,
    aware,
    business_settings,
    counted_clause,
    default_stay_id,
    guest_name,
    is_escalated,
    is_overdue,
    load_complaint,
    local_start,
    stay_text,
    user_names,
)
from frontdesk.services.complaint_rules import ACTIVE, ESCALATING
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import ACTION_WORDS, ComplaintNote, facts_for
from frontdesk.services.lookups import labels
from frontdesk.services.permissions import Permission, allowed, require


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
    alerts: tuple[tuple[str, str], ...] = ()  # (kind, text), as on the list rows

    @property
    def counted_actions(self) -> int:
        return sum(1 for a in self.actions if a.counted)


class ComplaintView(StrEnum):
    OPEN = "open"
    MINE = "mine"
    OVERDUE = "overdue"
    DUE_TODAY = "due_today"
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
    # The guest's allergies and alerts as (kind, text), allergies first: whoever calls
    # the guest back or sends something to the room must not miss them.
    alerts: tuple[tuple[str, str], ...] = ()


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


# --- reading ----------------------------------------------------------------------------


def get_complaint(ctx: Context, complaint_id: int) -> ComplaintDetail:
    """One complaint with its history. A sensitive one's details only for managers (audited)."""
    require(ctx, Permission.WORK_COMPLAINTS)
    may_see = allowed(ctx, Permission.VIEW_SENSITIVE)
    with ctx.db.session() as session:
        audited = may_see and load_complaint(session, complaint_id).sensitive
    # Only a manager opening a sensitive case writes (the audit event); others just read.
    with ctx.db.session(write=audited) as session:
        c = load_complaint(session, complaint_id)
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
        names = user_names(session, user_ids)
        stay = session.get(Stay, c.stay_id) if c.stay_id else None
        guest = session.get(Guest, c.guest_id) if c.guest_id else None
        cat_labels = labels(session, LookupKind.COMPLAINT_CATEGORY)
        dep_labels = labels(session, LookupKind.DEPARTMENT)
        amount = stay.amount_minor if stay else 0
        alerts = _alerts(session, [c.guest_id] if c.guest_id else []).get(c.guest_id or -1, ())

        assert c.id is not None
        return ComplaintDetail(
            id=c.id,
            guest_id=c.guest_id,
            guest_name=guest_name(guest) or c.walk_in_name,
            walk_in_name=c.walk_in_name,
            stay_id=c.stay_id,
            stay_text=stay_text(stay) if stay else "",
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
            escalated=is_escalated(c),
            overdue=is_overdue(c, ctx.today()),
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
            alerts=alerts,
        )


def _alerts(session: Session, guest_ids: list[int]) -> dict[int, tuple[tuple[str, str], ...]]:
    facts = facts_for(session, guest_ids, complaint_notes=0)
    return {
        gid: tuple(
            (p.kind.value, p.text)
            for p in f.preferences
            if p.kind in (PreferenceKind.ALLERGY, PreferenceKind.ALERT)
        )
        for gid, f in facts.items()
    }


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
    elif f.view is ComplaintView.DUE_TODAY:
        stmt = stmt.where(
            Complaint.follow_up_due == today,
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
        if f.view in (ComplaintView.OVERDUE, ComplaintView.DUE_TODAY):
            stmt = stmt.order_by(Complaint.follow_up_due, Complaint.id)  # type: ignore[arg-type]
        else:
            stmt = stmt.order_by(Complaint.received_at.desc(), Complaint.id.desc())  # type: ignore[attr-defined,union-attr]
        rows = session.exec(stmt.offset(offset).limit(limit)).all()
        names = user_names(session, {c.owner_id for c, _ in rows})
        alerts = _alerts(session, [c.guest_id for c, _ in rows if c.guest_id is not None])
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
                    guest_name=guest_name(guest) or f"{c.walk_in_name} (walk-in)",
                    received_at=received,
                    category=c.category,
                    category_label=cat_labels.get(c.category, c.category),
                    severity=c.severity,
                    status=c.status,
                    owner=names.get(c.owner_id or -1, ""),
                    follow_up_due=c.follow_up_due,
                    time_to_acknowledge=(ack - received) if ack else None,
                    time_to_resolve=(res - received) if res else None,
                    escalated=is_escalated(c),
                    overdue=is_overdue(c, today),
                    sensitive=c.sensitive,
                    alerts=alerts.get(c.guest_id, ()) if c.guest_id is not None else (),
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
        choices = [StayChoice(s.id, stay_text(s), s.amount_minor) for s in stays if s.id is not None]
    return choices, default_stay_id(ctx, guest_id)


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
        return guest_name(session.get(Guest, guest_id))
