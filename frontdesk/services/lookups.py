"""Lists managers edit (complaint categories, departments, preference categories): reading them."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from frontdesk.models import Lookup, LookupKind
from frontdesk.services.context import Context
from frontdesk.services.permissions import Permission, require


@dataclass(frozen=True)
class LookupItem:
    code: str
    label: str
    active: bool
    sort_order: int


def lookups(ctx: Context, kind: LookupKind, *, include_inactive: bool = False) -> list[LookupItem]:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        return items(session, kind, include_inactive=include_inactive)


def items(session: Session, kind: LookupKind, *, include_inactive: bool = False) -> list[LookupItem]:
    stmt = select(Lookup).where(Lookup.kind == kind.value)
    if not include_inactive:
        stmt = stmt.where(Lookup.active)
    rows = session.exec(stmt.order_by(Lookup.sort_order, Lookup.label)).all()  # type: ignore[arg-type]
    return [LookupItem(r.code, r.label, r.active, r.sort_order) for r in rows]


def labels(session: Session, kind: LookupKind) -> dict[str, str]:
    """Code → label, inactive ones included: old records still name them."""
    return {item.code: item.label for item in items(session, kind, include_inactive=True)}
