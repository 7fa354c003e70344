"""The business's own details: name, contacts, logo and signature, currency, locale, paper.

Everyone reads them (letterheads, money, phone numbers); only an administrator changes
them. The logo and signature are copied into the data folder under a name derived from
their content, so a letterhead survives the original file being moved or deleted. Earlier
copies are kept: a failed save, or a restored backup that names an older logo, still
finds its file (they are small, and replaced rarely).
The security, approval-limit, retention and backup-folder settings in the same table
belong to their own services and are never touched here.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat

from frontdesk.config import DataLocation
from frontdesk.errors import UserError
from frontdesk.models import BusinessSettings, PaperSize
from frontdesk.phones import format_phone, parse_phone
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.guests import normalise_email
from frontdesk.services.permissions import Permission, require

MAX_LENGTHS = {
    "name": 200,
    "address": 1000,
    "website": 200,
    "signer_name": 120,
    "signer_title": 120,
}
MAX_IMAGE_BYTES = 5 * 1024 * 1024  # a letterhead logo larger than this is a photo by mistake
_IMAGE_KINDS = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"))
IMAGE_FIELDS = {"logo_path": "logo", "signature_path": "signature"}


@dataclass(frozen=True)
class BusinessProfile:
    """What the Business page shows and saves. Paths are absolute; ``None`` means none."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    website: str = ""
    logo_path: str | None = None
    signature_path: str | None = None
    currency: str = "EUR"
    locale: str = "en_GB"
    paper_size: str = PaperSize.A4.value
    default_phone_region: str = "GB"
    signer_name: str = ""
    signer_title: str = ""

    @property
    def phone_display(self) -> str:
        """The stored number as people in the business's own country write it."""
        return format_phone(_e164(self.phone), self.default_phone_region) if self.phone else ""


FIELDS = tuple(BusinessProfile.__dataclass_fields__)


def get_business(ctx: Context) -> BusinessProfile:
    """Any signed-in role may read it: letters, money and phones depend on it."""
    with ctx.db.session() as session:
        row = session.get(BusinessSettings, 1)
        if row is None:
            raise UserError("This database is not set up yet.")
        return _profile(row)


def update_business(ctx: Context, new: BusinessProfile) -> BusinessProfile:
    """Validate and save in one transaction, with the changed fields audited before/after."""
    require(ctx, Permission.EDIT_SETTINGS)
    branding = DataLocation(ctx.db.path).branding_dir
    cleaned = _validated(new, branding)
    with ctx.db.session(write=True) as session:
        row = session.get(BusinessSettings, 1)
        if row is None:
            raise UserError("This database is not set up yet.")
        before = asdict(_profile(row))
        after = dict(cleaned)
        for field, stem in IMAGE_FIELDS.items():
            after[field] = _stored_image(after[field], before[field], branding, stem)
        changes = audit.diff(before, after)
        if changes:
            for field in changes:
                setattr(row, field, after[field])
            row.updated_at = ctx.now()
            session.add(row)
            audit.record(session, ctx, "update_business", "business_settings", 1, changes)
        return BusinessProfile(**after)


# --- choices the form offers (fixed lists, no database) -------------------------------------


@cache
def currency_choices(display_locale: str = "en") -> tuple[tuple[str, str], ...]:
    """(ISO code, "EUR — Euro") for every currency some country uses today, by code."""
    from babel import Locale

    names = Locale.parse(display_locale).currencies
    return tuple((code, f"{code} — {names.get(code, code)}") for code in sorted(_current_currencies()))


@cache
def locale_choices(display_locale: str = "en") -> tuple[tuple[str, str], ...]:
    """(identifier, "English (United Kingdom) — en_GB") for language-and-country locales, by name."""
    from babel import Locale
    from babel.localedata import locale_identifiers

    found = []
    for identifier in locale_identifiers():
        parts = identifier.split("_")
        if len(parts) != 2 or len(parts[1]) != 2 or not parts[1].isalpha():
            continue  # scripts and regions like "sr_Latn", "es_419" are rarely what a hotel means
        name = Locale.parse(identifier).get_display_name(display_locale) or identifier
        found.append((identifier, f"{name} — {identifier}"))
    return tuple(sorted(found, key=lambda item: item[1].casefold()))


@cache
def region_choices(display_locale: str = "en") -> tuple[tuple[str, str], ...]:
    """(region code, "United Kingdom (+44)") for every region phone numbers are known for."""
    from babel import Locale

    names = Locale.parse(display_locale).territories
    found = [
        (code, f"{names.get(code, code)} (+{phonenumbers.country_code_for_region(code)})")
        for code in phonenumbers.SUPPORTED_REGIONS
    ]
    return tuple(sorted(found, key=lambda item: item[1].casefold()))


# --- validation ------------------------------------------------------------------------------


def _validated(new: BusinessProfile, branding: Path) -> dict[str, Any]:
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    for field in ("name", "address", "website", "signer_name", "signer_title"):
        text = str(getattr(new, field) or "").strip()
        if len(text) > MAX_LENGTHS[field]:
            errors[field] = f"Keep this under {MAX_LENGTHS[field]} characters."
        values[field] = text
    if not values["name"] and "name" not in errors:
        errors["name"] = "Enter the name of the business."
    if values["website"] and "website" not in errors and not _looks_like_website(values["website"]):
        errors["website"] = "Enter a web address like www.example.com."

    region = (new.default_phone_region or "").strip().upper()
    if region not in phonenumbers.SUPPORTED_REGIONS:
        errors["default_phone_region"] = "Choose a country from the list."
    values["default_phone_region"] = region

    values["phone"] = ""
    if "default_phone_region" not in errors:  # a number is only read against a known country
        try:
            e164 = parse_phone(new.phone or "", region, "phone")
            # Stored readable (letterheads print it as is) and still unambiguous abroad.
            values["phone"] = stored_phone(e164) if e164 else ""
        except UserError as exc:
            errors.update(exc.field_errors)

    values["email"] = ""
    try:
        values["email"] = normalise_email(new.email or "") or ""
    except UserError as exc:
        errors.update(exc.field_errors)

    currency = (new.currency or "").strip().upper()
    if currency not in _current_currencies():
        errors["currency"] = "Choose a currency from the list."
    values["currency"] = currency

    locale = (new.locale or "").strip()
    if locale not in _known_locales():
        errors["locale"] = "Choose a language and country from the list."
    values["locale"] = locale

    paper = (new.paper_size or "").strip().upper()
    if paper not in {p.value for p in PaperSize}:
        errors["paper_size"] = "Choose A4 or Letter."
    values["paper_size"] = paper

    for field, stem in IMAGE_FIELDS.items():
        raw = getattr(new, field)
        values[field] = str(raw).strip() if raw and str(raw).strip() else None
        chosen = Path(values[field]).expanduser() if values[field] else None
        # A copy already in the data folder was checked when it was chosen.
        if chosen is not None and chosen.parent != branding:
            problem = _image_problem(chosen, stem)
            if problem:
                errors[field] = problem

    if errors:
        raise UserError("Please correct the highlighted fields.", errors)
    return values


def _looks_like_website(text: str) -> bool:
    host = text.split("://", 1)[1] if "://" in text else text
    host = host.split("/", 1)[0]
    return not any(ch.isspace() for ch in text) and "." in host.strip(".")


def _e164(text: str) -> str:
    try:
        return phonenumbers.format_number(phonenumbers.parse(text, None), PhoneNumberFormat.E164)
    except NumberParseException:
        return text


def stored_phone(e164: str) -> str:
    """The business number as saved: international format, e.g. "+44 1273 000123"."""
    return phonenumbers.format_number(phonenumbers.parse(e164, None), PhoneNumberFormat.INTERNATIONAL)


@cache
def _current_currencies() -> frozenset[str]:
    from babel import Locale
    from babel.numbers import get_territory_currencies

    today = date.today()
    found: set[str] = set()
    for territory in Locale.parse("en").territories:
        if len(territory) == 2 and territory.isalpha():
            found.update(get_territory_currencies(territory, today, tender=True))
    return frozenset(found)


@cache
def _known_locales() -> frozenset[str]:
    from babel.localedata import locale_identifiers

    return frozenset(locale_identifiers())


# --- the logo and signature files ------------------------------------------------------------


def image_kind(path: Path) -> str | None:
    """PNG or JPEG ("png"/"jpg") by the first bytes, whatever the name says; ``None`` otherwise."""
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return None
    return next((kind for magic, kind in _IMAGE_KINDS if head.startswith(magic)), None)


def _image_problem(source: Path, stem: str) -> str | None:
    """What is wrong with ``source`` as the logo or signature, or ``None``."""
    if not source.is_file():
        return f"The file {source} does not exist. Choose the {stem} again."
    size = source.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return f"The {stem} is {size // (1024 * 1024)} MB; choose an image under 5 MB."
    if image_kind(source) is None:
        return f"The {stem} must be a PNG or JPEG image."
    if not _printable(source):
        return f"The {stem} file is damaged: FrontDesk cannot read the picture in it."
    return None


def _printable(source: Path) -> bool:
    """Whether the letter renderer (ReportLab) can read the picture's size, as it must to print it."""
    from reportlab.lib.utils import ImageReader

    try:
        width, height = ImageReader(str(source)).getSize()
    except Exception:  # any decoder failure means the same to the person choosing the file
        return False
    return width > 0 and height > 0


def _stored_image(chosen: str | None, current: str | None, branding: Path, stem: str) -> str | None:
    """The path to store: unchanged, ``None`` (removed), or a fresh copy in the data folder."""
    if chosen is None:
        return None
    if chosen == current:
        return current
    field = f"{stem}_path"
    source = Path(chosen).expanduser()
    try:
        problem = _image_problem(source, stem)  # again: the file may have changed since validation
        if problem:
            raise UserError.at(field, problem)
        data = source.read_bytes()
        kind = image_kind(source)
        target = branding / f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}.{kind}"
        if not target.exists():
            branding.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".partial")
            partial.write_bytes(data)
            partial.replace(target)  # never a half-written image under the final name
    except OSError as exc:
        raise UserError.at(
            field, f"FrontDesk could not copy the {stem} into {branding} ({exc.strerror or exc})."
        ) from exc
    return str(target)


def _profile(row: BusinessSettings) -> BusinessProfile:
    return BusinessProfile(**{field: getattr(row, field) for field in FIELDS})
