"""Counts for the start page and the restore dialog."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import func, select

from frontdesk.models import BusinessSettings, Complaint, ComplaintStatus, Guest, Stay
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, require

OPEN_STATUSES = (ComplaintStatus.OPEN.value, ComplaintStatus.IN_PROGRESS.value)


@dataclass(frozen=True)
class Overview:
    business_name: str
    guests: int
    stays: int
    complaints: int
    open_complaints: int


def overview(ctx: Context) -> Overview:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        settings = session.get(BusinessSettings, 1)

        def count(stmt: object) -> int:
            return int(session.exec(stmt).one())  # type: ignore[call-overload]

        return Overview(
            business_name=settings.name if settings else "",
            guests=count(select(func.count()).select_from(Guest).where(Guest.anonymised_at.is_(None))),  # type: ignore[union-attr]
            stays=count(select(func.count()).select_from(Stay)),
            complaints=count(select(func.count()).select_from(Complaint)),
            open_complaints=count(
                select(func.count()).select_from(Complaint).where(Complaint.status.in_(OPEN_STATUSES))  # type: ignore[attr-defined]
            ),
        )


def business_name(ctx: Context) -> str:
    with ctx.db.session() as session:
        settings = session.get(BusinessSettings, 1)
        return settings.name if settings else "FrontDesk"
