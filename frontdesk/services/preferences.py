"""Likes, dislikes, allergies and alerts on a guest, and the catalogue they are picked from.

A preference that no longer holds is retired (who, when), never deleted, and can be
restored. One guest cannot hold the same item twice as an active preference of the same
kind (compared case- and accent-insensitively). Every change is one transaction with
its audit event. The catalogue (items per category, and the categories) is the
managers' to edit; items and categories are switched off rather than deleted, because
old preferences still name them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.models import (
    CatalogueItem,
    Complaint,
    Guest,
    Lookup,
    LookupKind,
    Preference,
    PreferenceKind,
    Stay,
    User,
)
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.lookups import LookupItem, items, labels
from frontdesk.services.permissions import Permission, require

MAX_TEXT = 200  # Preference.text
MAX_LABEL = 80  # CatalogueItem.label and Lookup.label
MAX_CODE = 40
KIND_WORDS = {"like": "like", "dislike": "dislike", "allergy": "allergy / medical note", "alert": "alert"}
DEFAULT_CATEGORY = "other"


@dataclass(frozen=True)
class PreferenceInput:
    """What the capture dialog sends: a catalogue item, or typed text in a category."""

    kind: str
    text: str = ""
    category: str = DEFAULT_CATEGORY
    catalogue_item_id: int | None = None  # when given, its label and category are used
    stay_id: int | None = None  # the stay during which it was learned


@dataclass(frozen=True)
class PreferenceRow:
    id: int
    guest_id: int
    kind: str
    category: str  # lookup code
    category_label: str
    text: str
    catalogue_item_id: int | None
    stay_id: int | None
    stay_arrival: date | None
    created_at: datetime
    created_by: str  # display name, "" when the system recorded it
    retired_at: datetime | None
    retired_by: str

    @property
    def active(self) -> bool:
        return self.retired_at is None


@dataclass(frozen=True)
class CatalogueEntry:
    id: int
    category: str
    category_label: str
    label: str
    default_kind: str | None
    active: bool


@dataclass(frozen=True)
class TopPreference:
    kind: str
    text: str  # the wording used most often
    category_label: str
    guests: int  # distinct guests who expressed it in the period


def fold(text: str) -> str:
    """Case- and accent-insensitive form, for "same item" comparisons ("Feather-free" == "feather-free")."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# --- a guest's preferences --------------------------------------------------------------------


def add_preference(ctx: Context, guest_id: int, data: PreferenceInput) -> PreferenceRow:
    """Record a preference; ``UserError`` (at the field) for empty, too long, duplicate or unknown input."""
    require(ctx, Permission.EDIT_GUESTS)
    kind = _kind(data.kind)
    with ctx.db.session(write=True) as session:
        _live_guest(session, guest_id)
        text, category, item_id = _resolve_text(session, data)
        if data.stay_id is not None:
            stay = session.get(Stay, data.stay_id)
            if stay is None or stay.guest_id != guest_id:
                raise UserError.at("stay", "That stay is not one of this guest's.")
        _refuse_duplicate(session, guest_id, kind, text, None)
        pref = Preference(
            guest_id=guest_id,
            kind=kind,
            category=category,
            text=text,
            catalogue_item_id=item_id,
            stay_id=data.stay_id,
            created_at=ctx.now().astimezone(UTC),
            created_by_id=ctx.actor.id,
        )
        session.add(pref)
        _flush(session, kind, text)
        audit.record(
            session,
            ctx,
            "preference_add",
            "preference",
            pref.id,
            {
                "guest_id": guest_id,
                "kind": kind,
                "category": category,
                "text": text,
                "catalogue_item_id": item_id,
                "stay_id": data.stay_id,
            },
        )
        return _row(session, pref)


def retire_preference(ctx: Context, preference_id: int) -> PreferenceRow:
    """It no longer holds: kept with who retired it and when, shown only on request."""
    require(ctx, Permission.EDIT_GUESTS)
    with ctx.db.session(write=True) as session:
        pref = _preference(session, preference_id)
        if pref.retired_at is not None:
            raise UserError("This preference was already retired.")
        if ctx.actor.id is None:
            # the schema ties retired_at to a person; headless maintenance has none
            raise UserError("Only a signed-in staff member can retire a preference.")
        pref.retired_at = ctx.now().astimezone(UTC)
        pref.retired_by_id = ctx.actor.id
        session.add(pref)
        session.flush()
        audit.record(
            session,
            ctx,
            "preference_retire",
            "preference",
            pref.id,
            {"guest_id": pref.guest_id, "text": pref.text},
        )
        return _row(session, pref)


def restore_preference(ctx: Context, preference_id: int) -> PreferenceRow:
    """A retired preference holds again; refused if the same item is active meanwhile."""
    require(ctx, Permission.EDIT_GUESTS)
    with ctx.db.session(write=True) as session:
        pref = _preference(session, preference_id)
        if pref.retired_at is None:
            raise UserError("This preference is active; there is nothing to restore.")
        _refuse_duplicate(session, pref.guest_id, pref.kind, pref.text, pref.id)
        before = {"retired_at": pref.retired_at, "retired_by_id": pref.retired_by_id}
        pref.retired_at = None
        pref.retired_by_id = None
        session.add(pref)
        _flush(session, pref.kind, pref.text)
        audit.record(
            session,
            ctx,
            "preference_restore",
            "preference",
            pref.id,
            {"guest_id": pref.guest_id, "text": pref.text, **{k: [v, None] for k, v in before.items()}},
        )
        return _row(session, pref)


def preferences_of(ctx: Context, guest_id: int, *, include_retired: bool = False) -> list[PreferenceRow]:
    """The guest's preferences: allergies, alerts, dislikes, likes; oldest first within a kind."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        stmt = select(Preference).where(Preference.guest_id == guest_id)
        if not include_retired:
            stmt = stmt.where(Preference.retired_at.is_(None))  # type: ignore[union-attr]
        prefs = session.exec(stmt.order_by(Preference.created_at, Preference.id)).all()  # type: ignore[arg-type]
        order = {
            k.value: i
            for i, k in enumerate(
                (PreferenceKind.ALLERGY, PreferenceKind.ALERT, PreferenceKind.DISLIKE, PreferenceKind.LIKE)
            )
        }
        rows = _rows(session, list(prefs))
        return sorted(rows, key=lambda r: (order.get(r.kind, 9), r.retired_at is not None))


@dataclass(frozen=True)
class CaptureData:
    """Everything the capture dialog needs, read in one go."""

    guest_name: str
    categories: list[LookupItem]  # active ones
    catalogue: list[CatalogueEntry]  # active items of active categories
    current: list[PreferenceRow]  # the guest's active preferences
    stay_text: str  # "20 Nov 2026, room 12" for the stay it is learned during, or ""


def capture_data(ctx: Context, guest_id: int, stay_id: int | None = None) -> CaptureData:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        guest = _live_guest(session, guest_id)
        name = " ".join(p for p in (guest.title, guest.first_name, guest.last_name) if p.strip())
        stay = session.get(Stay, stay_id) if stay_id is not None else None
        stay_text = ""
        if stay is not None and stay.guest_id == guest_id:
            stay_text = f"{stay.arrival:%d %b %Y}" + (f", room {stay.room}" if stay.room else "")
        current = session.exec(
            select(Preference)
            .where(Preference.guest_id == guest_id, Preference.retired_at.is_(None))  # type: ignore[union-attr]
            .order_by(Preference.created_at, Preference.id)  # type: ignore[arg-type]
        ).all()
        return CaptureData(
            guest_name=name,
            categories=items(session, LookupKind.PREFERENCE_CATEGORY),
            catalogue=_catalogue(session, include_inactive=False),
            current=_rows(session, list(current)),
            stay_text=stay_text,
        )


def complaint_guest(ctx: Context, complaint_id: int) -> tuple[int | None, int | None]:
    """(guest id, stay id) of a complaint, for "the guest dislikes…" captured from it."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        complaint = session.get(Complaint, complaint_id)
        if complaint is None:
            raise UserError("That complaint no longer exists.")
        return complaint.guest_id, complaint.stay_id


# --- the catalogue ----------------------------------------------------------------------------


def categories(ctx: Context, *, include_inactive: bool = False) -> list[LookupItem]:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        return items(session, LookupKind.PREFERENCE_CATEGORY, include_inactive=include_inactive)


def catalogue(ctx: Context, *, include_inactive: bool = False) -> list[CatalogueEntry]:
    """Items in category order, then alphabetically; switched-off items and categories on request."""
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        return _catalogue(session, include_inactive=include_inactive)


def _catalogue(session: Session, *, include_inactive: bool) -> list[CatalogueEntry]:
    cats = items(session, LookupKind.PREFERENCE_CATEGORY, include_inactive=True)
    order = {c.code: (c.sort_order, c.label) for c in cats}
    live = {c.code for c in cats if c.active}
    names = {c.code: c.label for c in cats}
    stmt = select(CatalogueItem)
    if not include_inactive:
        stmt = stmt.where(CatalogueItem.active)
    entries = [
        CatalogueEntry(
            i.id or 0, i.category, names.get(i.category, i.category), i.label, i.default_kind, i.active
        )
        for i in session.exec(stmt).all()
        if include_inactive or i.category in live
    ]
    return sorted(entries, key=lambda e: (order.get(e.category, (999, e.category)), e.label.casefold()))


def add_catalogue_item(ctx: Context, category: str, label: str, default_kind: str | None = None) -> int:
    require(ctx, Permission.EDIT_CATALOGUES)
    with ctx.db.session(write=True) as session:
        values = _item_values(session, category, label, default_kind, None)
        item = CatalogueItem(**values)
        session.add(item)
        session.flush()
        audit.record(session, ctx, "catalogue_item_add", "catalogue_item", item.id, values)
        assert item.id is not None
        return item.id


def update_catalogue_item(
    ctx: Context, item_id: int, *, category: str, label: str, default_kind: str | None, active: bool
) -> None:
    require(ctx, Permission.EDIT_CATALOGUES)
    with ctx.db.session(write=True) as session:
        item = session.get(CatalogueItem, item_id)
        if item is None:
            raise UserError("That catalogue item no longer exists.")
        before = {
            "category": item.category,
            "label": item.label,
            "default_kind": item.default_kind,
            "active": item.active,
        }
        values = {**_item_values(session, category, label, default_kind, item_id), "active": bool(active)}
        changes = audit.diff(before, values)
        if not changes:
            return
        for key, value in values.items():
            setattr(item, key, value)
        session.add(item)
        session.flush()
        audit.record(session, ctx, "catalogue_item_update", "catalogue_item", item_id, changes)


def add_category(ctx: Context, label: str) -> str:
    """A new preference category; its code is made from the label. Returns the code."""
    require(ctx, Permission.EDIT_CATALOGUES)
    with ctx.db.session(write=True) as session:
        clean = _category_label(session, label, None)
        base = re.sub(r"[^a-z0-9]+", "_", fold(clean)).strip("_")[: MAX_CODE - 4] or "category"
        taken = {c.code for c in items(session, LookupKind.PREFERENCE_CATEGORY, include_inactive=True)}
        code, n = base, 2
        while code in taken:
            code, n = f"{base}_{n}", n + 1
        last = session.exec(
            select(func.max(Lookup.sort_order)).where(Lookup.kind == LookupKind.PREFERENCE_CATEGORY.value)
        ).one()
        row = Lookup(
            kind=LookupKind.PREFERENCE_CATEGORY.value, code=code, label=clean, sort_order=(last or 0) + 1
        )
        session.add(row)
        session.flush()
        audit.record(
            session, ctx, "lookup_add", "lookup", row.id, {"kind": row.kind, "code": code, "label": clean}
        )
        return code


def update_category(ctx: Context, code: str, *, label: str, active: bool) -> None:
    require(ctx, Permission.EDIT_CATALOGUES)
    with ctx.db.session(write=True) as session:
        row = session.exec(
            select(Lookup).where(Lookup.kind == LookupKind.PREFERENCE_CATEGORY.value, Lookup.code == code)
        ).first()
        if row is None:
            raise UserError("That category no longer exists.")
        clean = _category_label(session, label, code)
        if not active and code == DEFAULT_CATEGORY:
            raise UserError.at("active", "“Other” holds everything typed freely; it cannot be switched off.")
        changes = audit.diff(
            {"label": row.label, "active": row.active}, {"label": clean, "active": bool(active)}
        )
        if not changes:
            return
        row.label, row.active = clean, bool(active)
        session.add(row)
        session.flush()
        audit.record(session, ctx, "lookup_update", "lookup", row.id, {"code": code, **changes})


def matching(entries: list[CatalogueEntry], query: str) -> list[CatalogueEntry]:
    """Catalogue items for what is typed: label starts with it, then a word does, then anywhere.

    Matching ignores case and accents; the category's name matches too ("bedding" lists
    every bedding item), after the items whose own words match.
    """
    q = fold(query)
    if not q:
        return []
    ranked = []
    for position, entry in enumerate(entries):
        label = fold(entry.label)
        if label.startswith(q):
            rank = 0
        elif any(word.startswith(q) for word in re.split(r"[\s\-/:,]+", label)):
            rank = 1
        elif q in label:
            rank = 2
        elif fold(entry.category_label).startswith(q):
            rank = 3
        else:
            continue
        ranked.append((rank, position, entry))
    return [entry for _rank, _position, entry in sorted(ranked, key=lambda r: (r[0], r[1]))]


# --- figures ----------------------------------------------------------------------------------


def top_preferences(
    ctx: Context, start: date, end: date, kind: str | None = None, *, limit: int = 25
) -> list[TopPreference]:
    """The most common items recorded from ``start`` to ``end`` (inclusive, local dates).

    Counted once per guest; preferences retired since still count (they were said then).
    ``kind`` None means likes and dislikes together.
    """
    require(ctx, Permission.VIEW_FIGURES)
    if end < start:
        raise UserError.at("end", "The period ends before it starts.")
    kinds = [_kind(kind)] if kind else [PreferenceKind.LIKE.value, PreferenceKind.DISLIKE.value]
    tz = ctx.now().astimezone().tzinfo
    since = datetime.combine(start, time.min, tz).astimezone(UTC)
    until = datetime.combine(end + timedelta(days=1), time.min, tz).astimezone(UTC)
    with ctx.db.session() as session:
        rows = session.exec(
            select(Preference.guest_id, Preference.kind, Preference.category, Preference.text).where(
                Preference.kind.in_(kinds),  # type: ignore[attr-defined]
                Preference.created_at >= since,
                Preference.created_at < until,
            )
        ).all()
        names = labels(session, LookupKind.PREFERENCE_CATEGORY)
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for guest_id, k, category, text in rows:
        group = groups.setdefault((k, fold(text)), {"guests": set(), "texts": {}, "categories": {}})
        group["guests"].add(guest_id)
        group["texts"][text] = group["texts"].get(text, 0) + 1
        group["categories"][category] = group["categories"].get(category, 0) + 1
    result = [
        TopPreference(
            kind=k,
            text=max(g["texts"], key=lambda t: (g["texts"][t], t)),
            category_label=names.get(c := max(g["categories"], key=g["categories"].get), c),
            guests=len(g["guests"]),
        )
        for (k, _), g in groups.items()
    ]
    result.sort(key=lambda t: (-t.guests, t.kind, t.text.casefold()))
    return result[:limit]


# --- helpers ----------------------------------------------------------------------------------


def _kind(kind: str | None) -> str:
    try:
        return PreferenceKind(kind).value
    except ValueError:
        raise UserError.at("kind", "Choose like, dislike, allergy or alert.") from None


def _live_guest(session: Session, guest_id: int) -> Guest:
    guest = session.get(Guest, guest_id)
    if guest is None or guest.merged_into_id is not None:
        raise UserError("That guest no longer exists.")
    if guest.anonymised_at is not None:
        raise UserError("This guest's personal data was erased; the record cannot be edited.")
    return guest


def _preference(session: Session, preference_id: int) -> Preference:
    pref = session.get(Preference, preference_id)
    if pref is None:
        raise UserError("That preference no longer exists.")
    _live_guest(session, pref.guest_id)
    return pref


def _clean_text(text: str, field: str, limit: int, what: str) -> str:
    clean = " ".join(text.split())
    if not clean:
        raise UserError.at(field, f"Type {what} or pick one from the list.")
    if len(clean) > limit:
        raise UserError.at(field, f"At most {limit} characters, please ({len(clean)} typed).")
    return clean


def _resolve_text(session: Session, data: PreferenceInput) -> tuple[str, str, int | None]:
    if data.catalogue_item_id is not None:
        item = session.get(CatalogueItem, data.catalogue_item_id)
        if item is None:
            raise UserError.at("text", "That catalogue item no longer exists; type it instead.")
        return item.label, item.category, item.id
    text = _clean_text(data.text, "text", MAX_TEXT, "the like, dislike, allergy or alert")
    category = _check_category(session, data.category or DEFAULT_CATEGORY, "category")
    # typed text that is exactly a catalogue item is that item: the figures count them together
    match = next(
        (
            i
            for i in session.exec(select(CatalogueItem).where(CatalogueItem.active)).all()
            if fold(i.label) == fold(text) and i.category == category
        ),
        None,
    )
    return text, category, match.id if match else None


def _check_category(session: Session, code: str, field: str) -> str:
    known = {c.code for c in items(session, LookupKind.PREFERENCE_CATEGORY, include_inactive=True)}
    if code not in known:
        raise UserError.at(field, "Choose a category from the list.")
    return code


def _refuse_duplicate(session: Session, guest_id: int, kind: str, text: str, except_id: int | None) -> None:
    same = [
        p
        for p in session.exec(
            select(Preference).where(
                Preference.guest_id == guest_id,
                Preference.kind == kind,
                Preference.retired_at.is_(None),  # type: ignore[union-attr]
            )
        ).all()
        if fold(p.text) == fold(text) and p.id != except_id
    ]
    if same:
        raise UserError.at("text", f"The guest already has the {KIND_WORDS[kind]} “{same[0].text}”.")


def _flush(session: Session, kind: str, text: str) -> None:
    """Flush; a concurrent identical add (caught by the unique index) reads as the duplicate it is."""
    try:
        session.flush()
    except IntegrityError as exc:
        if "uq_preference_active_item" in str(exc) or "UNIQUE" in str(exc):
            raise UserError.at("text", f"The guest already has the {KIND_WORDS[kind]} “{text}”.") from None
        raise


def _item_values(
    session: Session, category: str, label: str, default_kind: str | None, item_id: int | None
) -> dict[str, Any]:
    clean = _clean_text(label, "label", MAX_LABEL, "the item")
    code = _check_category(session, category, "category")
    kind = _kind(default_kind) if default_kind else None
    clash = [
        i
        for i in session.exec(select(CatalogueItem).where(CatalogueItem.category == code)).all()
        if fold(i.label) == fold(clean) and i.id != item_id
    ]
    if clash:
        raise UserError.at("label", f"“{clash[0].label}” is already in this category.")
    return {"category": code, "label": clean, "default_kind": kind}


def _category_label(session: Session, label: str, code: str | None) -> str:
    clean = _clean_text(label, "label", MAX_LABEL, "the category's name")
    for c in items(session, LookupKind.PREFERENCE_CATEGORY, include_inactive=True):
        if fold(c.label) == fold(clean) and c.code != code:
            raise UserError.at("label", f"There is already a category “{c.label}”.")
    return clean


def _rows(session: Session, prefs: list[Preference]) -> list[PreferenceRow]:
    names = labels(session, LookupKind.PREFERENCE_CATEGORY)
    user_ids = {u for p in prefs for u in (p.created_by_id, p.retired_by_id) if u is not None}
    users = (
        dict(
            session.exec(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()  # type: ignore[union-attr]
        )
        if user_ids
        else {}
    )
    stay_ids = {p.stay_id for p in prefs if p.stay_id is not None}
    arrivals = (
        dict(
            session.exec(select(Stay.id, Stay.arrival).where(Stay.id.in_(stay_ids))).all()  # type: ignore[union-attr]
        )
        if stay_ids
        else {}
    )
    return [
        PreferenceRow(
            id=p.id or 0,
            guest_id=p.guest_id,
            kind=p.kind,
            category=p.category,
            category_label=names.get(p.category, p.category),
            text=p.text,
            catalogue_item_id=p.catalogue_item_id,
            stay_id=p.stay_id,
            stay_arrival=arrivals.get(p.stay_id) if p.stay_id else None,
            created_at=_aware(p.created_at),
            created_by=users.get(p.created_by_id, "") if p.created_by_id else "",
            retired_at=_aware(p.retired_at) if p.retired_at else None,
            retired_by=users.get(p.retired_by_id, "") if p.retired_by_id else "",
        )
        for p in prefs
    ]


def _row(session: Session, pref: Preference) -> PreferenceRow:
    return _rows(session, [pref])[0]


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
