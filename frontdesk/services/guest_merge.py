"""Merge two records of one guest (a walk-in typed twice, an imported list).

``merge_preview`` shows both records side by side, what will move and where they
disagree; ``merge_guests`` does it in one transaction. Everything hanging on the
duplicate (stays, preferences, complaints, letters, feedback, guests merged into it
earlier) moves to the kept guest. The duplicate row stays, marked ``merged_into_id``,
so old audit events and exports still name a real record; it leaves the search index.
An identical active preference is kept once: the duplicate's copy moves too, retired,
so the history still shows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from frontdesk.errors import UserError
from frontdesk.models import Complaint, Feedback, Guest, Letter, Preference, Stay, StayStatus
from frontdesk.phones import format_phone
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.guests import display_name
from frontdesk.services.permissions import Permission, require
from frontdesk.services.regional import regional
from frontdesk.services.stays import reindex

MERGE_ACTION = "guest_merge"
KEEP, DUPLICATE = "keep", "duplicate"

# The fields a person can choose between, in form order, with the words the desk uses.
FIELDS: dict[str, str] = {
    "title": "Title",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "phone": "Phone",
    "address_line1": "Address",
    "address_line2": "Address (second line)",
    "postcode": "Postcode",
    "city": "City",
    "region": "Region",
    "country": "Country",
    "language": "Letter language",
    "company": "Company",
    "notes": "Notes",
}
# Shown for information; merged by rule, never chosen: the stricter/higher one wins.
RULED: dict[str, str] = {
    "vip_level": "VIP level",
    "blocklisted": "Do not accept",
    "marketing_consent": "Marketing consent",
}
_NULLABLE = {"email", "phone"}


@dataclass(frozen=True)
class FieldRow:
    name: str
    label: str
    keep: str  # as the desk reads it
    duplicate: str
    result: str  # what the kept guest will have with the default choice
    conflict: bool  # both filled and different: a person should choose


@dataclass(frozen=True)
class MergeCounts:
    stays: int
    preferences: int
    complaints: int
    letters: int
    feedback: int

    @property
    def total(self) -> int:
        return self.stays + self.preferences + self.complaints + self.letters + self.feedback


@dataclass(frozen=True)
class MergePreview:
    keep_id: int
    duplicate_id: int
    keep_name: str
    duplicate_name: str
    fields: tuple[FieldRow, ...]
    ruled: tuple[FieldRow, ...]  # VIP, blocklist, consent: decided by rule
    moves: MergeCounts
    same_preferences: tuple[str, ...]  # active on both: kept once, the duplicate's copy retired
    conflicts: tuple[str, ...]  # plain sentences for the desk

    @property
    def conflicting_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.conflict)


# --- reading ----------------------------------------------------------------------------------


def _load_pair(session: Session, keep_id: int, duplicate_id: int) -> tuple[Guest, Guest]:
    if keep_id == duplicate_id:
        raise UserError.at("duplicate", "Choose another guest: a guest cannot be merged with itself.")
    keep = session.get(Guest, keep_id)
    duplicate = session.get(Guest, duplicate_id)
    for guest, field, who in ((keep, "keep", "The guest to keep"), (duplicate, "duplicate", "The duplicate")):
        if guest is None:
            raise UserError.at(field, f"{who} no longer exists.")
        if guest.anonymised_at is not None:
            raise UserError.at(field, f"{who} was anonymised; an anonymised record cannot be merged.")
        if guest.merged_into_id is not None:
            raise UserError.at(field, f"{who} was already merged into another guest.")
    assert keep is not None and duplicate is not None
    return keep, duplicate


def _same(name: str, a: Any, b: Any) -> bool:
    if name == "email":
        return (a or "").strip().lower() == (b or "").strip().lower()
    if name == "notes":
        return " ".join((a or "").split()) == " ".join((b or "").split())
    return (a or "") == (b or "")


def _empty(name: str, value: Any) -> bool:
    if name == "language":
        return False  # always set (defaults to English): a difference is a real choice
    return not (value or "").strip()


def _merged_value(name: str, keep: Guest, duplicate: Guest, choice: str | None) -> Any:
    mine, theirs = getattr(keep, name), getattr(duplicate, name)
    if choice == DUPLICATE:
        return theirs
    if choice == KEEP:
        return mine
    if _empty(name, mine) and not _empty(name, theirs):
        return theirs
    if name == "notes" and not _empty(name, theirs) and not _same(name, mine, theirs):
        return f"{mine.rstrip()}\n\n{theirs.strip()}"  # both notes are kept unless told otherwise
    return mine


def _shown(name: str, value: Any, phone_region: str) -> str:
    if value is None:
        return ""
    if name == "phone":
        return format_phone(value, phone_region)
    return str(value)


def _conflict(name: str, keep: Guest, duplicate: Guest) -> bool:
    mine, theirs = getattr(keep, name), getattr(duplicate, name)
    if _empty(name, mine) or _empty(name, theirs):
        return False
    return not _same(name, mine, theirs)


def _active_prefs(session: Session, guest_id: int) -> list[Preference]:
    return list(
        session.exec(
            select(Preference).where(Preference.guest_id == guest_id, col(Preference.retired_at).is_(None))
        ).all()
    )


def _pref_key(pref: Preference) -> tuple[str, str]:
    return pref.kind, pref.text.strip().lower()


def _same_preferences(session: Session, keep_id: int, duplicate_id: int) -> list[Preference]:
    """The duplicate's active preferences that the kept guest already has (same kind and text)."""
    mine = {_pref_key(p) for p in _active_prefs(session, keep_id)}
    return [p for p in _active_prefs(session, duplicate_id) if _pref_key(p) in mine]


def _live_stays(session: Session, guest_id: int) -> list[Stay]:
    return list(
        session.exec(
            select(Stay).where(
                Stay.guest_id == guest_id,
                col(Stay.status).not_in((StayStatus.CANCELLED.value, StayStatus.NO_SHOW.value)),
            )
        ).all()
    )


def _overlaps(session: Session, keep_id: int, duplicate_id: int) -> list[str]:
    """Stays of both records on the same nights: two people, or a booking made twice."""

    def nights(stay: Stay) -> str:
        return f"{stay.arrival:%d %b %Y}–{stay.departure:%d %b %Y}"

    mine = _live_stays(session, keep_id)
    found = []
    for theirs in _live_stays(session, duplicate_id):
        for stay in mine:
            if stay.arrival < theirs.departure and theirs.arrival < stay.departure:
                found.append(
                    f"Both have a stay on the same nights ({nights(stay)} and {nights(theirs)}): "
                    "two people, or a booking made twice?"
                )
    return found


def _count(session: Session, model: Any, guest_id: int) -> int:
    return int(session.exec(select(func.count()).select_from(model).where(model.guest_id == guest_id)).one())


def _moves(session: Session, duplicate_id: int) -> MergeCounts:
    return MergeCounts(
        stays=_count(session, Stay, duplicate_id),
        preferences=_count(session, Preference, duplicate_id),
        complaints=_count(session, Complaint, duplicate_id),
        letters=_count(session, Letter, duplicate_id),
        feedback=_count(session, Feedback, duplicate_id),
    )


def _ruled_rows(keep: Guest, duplicate: Guest) -> tuple[FieldRow, ...]:
    def yes(flag: bool) -> str:
        return "Yes" if flag else "No"

    vip = max(keep.vip_level, duplicate.vip_level)
    return (
        FieldRow(
            "vip_level", RULED["vip_level"], str(keep.vip_level), str(duplicate.vip_level), str(vip), False
        ),
        FieldRow(
            "blocklisted",
            RULED["blocklisted"],
            yes(keep.blocklisted),
            yes(duplicate.blocklisted),
            yes(keep.blocklisted or duplicate.blocklisted),
            False,
        ),
        FieldRow(
            "marketing_consent",
            RULED["marketing_consent"],
            yes(keep.marketing_consent),
            yes(duplicate.marketing_consent),
            yes(keep.marketing_consent),  # consent is given by a person for a record, never inherited
            False,
        ),
    )


def merge_preview(ctx: Context, keep_id: int, duplicate_id: int) -> MergePreview:
    """Both records side by side, what moves, and where they disagree. Managers."""
    require(ctx, Permission.ANONYMISE_GUESTS)
    with ctx.db.session() as session:
        keep, duplicate = _load_pair(session, keep_id, duplicate_id)
        region = regional(session).phone_region
        rows = tuple(
            FieldRow(
                name=name,
                label=label,
                keep=_shown(name, getattr(keep, name), region),
                duplicate=_shown(name, getattr(duplicate, name), region),
                result=_shown(name, _merged_value(name, keep, duplicate, None), region),
                conflict=_conflict(name, keep, duplicate),
            )
            for name, label in FIELDS.items()
        )
        same = _same_preferences(session, keep_id, duplicate_id)
        conflicts = [f"{r.label}: “{r.keep}” or “{r.duplicate}”" for r in rows if r.conflict]
        conflicts += [f"Both have the {p.kind} “{p.text}”: kept once" for p in same]
        conflicts += _overlaps(session, keep_id, duplicate_id)
        if duplicate.blocklisted and not keep.blocklisted:
            conflicts.append("The duplicate is on the do-not-accept list: the merged guest will be too")
        if duplicate.marketing_consent and not keep.marketing_consent:
            conflicts.append("Only the duplicate agreed to marketing: the merged guest will not have consent")
        return MergePreview(
            keep_id=keep_id,
            duplicate_id=duplicate_id,
            keep_name=display_name(keep.title, keep.first_name, keep.last_name),
            duplicate_name=display_name(duplicate.title, duplicate.first_name, duplicate.last_name),
            fields=rows,
            ruled=_ruled_rows(keep, duplicate),
            moves=_moves(session, duplicate_id),
            same_preferences=tuple(p.text for p in same),
            conflicts=tuple(conflicts),
        )


# --- merging ----------------------------------------------------------------------------------


def _check_choices(choices: dict[str, str] | None) -> dict[str, str]:
    checked = dict(choices or {})
    for name, side in checked.items():
        if name not in FIELDS:
            raise UserError(f"“{name}” cannot be chosen when merging guests.")
        if side not in (KEEP, DUPLICATE):
            raise UserError.at(name, f"Choose which guest's {FIELDS[name].lower()} to keep.")
    return checked


def _merge_fields(keep: Guest, duplicate: Guest, choices: dict[str, str]) -> dict[str, list[Any]]:
    before = {name: getattr(keep, name) for name in (*FIELDS, *RULED, "blocklist_reason")}
    for name in FIELDS:
        value = _merged_value(name, keep, duplicate, choices.get(name))
        if name in _NULLABLE:
            value = value or None
        elif value is None:
            value = ""
        setattr(keep, name, value)
    if not keep.last_name.strip():
        raise UserError.at("last_name", "The merged guest needs a last name.")
    keep.vip_level = max(keep.vip_level, duplicate.vip_level)
    if duplicate.blocklisted:
        reasons = [r for r in (keep.blocklist_reason.strip(), duplicate.blocklist_reason.strip()) if r]
        keep.blocklist_reason = "; ".join(dict.fromkeys(reasons))[:500]
        keep.blocklisted = True
    after = {name: getattr(keep, name) for name in before}
    return audit.diff(before, after)


def _move(session: Session, model: Any, keep_id: int, duplicate_id: int) -> list[int]:
    rows = list(session.exec(select(model).where(model.guest_id == duplicate_id)).all())
    for row in rows:
        row.guest_id = keep_id
        session.add(row)
    return sorted(int(r.id) for r in rows)


def merge_guests(
    ctx: Context, keep_id: int, duplicate_id: int, choices: dict[str, str] | None = None
) -> None:
    """Fold ``duplicate_id`` into ``keep_id``; ``choices`` maps a field to "keep" or "duplicate".

    Without a choice, an empty field of the kept guest is filled from the duplicate,
    both notes are kept, and otherwise the kept guest's value stays. Managers only.
    """
    require(ctx, Permission.ANONYMISE_GUESTS)
    chosen = _check_choices(choices)
    with ctx.db.session(write=True) as session:
        keep, duplicate = _load_pair(session, keep_id, duplicate_id)
        now = ctx.now()
        fields_changed = _merge_fields(keep, duplicate, chosen)
        # Retire the duplicate's copy first: the kept guest may hold one active item per text.
        retired = []
        for pref in _same_preferences(session, keep_id, duplicate_id):
            pref.retired_at = now
            pref.retired_by_id = ctx.actor.id
            session.add(pref)
            retired.append(int(pref.id or 0))
        session.flush()
        moved = {
            "stays": _move(session, Stay, keep_id, duplicate_id),
            "preferences": _move(session, Preference, keep_id, duplicate_id),
            "complaints": _move(session, Complaint, keep_id, duplicate_id),
            "letters": _move(session, Letter, keep_id, duplicate_id),
            "feedback": _move(session, Feedback, keep_id, duplicate_id),
        }
        earlier = list(session.exec(select(Guest).where(Guest.merged_into_id == duplicate_id)).all())
        for guest in earlier:
            guest.merged_into_id = keep_id  # guests merged into the duplicate before now point here
            session.add(guest)
        keep.updated_at = now
        keep.updated_by_id = ctx.actor.id
        session.add(keep)
        duplicate.merged_into_id = keep_id
        duplicate.updated_at = now
        duplicate.updated_by_id = ctx.actor.id
        session.add(duplicate)
        audit.record(
            session,
            ctx,
            MERGE_ACTION,
            "guest",
            keep_id,
            {
                "duplicate_id": duplicate_id,
                "moved": {k: v for k, v in moved.items() if v},
                "retired_preferences": retired,
                "fields": fields_changed,
                "choices": chosen,
                "earlier_merged": sorted(int(g.id or 0) for g in earlier),
            },
        )
        reindex(session, [keep_id, duplicate_id])
