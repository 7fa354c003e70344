"""Learning from complaints: monthly figures and the service-recovery figure (managers).

A month's complaints are those received in it (void ones left out); their times to
resolve and recovery cost count in the month the complaint was received. Room-nights
come from checked-out and in-house stays, the part of each stay that falls in the month.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.models import (
    Complaint,
    ComplaintStatus,
    Lookup,
    LookupKind,
    Outcome,
    RecoveryAction,
    Stay,
    StayStatus,
)
from frontdesk.services.complaint_common import (
    aware,
    business_settings,
    counted_clause,
    local_date,
    local_start,
)
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, require


@dataclass(frozen=True)
class MonthFigures:
    month: date  # first day of the month
    complaints: int
    by_category: dict[str, int]  # label -> count
    by_department: dict[str, int]  # label -> count ("(none)" when not given)
    room_nights: int
    per_100_room_nights: float | None
    resolved: int
    avg_hours_to_resolve: float | None
    p90_hours_to_resolve: float | None
    recovery_cost_minor: int
    satisfied: int
    share_satisfied: float | None  # resolved with the guest satisfied, of the month's complaints


@dataclass(frozen=True)
class CameBack:
    complained: int
    complained_came_back: int
    others: int
    others_came_back: int

    @property
    def complained_share(self) -> float | None:
        return self.complained_came_back / self.complained if self.complained else None

    @property
    def others_share(self) -> float | None:
        return self.others_came_back / self.others if self.others else None


@dataclass(frozen=True)
class LearningNote:
    """A complaint's root cause and corrective action, as recorded on it."""

    complaint_id: int
    received: date
    category: str  # label
    department: str  # label, "" when not given
    root_cause: str
    corrective_action: str


LEARNING_LIMIT = 200  # the newest; a manager reads these, not a machine


@dataclass(frozen=True)
class Figures:
    currency: str
    months: list[MonthFigures]
    came_back: CameBack
    categories: list[str] = field(default_factory=list)  # labels in list order, for columns
    departments: list[str] = field(default_factory=list)
    learning: list[LearningNote] = field(default_factory=list)  # newest first
    learning_total: int = 0  # how many complaints in the period have any; may exceed the list


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least ``share`` of values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(round(share * len(ordered), 9)))  # round: 0.9 * 10 must be 9, not 9.000…1
    return ordered[rank - 1]


def _add_year(d: date) -> date:
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)


def monthly_figures(ctx: Context, start_month: date, end_month: date) -> Figures:
    """Figures per month from ``start_month`` to ``end_month`` (inclusive), and who came back.

    A month's complaints are those received in it (void ones left out); times to resolve
    and recovery cost belong to the month the complaint was received in.
    """
    require(ctx, Permission.VIEW_FIGURES)
    first, last = _month_start(start_month), _month_start(end_month)
    if last < first:
        raise UserError.at("end_month", "The last month cannot be before the first.")
    end = _next_month(last)
    with ctx.db.session() as session:
        settings = business_settings(session)
        cat_items = session.exec(
            select(Lookup.code, Lookup.label)
            .where(Lookup.kind == LookupKind.COMPLAINT_CATEGORY.value)
            .order_by(Lookup.sort_order, Lookup.label)  # type: ignore[arg-type]
        ).all()
        dep_items = session.exec(
            select(Lookup.code, Lookup.label)
            .where(Lookup.kind == LookupKind.DEPARTMENT.value)
            .order_by(Lookup.sort_order, Lookup.label)  # type: ignore[arg-type]
        ).all()
        cat_labels, dep_labels = dict(cat_items), dict(dep_items)
        in_period = (
            Complaint.status != ComplaintStatus.VOID.value,
            Complaint.received_at >= local_start(first),  # type: ignore[operator]
            Complaint.received_at < local_start(end),  # type: ignore[operator]
        )
        # Only the columns the figures use: a year can hold thousands of complaints.
        complaints = session.exec(
            select(
                Complaint.id,
                Complaint.guest_id,
                Complaint.category,
                Complaint.department,
                Complaint.received_at,
                Complaint.resolved_at,
                Complaint.outcome,
            ).where(*in_period)
        ).all()
        cost: dict[int, int] = dict(
            session.exec(
                select(RecoveryAction.complaint_id, func.sum(RecoveryAction.value_minor))
                .join(Complaint, Complaint.id == RecoveryAction.complaint_id)  # type: ignore[arg-type]
                .where(*in_period, counted_clause())  # type: ignore[arg-type]
                .group_by(RecoveryAction.complaint_id)
            ).all()
        )
        stay_rows = session.exec(
            select(Stay.arrival, Stay.departure, Stay.status).where(
                Stay.status.in_([StayStatus.CHECKED_OUT.value, StayStatus.IN_HOUSE.value]),  # type: ignore[attr-defined]
                Stay.arrival < end,
                Stay.departure > first,
            )
        ).all()
        # An in-house guest's nights count up to tonight; the rest of the booking may yet change.
        tomorrow = ctx.today() + timedelta(days=1)
        stays = [
            (arr, min(dep, tomorrow) if status == StayStatus.IN_HOUSE.value else dep)
            for arr, dep, status in stay_rows
        ]
        # Each stay walks only the months it touches (not every stay for every month).
        nights_by_month: dict[date, int] = {}
        for arr, dep in stays:
            month = max(_month_start(arr), first)
            while month < end and month < dep:
                following = _next_month(month)
                nights = (min(dep, following) - max(arr, month)).days
                if nights > 0:
                    nights_by_month[month] = nights_by_month.get(month, 0) + nights
                month = following
        received_days = [(c, local_date(aware(c.received_at))) for c in complaints]  # type: ignore[arg-type]
        months = []
        month = first
        while month < end:
            following = _next_month(month)
            mine = [c for c, day in received_days if month <= day < following]
            nights = nights_by_month.get(month, 0)
            hours = [
                (aware(c.resolved_at) - aware(c.received_at)).total_seconds() / 3600  # type: ignore[operator]
                for c in mine
                if c.resolved_at is not None
            ]
            satisfied = sum(
                1 for c in mine if c.resolved_at is not None and c.outcome == Outcome.SATISFIED.value
            )
            by_cat: dict[str, int] = {}
            by_dep: dict[str, int] = {}
            for c in mine:
                cat = cat_labels.get(c.category, c.category)
                by_cat[cat] = by_cat.get(cat, 0) + 1
                dep = dep_labels.get(c.department, c.department) if c.department else "(none)"
                by_dep[dep] = by_dep.get(dep, 0) + 1
            months.append(
                MonthFigures(
                    month=month,
                    complaints=len(mine),
                    by_category=by_cat,
                    by_department=by_dep,
                    room_nights=nights,
                    per_100_room_nights=(100 * len(mine) / nights) if nights else None,
                    resolved=len(hours),
                    avg_hours_to_resolve=(sum(hours) / len(hours)) if hours else None,
                    p90_hours_to_resolve=percentile(hours, 0.9),
                    recovery_cost_minor=sum(cost.get(c.id, 0) for c in mine),  # type: ignore[arg-type]
                    satisfied=satisfied,
                    share_satisfied=(satisfied / len(mine)) if mine else None,
                )
            )
            month = following
        came_back = _came_back(session, complaints, first, end)
        learned = (*in_period, or_(Complaint.root_cause != "", Complaint.corrective_action != ""))
        learning = [
            LearningNote(
                complaint_id=cid,  # type: ignore[arg-type]
                received=local_date(aware(received)),  # type: ignore[arg-type]
                category=cat_labels.get(category, category),
                department=dep_labels.get(department, department) if department else "",
                root_cause=root,
                corrective_action=corrective,
            )
            for cid, received, category, department, root, corrective in session.exec(
                select(
                    Complaint.id,
                    Complaint.received_at,
                    Complaint.category,
                    Complaint.department,
                    Complaint.root_cause,
                    Complaint.corrective_action,
                )
                .where(*learned)
                .order_by(Complaint.received_at.desc(), Complaint.id.desc())  # type: ignore[attr-defined,union-attr]
                .limit(LEARNING_LIMIT)
            ).all()
        ]
        learning_total = session.exec(select(func.count()).select_from(Complaint).where(*learned)).one()
        return Figures(
            currency=settings.currency,
            months=months,
            came_back=came_back,
            categories=[label for _, label in cat_items],
            departments=[label for _, label in dep_items],
            learning=learning,
            learning_total=learning_total,
        )


def _came_back(session: Session, complaints: Sequence[Any], first: date, end: date) -> CameBack:
    """Of guests who complained in the period, how many arrived again within 12 months.

    A complainer's reference date is their first complaint in the period; another guest's
    is the departure of their first completed stay that ended in the period. "Came back"
    is a completed (checked-out) stay arriving after the reference date and no more than
    12 months after it.
    """
    reference: dict[int, date] = {}
    for c in sorted(complaints, key=lambda c: c.received_at):
        if c.guest_id is not None and c.guest_id not in reference:
            reference[c.guest_id] = local_date(aware(c.received_at))  # type: ignore[arg-type]
    others: dict[int, date] = {}
    for gid, departure in session.exec(
        select(Stay.guest_id, Stay.departure)
        .where(
            Stay.status == StayStatus.CHECKED_OUT.value,
            Stay.departure >= first,
            Stay.departure < end,
        )
        .order_by(Stay.departure)  # type: ignore[arg-type]
    ).all():
        if gid not in reference and gid not in others:
            others[gid] = departure
    # Returns can only arrive after the period starts and within a year of its end: a date
    # range, not a list of guest ids (which could pass SQLite's limit on bound values).
    arrivals: dict[int, list[date]] = {}
    if reference or others:
        for gid, arrival in session.exec(
            select(Stay.guest_id, Stay.arrival).where(
                Stay.status == StayStatus.CHECKED_OUT.value,
                Stay.arrival > first,
                Stay.arrival <= _add_year(end),
            )
        ).all():
            if gid in reference or gid in others:
                arrivals.setdefault(gid, []).append(arrival)

    def came_back(gid: int, ref: date) -> bool:
        return any(ref < a <= _add_year(ref) for a in arrivals.get(gid, ()))

    return CameBack(
        complained=len(reference),
        complained_came_back=sum(came_back(g, d) for g, d in reference.items()),
        others=len(others),
        others_came_back=sum(came_back(g, d) for g, d in others.items()),
    )
