"""What managers set for complaints: the approval limit and the category and department lists.

Codes of categories and departments never change once given (old complaints name them);
a manager renames the label or retires an entry, which keeps it on old complaints and in
the figures but takes it out of the form's choices.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import select

from frontdesk.errors import UserError
from frontdesk.models import Lookup, LookupKind
from frontdesk.money import format_money, parse_money
from frontdesk.services import audit
from frontdesk.services.complaint_common import business_settings
from frontdesk.services.context import Context
from frontdesk.services.lookups import LookupItem, items
from frontdesk.services.permissions import Permission, allowed, require
from frontdesk.services.settings_field import set_setting

EDITABLE_KINDS = (LookupKind.COMPLAINT_CATEGORY, LookupKind.DEPARTMENT)
MAX_LABEL = 80  # Lookup.label
MAX_CODE = 40  # Lookup.code
KIND_WORDS = {LookupKind.COMPLAINT_CATEGORY: "category", LookupKind.DEPARTMENT: "department"}


@dataclass(frozen=True)
class ComplaintSettings:
    currency: str
    approval_limit_minor: int
    approval_limit_text: str  # "€100.00"
    may_set_limit: bool
    categories: list[LookupItem]  # retired ones included, in list order
    departments: list[LookupItem]


def complaint_settings(ctx: Context) -> ComplaintSettings:
    require(ctx, Permission.EDIT_CATALOGUES)
    with ctx.db.session() as session:
        settings = business_settings(session)
        return ComplaintSettings(
            currency=settings.currency,
            approval_limit_minor=settings.approval_limit_minor,
            approval_limit_text=format_money(
                settings.approval_limit_minor, settings.currency, settings.locale
            ),
            may_set_limit=allowed(ctx, Permission.APPROVE_COMPENSATION),
            categories=items(session, LookupKind.COMPLAINT_CATEGORY, include_inactive=True),
            departments=items(session, LookupKind.DEPARTMENT, include_inactive=True),
        )


def set_approval_limit(ctx: Context, text: str) -> int:
    """Recovery actions worth more than this wait for a manager's approval. Returns minor units.

    Actions already recorded keep the decision made when they were recorded: raising the
    limit does not approve anything after the fact.
    """
    require(ctx, Permission.APPROVE_COMPENSATION)
    if not text.strip():
        raise UserError.at("approval_limit", "Enter the limit (0 means every action needs approval).")
    with ctx.db.session() as session:
        settings = business_settings(session)
        currency, locale = settings.currency, settings.locale
    value = parse_money(text, currency, locale, field="approval_limit")
    set_setting(ctx, "approval_limit_minor", value, "set_approval_limit")
    return value


def _kind(kind: str) -> LookupKind:
    try:
        found = LookupKind(kind)
    except ValueError:
        found = None
    if found not in EDITABLE_KINDS:
        raise UserError("Only complaint categories and departments are edited here.")
    assert found is not None
    return found


def _clean_label(label: str) -> str:
    clean = " ".join(label.split())
    if not clean:
        raise UserError.at("label", "Type a name.")
    if len(clean) > MAX_LABEL:
        raise UserError.at("label", f"Keep the name under {MAX_LABEL} characters.")
    return clean


def _slug(label: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[: MAX_CODE - 4] or "item"


def add_lookup(ctx: Context, kind: str, label: str) -> str:
    """A new category or department at the end of its list. Returns its code."""
    require(ctx, Permission.EDIT_CATALOGUES)
    lookup_kind = _kind(kind)
    clean = _clean_label(label)
    with ctx.db.session(write=True) as session:
        existing = items(session, lookup_kind, include_inactive=True)
        same = next((i for i in existing if i.label.casefold() == clean.casefold()), None)
        if same is not None:
            hint = "" if same.active else " (retired: bring it back instead)"
            raise UserError.at("label", f"“{same.label}” is already on the list{hint}.")
        taken = {i.code for i in existing}
        base = _slug(clean)
        code, n = base, 2
        while code in taken:
            code, n = f"{base}_{n}", n + 1
        last = session.exec(select(func.max(Lookup.sort_order)).where(Lookup.kind == lookup_kind.value)).one()
        row = Lookup(kind=lookup_kind.value, code=code, label=clean, sort_order=(last or 0) + 1)
        session.add(row)
        session.flush()
        audit.record(
            session, ctx, "add", "lookup", row.id, {"kind": lookup_kind.value, "code": code, "label": clean}
        )
        return code


def update_lookup(ctx: Context, kind: str, code: str, *, label: str, active: bool) -> None:
    """Rename a category or department, or retire it (or bring it back)."""
    require(ctx, Permission.EDIT_CATALOGUES)
    lookup_kind = _kind(kind)
    clean = _clean_label(label)
    with ctx.db.session(write=True) as session:
        row = session.exec(
            select(Lookup).where(Lookup.kind == lookup_kind.value, Lookup.code == code)
        ).first()
        if row is None:
            raise UserError(f"That {KIND_WORDS[lookup_kind]} does not exist.")
        others = [i for i in items(session, lookup_kind, include_inactive=True) if i.code != code]
        if any(i.label.casefold() == clean.casefold() for i in others):
            raise UserError.at("label", f"Another {KIND_WORDS[lookup_kind]} is already called “{clean}”.")
        if (
            lookup_kind is LookupKind.COMPLAINT_CATEGORY
            and row.active
            and not active
            and not any(i.active for i in others)
        ):
            raise UserError("Keep at least one category: a complaint cannot be logged without one.")
        changes: dict[str, object] = audit.diff(
            {"label": row.label, "active": row.active}, {"label": clean, "active": active}
        )
        if not changes:
            return
        row.label, row.active = clean, active
        audit.record(
            session, ctx, "update", "lookup", row.id, changes | {"kind": lookup_kind.value, "code": code}
        )
