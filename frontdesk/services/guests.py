"""Guest profiles: create, edit, read with derived facts, and find likely duplicates.

Every write is one transaction carrying its audit event and the search-index update,
so the index never disagrees with the book. Validation errors name the form field.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.models import Guest, Stay
from frontdesk.phones import format_phone, parse_phone
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import GuestFacts, facts_for
from frontdesk.services.permissions import Permission, require
from frontdesk.services.regional import Regional, regional
from frontdesk.services.stays import StayRow, reindex, stay_row

RECENT_STAYS = 5
VIP_LEVELS = range(0, 4)
DEFAULT_CONSENT_TEXT = "Agreed to receive news and offers by email and post."

# Lengths as the schema allows them (frontdesk/models/tables.py Guest).
MAX_LENGTHS: dict[str, int] = {
    "title": 30,
    "first_name": 100,
    "last_name": 100,
    "email": 254,
    "address_line1": 200,
    "address_line2": 200,
    "postcode": 20,
    "city": 100,
    "region": 100,
    "company": 200,
    "blocklist_reason": 500,
    "notes": 20000,
    "marketing_consent_text": 2000,
}
FIELD_WORDS = {
    "title": "Title",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Email",
    "address_line1": "Address",
    "address_line2": "Address (second line)",
    "postcode": "Postcode",
    "city": "City",
    "region": "Region",
    "company": "Company",
    "blocklist_reason": "Reason",
    "notes": "Notes",
    "marketing_consent_text": "Consent wording",
}
# Babel lists groupings and placeholders among territories; they are not countries.
_NOT_COUNTRIES = {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}
_EMAIL_LOCAL_FORBIDDEN = set('()<>[]:;@\\,"')
_MULTILINE_FIELDS = {"notes", "blocklist_reason"}
_MULTILINE = "\n\r\t"


@dataclass
class GuestInput:
    """What the guest form holds, as typed (the service validates and normalises it)."""

    last_name: str = ""
    first_name: str = ""
    title: str = ""
    email: str = ""
    phone: str = ""  # as typed; stored as E.164
    address_line1: str = ""
    address_line2: str = ""
    postcode: str = ""
    city: str = ""
    region: str = ""
    country: str = ""  # ISO 3166-1 alpha-2, or empty
    language: str = "en"  # language for letters
    company: str = ""
    vip_level: int = 0
    notes: str = ""
    marketing_consent: bool = False
    marketing_consent_text: str = ""
    blocklisted: bool = False
    blocklist_reason: str = ""


@dataclass(frozen=True)
class GuestProfile:
    id: int
    title: str
    first_name: str
    last_name: str
    email: str
    phone: str  # E.164 or ""
    phone_display: str
    address_line1: str
    address_line2: str
    postcode: str
    city: str
    region: str
    country: str
    language: str
    company: str
    vip_level: int
    notes: str
    marketing_consent: bool
    marketing_consent_at: datetime | None
    marketing_consent_text: str
    blocklisted: bool
    blocklist_reason: str
    created_at: datetime
    updated_at: datetime
    facts: GuestFacts
    recent_stays: tuple[StayRow, ...]
    stay_count: int  # every stay, whatever its status
    today: date
    currency: str
    locale: str
    phone_region: str
    anonymised: bool = False

    @property
    def display_name(self) -> str:
        return display_name(self.title, self.first_name, self.last_name)

    @property
    def days_since_last_stay(self) -> int | None:
        return self.facts.days_since_last_stay(self.today)

    def as_input(self) -> GuestInput:
        """The form's starting values (the phone shown as the desk reads it)."""
        values = {f.name: getattr(self, f.name) for f in fields(GuestInput)}
        values["phone"] = self.phone_display
        return GuestInput(**values)


@dataclass(frozen=True)
class DuplicateCandidate:
    id: int
    name: str
    email: str
    phone_display: str
    city: str
    country: str
    reasons: tuple[str, ...]  # "same email", "same phone", "same name"
    completed_stays: int = 0
    last_stay: date | None = None
    blocklisted: bool = False
    blocklist_reason: str = ""
    vip_level: int = 0

    @property
    def why(self) -> str:
        return ", ".join(self.reasons)


def display_name(title: str, first_name: str, last_name: str) -> str:
    return " ".join(part for part in (title.strip(), first_name.strip(), last_name.strip()) if part)


# --- validation ----------------------------------------------------------------------------


def valid_countries(locale: str = "en") -> dict[str, str]:
    """ISO alpha-2 code → country name, from Babel's territory list."""
    from babel import Locale

    names = Locale.parse(locale).territories
    return {
        code: name
        for code, name in names.items()
        if len(code) == 2 and code.isalpha() and code not in _NOT_COUNTRIES
    }


def valid_languages(locale: str = "en") -> dict[str, str]:
    """Two-letter language code → name, from Babel's language list."""
    from babel import Locale

    names = Locale.parse(locale).languages
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


def normalise_email(text: str) -> str | None:
    """Typed text → the stored address (domain lower-cased), ``None`` for empty; ``UserError`` if invalid.

    A careful check rather than a full RFC 5322 parser: one @, a sensible local part,
    a domain of dot-separated labels with a non-numeric top-level label. Non-ASCII
    (internationalised) addresses are accepted.
    """
    cleaned = text.strip()
    if not cleaned:
        return None
    problem = _email_problem(cleaned)
    if problem:
        raise UserError.at("email", problem)
    local, _, domain = cleaned.rpartition("@")
    return f"{local}@{domain.lower()}"


def _email_problem(address: str) -> str | None:
    example = "Enter an email address like name@example.com."
    if len(address) > MAX_LENGTHS["email"]:
        return f"An email address can have at most {MAX_LENGTHS['email']} characters."
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in address):
        return "An email address cannot contain spaces. " + example
    if address.count("@") != 1:
        return example
    local, _, domain = address.partition("@")
    if not local or len(local) > 64 or local.startswith(".") or local.endswith(".") or ".." in local:
        return example
    if any(ch in _EMAIL_LOCAL_FORBIDDEN for ch in local):
        return example
    labels = domain.split(".")
    if len(labels) < 2:
        return example
    for label in labels:
        if not label or len(label) > 63 or label.startswith("-") or label.endswith("-"):
            return example
        if not all(ch.isalnum() or ch == "-" for ch in label):
            return example
    tld = labels[-1]
    if len(tld) < 2 or tld.isdigit():
        return example
    return None


def validate_guest_input(session: Session, data: GuestInput, region: Regional) -> dict[str, Any]:
    """Field values ready for the Guest row, or a UserError naming every bad field.

    The one validation path for the form, the profile editor and the CSV import.
    """
    errors: dict[str, str] = {}
    text = {
        name: str(getattr(data, name) or "").strip()
        for name in MAX_LENGTHS
        if name != "marketing_consent_text"
    }
    for name, limit in MAX_LENGTHS.items():
        value = text.get(name, (data.marketing_consent_text or "").strip())
        if len(value) > limit:
            errors[name] = f"{FIELD_WORDS[name]} can have at most {limit} characters (this has {len(value)})."
    for name, value in text.items():
        # A NUL, escape or line break from a pasted or imported cell would break every list,
        # letter and search row the guest appears in; notes alone may have lines and tabs.
        allowed = _MULTILINE if name in _MULTILINE_FIELDS else ""
        if name not in errors and any(unicodedata.category(ch) == "Cc" and ch not in allowed for ch in value):
            errors[name] = f"{FIELD_WORDS[name]} cannot contain line breaks, tabs or control characters."
    if not text["last_name"]:
        errors.setdefault("last_name", "Enter the guest's last name.")
    email = None
    if "email" not in errors:
        try:
            email = normalise_email(data.email)
        except UserError as exc:
            errors.update(exc.field_errors)
    phone = None
    try:
        phone = parse_phone(data.phone or "", region.phone_region, field="phone")
    except UserError as exc:
        errors.update(exc.field_errors)
    if phone is not None and len(phone) > 20:
        errors["phone"] = "That phone number is too long."
    country = (data.country or "").strip().upper()
    if country and country not in valid_countries():
        errors["country"] = f"“{data.country.strip()}” is not a country code. Choose a country from the list."
    language = (data.language or "").strip().lower().replace("-", "_")
    if not language:
        errors["language"] = "Choose the language for letters."
    elif language not in valid_languages():
        errors["language"] = f"“{data.language.strip()}” is not a language code. Choose one from the list."
    try:
        vip = int(data.vip_level)
    except (TypeError, ValueError):
        vip = -1
    if vip not in VIP_LEVELS:
        errors["vip_level"] = "VIP level is 0 (none) to 3."
    if data.blocklisted and not text["blocklist_reason"]:
        errors["blocklist_reason"] = "Say why the guest is blocklisted; the desk sees this reason."
    if errors:
        first = next(iter(errors.values()))
        summary = first if len(errors) == 1 else f"Please correct {len(errors)} fields."
        raise UserError(summary, errors)
    values: dict[str, Any] = {name: text[name] for name in text}
    values.update(
        email=email,
        phone=phone,
        country=country,
        language=language,
        vip_level=vip,
        notes=(data.notes or "").strip(),
        blocklisted=bool(data.blocklisted),
        blocklist_reason=text["blocklist_reason"] if data.blocklisted else "",
        marketing_consent=bool(data.marketing_consent),
    )
    return values


def _apply_consent(ctx: Context, guest: Guest, values: dict[str, Any], data: GuestInput) -> None:
    """The consent date is the service's to set: stamped when switched on, cleared when off."""
    if values["marketing_consent"]:
        if not guest.marketing_consent or guest.marketing_consent_at is None:
            guest.marketing_consent_at = ctx.now()
        guest.marketing_consent_text = (data.marketing_consent_text or "").strip() or DEFAULT_CONSENT_TEXT
    else:
        guest.marketing_consent_at = None
        guest.marketing_consent_text = None


def _snapshot(guest: Guest) -> dict[str, Any]:
    names = [f.name for f in fields(GuestInput)] + ["marketing_consent_at"]
    return {name: getattr(guest, name) for name in names}


# --- use cases -----------------------------------------------------------------------------


def create_guest(ctx: Context, data: GuestInput) -> int:
    require(ctx, Permission.EDIT_GUESTS)
    with ctx.db.session(write=True) as session:
        values = validate_guest_input(session, data, regional(session))
        now = ctx.now()
        guest = Guest(
            **values, created_at=now, updated_at=now, created_by_id=ctx.actor.id, updated_by_id=ctx.actor.id
        )
        _apply_consent(ctx, guest, values, data)
        session.add(guest)
        session.flush()
        assert guest.id is not None
        audit.record(session, ctx, "guest_create", "guest", guest.id, audit.diff({}, _snapshot(guest)))
        reindex(session, [guest.id])
        return guest.id


def update_guest(ctx: Context, guest_id: int, data: GuestInput) -> None:
    require(ctx, Permission.EDIT_GUESTS)
    with ctx.db.session(write=True) as session:
        guest = _live_guest(session, guest_id)
        values = validate_guest_input(session, data, regional(session))
        before = _snapshot(guest)
        for name, value in values.items():
            if name != "marketing_consent":
                setattr(guest, name, value)
        _apply_consent(ctx, guest, values, data)
        guest.marketing_consent = values["marketing_consent"]
        changes = audit.diff(before, _snapshot(guest))
        if not changes:
            return  # nothing changed: no audit noise, no timestamp bump
        guest.updated_at = ctx.now()
        guest.updated_by_id = ctx.actor.id
        audit.record(session, ctx, "guest_update", "guest", guest_id, changes)
        reindex(session, [guest_id])


def get_profile(ctx: Context, guest_id: int, *, recent: int = RECENT_STAYS) -> GuestProfile:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        guest = session.get(Guest, guest_id)
        if guest is None:
            raise UserError("That guest no longer exists.")
        region = regional(session)
        facts = facts_for(session, [guest_id])[guest_id]
        stays = session.exec(
            select(Stay)
            .where(Stay.guest_id == guest_id)
            .order_by(Stay.arrival.desc(), Stay.id.desc())  # type: ignore[attr-defined,union-attr]
            .limit(recent)
        ).all()
        count = session.exec(select(func.count()).select_from(Stay).where(Stay.guest_id == guest_id)).one()
        assert guest.id is not None
        return GuestProfile(
            id=guest.id,
            title=guest.title,
            first_name=guest.first_name,
            last_name=guest.last_name,
            email=guest.email or "",
            phone=guest.phone or "",
            phone_display=format_phone(guest.phone, region.phone_region),
            address_line1=guest.address_line1,
            address_line2=guest.address_line2,
            postcode=guest.postcode,
            city=guest.city,
            region=guest.region,
            country=guest.country,
            language=guest.language,
            company=guest.company,
            vip_level=guest.vip_level,
            notes=guest.notes,
            marketing_consent=guest.marketing_consent,
            marketing_consent_at=guest.marketing_consent_at,
            marketing_consent_text=guest.marketing_consent_text or "",
            blocklisted=guest.blocklisted,
            blocklist_reason=guest.blocklist_reason,
            created_at=guest.created_at,
            updated_at=guest.updated_at,
            facts=facts,
            recent_stays=tuple(stay_row(s) for s in stays),
            stay_count=int(count),
            today=ctx.today(),
            currency=region.currency,
            locale=region.locale,
            phone_region=region.phone_region,
            anonymised=guest.anonymised_at is not None,
        )


def possible_duplicates(
    ctx: Context,
    first_name: str,
    last_name: str,
    email: str,
    phone: str,
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[DuplicateCandidate]:
    """Guests the one being typed may already be: same email, same phone, or the same name.

    Lenient by design: half-typed input never raises; it just finds nothing yet.
    """
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        region = regional(session)
        reasons: dict[int, list[str]] = {}

        def add(ids: list[int], reason: str) -> None:
            for gid in ids:
                if gid != exclude_id and reason not in reasons.setdefault(gid, []):
                    reasons[gid].append(reason)

        address = email.strip()
        if "@" in address and _email_problem(address) is None:
            add(_ids(session, func.lower(Guest.email) == address.lower()), "same email")
        try:
            e164 = parse_phone(phone, region.phone_region) if sum(c.isdigit() for c in phone) >= 6 else None
        except UserError:
            e164 = None
        if e164:
            add(_ids(session, Guest.phone == e164), "same phone")
        if last_name.strip() and (first_name.strip() or len(last_name.strip()) >= 2):
            add(_same_name_ids(session, first_name, last_name, limit * 4), "same name")
        if not reasons:
            return []
        rank = {"same email": 0, "same phone": 1, "same name": 2}
        ordered = sorted(
            reasons, key=lambda gid: (-len(reasons[gid]), min(rank[r] for r in reasons[gid]), gid)
        )
        ordered = ordered[:limit]
        guests = {g.id: g for g in session.exec(select(Guest).where(Guest.id.in_(ordered))).all()}  # type: ignore[union-attr]
        facts = facts_for(session, ordered, complaint_notes=0)
        result = []
        for gid in ordered:
            g = guests.get(gid)
            if g is None:
                continue
            f = facts.get(gid)
            result.append(
                DuplicateCandidate(
                    id=gid,
                    name=display_name(g.title, g.first_name, g.last_name),
                    email=g.email or "",
                    phone_display=format_phone(g.phone, region.phone_region),
                    city=g.city,
                    country=g.country,
                    reasons=tuple(sorted(reasons[gid], key=rank.__getitem__)),
                    completed_stays=f.completed_stays if f else 0,
                    last_stay=f.last_stay if f else None,
                    blocklisted=g.blocklisted,
                    blocklist_reason=g.blocklist_reason or "",
                    vip_level=g.vip_level,
                )
            )
        return result


# --- helpers -------------------------------------------------------------------------------


def _live_guest(session: Session, guest_id: int) -> Guest:
    guest = session.get(Guest, guest_id)
    if guest is None:
        raise UserError("That guest no longer exists.")
    if guest.anonymised_at is not None:
        raise UserError("This guest's personal data was erased; the record cannot be edited.")
    if guest.merged_into_id is not None:
        raise UserError("This record was merged into another guest; edit that one instead.")
    return guest


def _ids(session: Session, condition: Any) -> list[int]:
    return [
        gid
        for gid in session.exec(
            select(Guest.id)
            .where(condition, Guest.anonymised_at.is_(None), Guest.merged_into_id.is_(None))
            .limit(20)  # type: ignore[union-attr]
        ).all()
        if gid is not None
    ]


def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name for comparing ("Müller" == "muller")."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i").replace("ß", "ss"))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


def _same_name_ids(session: Session, first_name: str, last_name: str, limit: int) -> list[int]:
    """Guests whose folded first and last names equal the typed ones.

    Candidates come from the last-name index (exact, or ASCII-case-insensitive), then
    the names are compared folded in Python; the search service will find more.
    """
    last = last_name.strip()
    rows = session.exec(
        select(Guest.id, Guest.first_name, Guest.last_name)
        .where(
            or_(Guest.last_name == last, func.lower(Guest.last_name) == last.lower()),
            Guest.anonymised_at.is_(None),  # type: ignore[union-attr]
            Guest.merged_into_id.is_(None),  # type: ignore[union-attr]
        )
        .limit(500)
    ).all()
    want_first, want_last = fold(first_name), fold(last_name)
    found = [
        gid
        for gid, first, lastn in rows
        if gid is not None and fold(lastn) == want_last and (not want_first or fold(first) == want_first)
    ]
    return found[:limit]
