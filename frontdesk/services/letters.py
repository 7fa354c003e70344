"""Apology and thank-you letters: templates, a draft from a complaint, and the record of what was sent.

A draft is merged from a template in the guest's language; staff edit its text; the
PDF is rendered off the GUI thread (``frontdesk.pdf.letter``) and, once printed or
saved, recorded here with the exact bytes, so a reprint is the identical document.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from babel import Locale
from babel.lists import format_list
from sqlalchemy import func
from sqlmodel import Session, select

from frontdesk.errors import UserError
from frontdesk.letters import wording
from frontdesk.letters.compose import finished_content, preview_content
from frontdesk.letters.fields import check_template, describe_left, merge
from frontdesk.letters.shipped import CODES
from frontdesk.models import (
    BusinessSettings,
    Complaint,
    Guest,
    Letter,
    LetterDelivery,
    LetterTemplate,
    LookupKind,
    RecoveryAction,
    Stay,
)
from frontdesk.pdf.letter import LetterContent
from frontdesk.phones import format_phone
from frontdesk.services import audit
from frontdesk.services.complaint_common import aware, load_complaint, local_date, user_names
from frontdesk.services.context import Context
from frontdesk.services.lookups import labels
from frontdesk.services.permissions import Permission, require

ENTITY = "letter"
TEMPLATE_ENTITY = "letter_template"

# How each recovery action reads in a letter, per language (its description wins if given).
_ACTION_WORDS: dict[str, dict[str, str]] = {
    "en": {
        "apology": "our apology",
        "fix": "the problem fixed",
        "room_move": "a move to another room",
        "upgrade": "an upgrade",
        "discount": "a discount",
        "refund": "a refund",
        "complimentary": "a complimentary service",
        "voucher": "a voucher for your next stay",
        "letter": "this letter",
    },
    "de": {
        "apology": "unsere Entschuldigung",
        "fix": "die Behebung des Problems",
        "room_move": "ein Zimmerwechsel",
        "upgrade": "ein Upgrade",
        "discount": "ein Preisnachlass",
        "refund": "eine Rückerstattung",
        "complimentary": "eine kostenlose Leistung",
        "voucher": "ein Gutschein für Ihren nächsten Aufenthalt",
        "letter": "dieses Schreiben",
    },
    "fr": {
        "apology": "nos excuses",
        "fix": "la résolution du problème",
        "room_move": "un changement de chambre",
        "upgrade": "un surclassement",
        "discount": "une remise",
        "refund": "un remboursement",
        "complimentary": "une prestation offerte",
        "voucher": "un bon pour votre prochain séjour",
        "letter": "ce courrier",
    },
}


@dataclass(frozen=True)
class TemplateRow:
    id: int
    code: str
    language: str
    name: str
    subject: str
    body: str
    updated_at: datetime


@dataclass(frozen=True)
class LetterDraft:
    """A letter before it leaves: the merged text (editable) and everything else the PDF needs."""

    complaint_id: int | None
    guest_id: int | None
    template_code: str
    language: str
    subject: str
    body: str
    frame: LetterContent  # letterhead, address, date, signer; subject/body are filled in at render
    problems: tuple[str, ...]  # fields to fill in before printing
    warnings: tuple[str, ...]  # printable, but worth knowing (no address, missing logo)
    templates: tuple[tuple[str, str], ...]  # (code, name) available in this language


@dataclass(frozen=True)
class LetterRow:
    id: int
    guest_id: int | None
    complaint_id: int | None
    template_code: str
    language: str
    subject: str
    delivery: str
    output_path: str | None
    created_at: datetime
    created_by: str
    has_pdf: bool  # False for a letter erased with its guest, or brought in as text only


# --- templates -----------------------------------------------------------------------------


def _template_row(t: LetterTemplate) -> TemplateRow:
    assert t.id is not None
    return TemplateRow(t.id, t.code, t.language, t.name, t.subject, t.body, aware(t.updated_at))  # type: ignore[arg-type]


def list_templates(ctx: Context) -> list[TemplateRow]:
    require(ctx, Permission.MAKE_LETTERS)
    with ctx.db.session() as session:
        rows = session.exec(
            select(LetterTemplate).order_by(LetterTemplate.code, LetterTemplate.language)
        ).all()
        return [_template_row(t) for t in rows]


def save_template(
    ctx: Context, template_id: int | None, code: str, language: str, name: str, subject: str, body: str
) -> TemplateRow:
    """Create or change a template; a syntax error or unknown field is refused with its position."""
    require(ctx, Permission.EDIT_TEMPLATES)
    code, language, name = code.strip(), language.strip().lower(), name.strip()
    errors: dict[str, str] = {}
    if not code.replace("_", "").isalnum():
        errors["code"] = "Use letters, digits and _ for the template's code."
    if language not in wording.LANGUAGES:
        errors["language"] = "Choose one of: " + ", ".join(wording.LANGUAGES) + "."
    if not name:
        errors["name"] = "Give the template a name."
    if len(subject) > 200:
        errors["subject"] = "The subject can be at most 200 characters."
    if errors:
        raise UserError(next(iter(errors.values())), errors)
    check_template(subject, body)
    with ctx.db.session(write=True) as session:
        clash = session.exec(
            select(LetterTemplate).where(LetterTemplate.code == code, LetterTemplate.language == language)
        ).first()
        if clash is not None and clash.id != template_id:
            raise UserError.at(
                "code", f"There is already a “{code}” template in {wording.LANGUAGES[language]}."
            )
        if template_id is None:
            t = LetterTemplate(code=code, language=language, name=name, subject=subject, body=body)
            before: dict[str, str] = {}
        else:
            found = session.get(LetterTemplate, template_id)
            if found is None:
                raise UserError("That template no longer exists.")
            t = found
            before = {
                "code": t.code,
                "language": t.language,
                "name": t.name,
                "subject": t.subject,
                "body": t.body,
            }
            t.code, t.language, t.name, t.subject, t.body = code, language, name, subject, body
        t.updated_at = ctx.now().astimezone(UTC)
        t.updated_by_id = ctx.actor.id
        session.add(t)
        session.flush()
        after = {"code": code, "language": language, "name": name, "subject": subject, "body": body}
        audit.record(
            session,
            ctx,
            "create" if not before else "update",
            TEMPLATE_ENTITY,
            t.id,
            audit.diff(before, after),
        )
        return _template_row(t)


def sample_letter(ctx: Context, subject: str, body: str, language: str) -> LetterContent:
    """A template filled in for a made-up guest, for the manager to see before saving it."""
    require(ctx, Permission.EDIT_TEMPLATES)
    check_template(subject, body)
    lang = wording.language_of(language)
    with ctx.db.session() as session:
        settings = _settings(session)
        session.expunge(settings)  # read once, used after the session closes
    today = ctx.today()
    arrival, departure = today - timedelta(days=5), today - timedelta(days=2)
    money = wording.money
    values = {
        "salutation": wording.salutation(lang, "Ms", "Zoë", "O'Brien-Núñez"),
        "guest_name": "Zoë O'Brien-Núñez",
        "guest_first_name": "Zoë",
        "guest_last_name": "O'Brien-Núñez",
        "guest_address": "14 Harbour Street\nDublin D02 XY45\nIRELAND",
        "arrival_date": wording.long_date(arrival, lang),
        "departure_date": wording.long_date(departure, lang),
        "stay_dates": wording.date_range(arrival, departure, lang),
        "room": "214",
        "complaint_date": wording.long_date(arrival + timedelta(days=1), lang),
        "complaint_summary": wording.complaint_phrase("noise", "Noise", lang),
        "recovery_actions": format_list(
            [
                f"{_ACTION_WORDS[lang]['upgrade']} ({money(4000, settings.currency, lang)})",
                f"{_ACTION_WORDS[lang]['voucher']} ({money(5000, settings.currency, lang)})",
            ],
            locale=wording.locale_for(lang),
        ),
        "compensation_total": money(9000, settings.currency, lang),
        "business_name": settings.name,
        "business_address": settings.address.strip(),
        "business_phone": format_phone(settings.phone, "IE").replace(" ", "\u00a0"),
        "business_email": settings.email,
        "signer_name": settings.signer_name or ctx.actor.display_name,
        "signer_title": settings.signer_title,
        "today": wording.long_date(today, lang),
    }
    merged_subject, _ = merge(subject, values, "subject")
    merged_body, _ = merge(body, values, "body")
    recipient = ("Ms Zoë O'Brien-Núñez", "14 Harbour Street", "Dublin D02 XY45", "IRELAND")
    frame = _frame(
        settings,
        recipient,
        lang,
        today,
        f"Zoë O'Brien-Núñez · {wording.long_date(today, lang)}",
        values["business_phone"],
    )
    # A field with no value here (no phone in the settings) shows as ⟨business_phone?⟩.
    return preview_content(replace(frame, signer_name=values["signer_name"]), merged_subject, merged_body)


# --- drafts --------------------------------------------------------------------------------


def _settings(session: Session) -> BusinessSettings:
    return session.get(BusinessSettings, 1) or BusinessSettings(name="")


def _recipient_lines(guest: Guest | None, walk_in: str, language: str, home: str) -> tuple[str, ...]:
    if guest is None:
        return (walk_in.strip(),) if walk_in.strip() else ()
    name = " ".join(p for p in (guest.title, guest.first_name, guest.last_name) if p.strip())
    lines = [name, guest.company, guest.address_line1, guest.address_line2]
    lines.append(" ".join(p for p in (guest.postcode, guest.city) if p.strip()))
    lines.append(guest.region)
    if guest.country and guest.country.upper() != home.upper():
        territory = Locale.parse(wording.locale_for(language)).territories.get(
            guest.country.upper(), guest.country
        )
        lines.append(territory.upper())
    return tuple(line.strip() for line in lines if line and line.strip())


def _has_address(guest: Guest | None) -> bool:
    return guest is not None and bool(
        guest.address_line1.strip() and (guest.city.strip() or guest.postcode.strip())
    )


def _business_city(address: str) -> str:
    """The place in front of the date: "Seestraße 12 / 6020 Innsbruck" → "Innsbruck".

    The postcode line is the last one with a digit (a country line below it has none).
    """
    lines = [line.strip() for line in address.splitlines() if line.strip()]
    with_digits = [line for line in lines if any(c.isdigit() for c in line)]
    line = with_digits[-1] if with_digits else (lines[-1] if lines else "")
    return " ".join(w for w in line.split() if not any(c.isdigit() for c in w)).strip(" ,")


def _frame(
    settings: BusinessSettings,
    recipient: tuple[str, ...],
    language: str,
    today: date,
    short_header: str,
    phone: str,
) -> LetterContent:
    contact = " · ".join(p for p in (phone, settings.email, settings.website) if p.strip())
    return LetterContent(
        business_name=settings.name,
        business_address=settings.address,
        contact_line=contact,
        recipient_lines=recipient,
        date_line=wording.dated(_business_city(settings.address), today, language),
        subject="",
        body="",
        signer_name=settings.signer_name,
        signer_title=settings.signer_title,
        short_header=short_header,
        paper_size=settings.paper_size,
        logo_path=settings.logo_path,
        signature_path=settings.signature_path,
        page_label=wording.page_label(language),
    )


def draft_letter(
    ctx: Context, complaint_id: int, template_code: str | None = None, language: str | None = None
) -> LetterDraft:
    """A letter for a complaint, merged from the template in the guest's language."""
    require(ctx, Permission.MAKE_LETTERS)
    with ctx.db.session() as session:
        c: Complaint = load_complaint(session, complaint_id)
        guest = session.get(Guest, c.guest_id) if c.guest_id else None
        if guest is not None and guest.anonymised_at is not None:
            raise UserError("This guest's personal details were erased; no letter can be written to them.")
        settings = _settings(session)
        stay = session.get(Stay, c.stay_id) if c.stay_id else None
        actions = session.exec(
            select(RecoveryAction)
            .where(RecoveryAction.complaint_id == complaint_id)
            .order_by(RecoveryAction.done_at, RecoveryAction.id)  # type: ignore[arg-type]
        ).all()
        templates = session.exec(select(LetterTemplate)).all()
        categories = labels(session, LookupKind.COMPLAINT_CATEGORY)
        signer = settings.signer_name or user_names(session, {ctx.actor.id}).get(ctx.actor.id or -1, "")

        warnings: list[str] = []
        wanted = wording.language_of(language or (guest.language if guest else None) or settings.locale)
        if language and wording.language_of(language) != language.lower().split("_")[0]:
            raise UserError.at(
                "language",
                f"There are no letters in “{language}”. Choose one of: " + ", ".join(wording.LANGUAGES) + ".",
            )
        spoken = (guest.language if guest else "") or ""
        if not language and spoken and not wording.has_language(spoken):
            warnings.append(
                f"The guest's language is {wording.language_name(spoken)}; there are no letters in it, "
                f"so this one is in {wording.LANGUAGES[wanted]}."
            )
        by_key = {(t.code, t.language): t for t in templates}
        in_language = sorted({t.code for t in templates if t.language == wanted})
        if not in_language:
            warnings.append(
                f"No templates in {wording.LANGUAGES.get(wanted, wanted)}; the English ones are used."
            )
            wanted = wording.DEFAULT_LANGUAGE
        # What the letter tells the guest was done for them: not the apology itself (this letter
        # is that), and nothing a manager has yet to approve.
        waiting = [a for a in actions if a.needs_approval and a.approved_at is None]
        offered = [a for a in actions if a not in waiting and a.kind not in ("apology", "letter")]
        valued = [a for a in offered if a.value_minor > 0]
        for a in waiting:
            amount = wording.money(a.value_minor, settings.currency, "en")
            what = a.description.strip() or a.kind.replace("_", " ").capitalize()
            warnings.append(
                f"{what} ({amount}) still waits for a manager's approval, so the letter does not mention it."
            )
        code = _template_code(template_code, templates, wanted) or (
            "apology_compensation" if valued else "apology"
        )
        template = by_key.get((code, wanted))
        if template is None:
            known = sorted({t.code for t in templates})
            raise UserError.at(
                "template",
                f"There is no “{code}” template in {wording.LANGUAGES.get(wanted, wanted)}. "
                f"Templates: {', '.join(known)}.",
            )

        today = ctx.today()
        # National format for a guest in the hotel's country, international for everyone else.
        # No-break spaces: a number split over two lines is hard to dial.
        phone = format_phone(
            settings.phone, (guest.country if guest else "") or settings.default_phone_region
        ).replace(" ", "\u00a0")
        words = _ACTION_WORDS[wanted]
        # Staff describe actions in the hotel's language; in another language the kind is said instead.
        own_language = wanted == wording.language_of(settings.locale)
        action_texts = []
        for a in offered:
            text = (_lower_first(a.description.strip()) if own_language else "") or words.get(a.kind, a.kind)
            if a.value_minor > 0:
                text += f" ({wording.money(a.value_minor, settings.currency, wanted)})"
            action_texts.append(text)
        total = sum(a.value_minor for a in offered)
        first = guest.first_name if guest else ""
        last = guest.last_name if guest else ""
        full = " ".join(p for p in (first, last) if p.strip()) or c.walk_in_name
        values = {
            "salutation": wording.salutation(
                wanted, guest.title if guest else "", first or c.walk_in_name, last
            ),
            "guest_name": full,
            "guest_first_name": first,
            "guest_last_name": last,
            "guest_address": "\n".join(_recipient_lines(guest, "", wanted, _home(settings))[1:])
            if guest
            else "",
            "arrival_date": wording.long_date(stay.arrival, wanted) if stay else "",
            "departure_date": wording.long_date(stay.departure, wanted) if stay else "",
            "stay_dates": wording.date_range(stay.arrival, stay.departure, wanted) if stay else "",
            "room": stay.room if stay else "",
            "complaint_date": wording.long_date(local_date(aware(c.received_at)), wanted),  # type: ignore[arg-type]
            "complaint_summary": wording.complaint_phrase(c.category, categories.get(c.category, ""), wanted),
            "recovery_actions": format_list(action_texts, locale=wording.locale_for(wanted))
            if action_texts
            else "",
            "compensation_total": wording.money(total, settings.currency, wanted) if total else "",
            "business_name": settings.name,
            "business_address": settings.address.strip(),
            "business_phone": phone,
            "business_email": settings.email,
            "signer_name": signer,
            "signer_title": settings.signer_title,
            "today": wording.long_date(today, wanted),
        }
        subject, left_subject = merge(template.subject, values, "subject")
        body, left_body = merge(template.body, values, "body")
        problems = []
        left = list(dict.fromkeys(left_subject + left_body))
        if left:
            problems.append(describe_left(left))
        if not _has_address(guest):
            warnings.append(
                "No postal address on file: the address field stays empty. "
                "Add the address to the guest's profile, or hand the letter over in person."
            )
        recipient = _recipient_lines(guest, c.walk_in_name, wanted, _home(settings))
        frame = _frame(
            settings, recipient, wanted, today, f"{full} · {wording.long_date(today, wanted)}", phone
        )
        if not settings.signer_name.strip():
            frame = replace(frame, signer_name=signer)
        return LetterDraft(
            complaint_id=c.id,
            guest_id=c.guest_id,
            template_code=code,
            language=wanted,
            subject=subject,
            body=body,
            frame=frame,
            problems=tuple(problems),
            warnings=tuple(warnings),
            templates=tuple(
                sorted(
                    ((t.code, t.name) for t in templates if t.language == wanted),
                    key=lambda p: CODES.index(p[0]) if p[0] in CODES else 99,
                )
            ),
        )


def _template_code(wanted: str | None, templates: Sequence[LetterTemplate], language: str) -> str | None:
    """A template asked for by its code or by its name (any case), e.g. "Apology" or "thank_you"."""
    if not wanted or not wanted.strip():
        return None
    text = wanted.strip().casefold()
    for t in templates:
        if t.code.casefold() == text:
            return t.code
    for t in sorted(templates, key=lambda t: t.language != language):
        if t.name.casefold() == text:
            return t.code
    return wanted.strip()


def _lower_first(text: str) -> str:
    """E.g. "Spa voucher" → "spa voucher" mid-sentence; "VIP upgrade" stays as it is."""
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def _home(settings: BusinessSettings) -> str:
    return settings.locale.split("_")[-1] if "_" in settings.locale else ""


# --- the record of letters sent ------------------------------------------------------------


def record_letter(
    ctx: Context,
    draft: LetterDraft,
    subject: str,
    body: str,
    pdf: bytes,
    delivery: LetterDelivery,
    output_path: str | None = None,
) -> int:
    """Keep a printed or saved letter: its text as sent, its PDF, template, language, who and when."""
    require(ctx, Permission.MAKE_LETTERS)
    finished_content(draft.frame, subject, body)  # the same check as before printing
    if not pdf.startswith(b"%PDF"):
        raise UserError("The letter's PDF is missing.")
    with ctx.db.session(write=True) as session:
        letter = Letter(
            guest_id=draft.guest_id,
            complaint_id=draft.complaint_id,
            template_code=draft.template_code,
            language=draft.language,
            subject=subject.strip()[:200],
            body=body,
            pdf=pdf,
            delivery=LetterDelivery(delivery).value,
            output_path=output_path,
            created_at=ctx.now().astimezone(UTC),
            created_by_id=ctx.actor.id,
        )
        session.add(letter)
        session.flush()
        audit.record(
            session,
            ctx,
            LetterDelivery(delivery).value,
            ENTITY,
            letter.id,
            {
                "guest_id": draft.guest_id,
                "complaint_id": draft.complaint_id,
                "template": draft.template_code,
                "language": draft.language,
                "subject": letter.subject,
                "pages_bytes": len(pdf),
            },
        )
        assert letter.id is not None
        return letter.id


def _rows(session: Session, where: Any) -> list[LetterRow]:
    # Columns only: the PDFs stay in the database until someone reprints one.
    found = session.execute(
        select(
            Letter.id,
            Letter.guest_id,
            Letter.complaint_id,
            Letter.template_code,
            Letter.language,
            Letter.subject,
            Letter.delivery,
            Letter.output_path,
            Letter.created_at,
            Letter.created_by_id,
            func.length(Letter.pdf),
        )
        .where(where)
        .order_by(Letter.created_at.desc(), Letter.id.desc())  # type: ignore[attr-defined, union-attr]
    ).all()
    names = user_names(session, {row[9] for row in found})
    return [
        LetterRow(
            id=row[0],
            guest_id=row[1],
            complaint_id=row[2],
            template_code=row[3],
            language=row[4],
            subject=row[5],
            delivery=row[6],
            output_path=row[7],
            created_at=aware(row[8]),  # type: ignore[arg-type]
            created_by=names.get(row[9] or -1, ""),
            has_pdf=bool(row[10]),
        )
        for row in found
    ]


def letters_of_guest(ctx: Context, guest_id: int) -> list[LetterRow]:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        return _rows(session, Letter.guest_id == guest_id)


def letters_of_complaint(ctx: Context, complaint_id: int) -> list[LetterRow]:
    require(ctx, Permission.WORK_COMPLAINTS)
    with ctx.db.session() as session:
        return _rows(session, Letter.complaint_id == complaint_id)


def letter_pdf(ctx: Context, letter_id: int) -> bytes:
    """The PDF exactly as it was sent: a reprint is the identical document."""
    require(ctx, Permission.MAKE_LETTERS)
    with ctx.db.session() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise UserError("That letter is not on file.")
        if not letter.pdf:
            raise UserError(
                "Only the text of this letter is on file (it was erased, or came from another system); "
                "there is no document to print again."
            )
        return bytes(letter.pdf)


def note_reprint(
    ctx: Context, letter_id: int, delivery: LetterDelivery, output_path: str | None = None
) -> None:
    """A letter from the history printed or saved again: the same document, so only the audit trail grows."""
    require(ctx, Permission.MAKE_LETTERS)
    with ctx.db.session(write=True) as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise UserError("That letter is not on file.")
        audit.record(
            session,
            ctx,
            "re" + LetterDelivery(delivery).value,
            ENTITY,
            letter_id,
            {"output_path": output_path} if output_path else {},
        )
