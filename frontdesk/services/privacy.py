"""Erasure requests and retention: anonymise guests, irreversibly, keeping the figures true.

Anonymising keeps the guest's row (stays and complaints still count, by date, room,
category and money) and erases who they were: names, contacts, address, notes, consent,
likes and dislikes. Free text elsewhere may carry the name (a complaint in the guest's
words, a letter, a note on a recovery action): the guest's identifiers are replaced in
it, letters lose their text and PDF. Audit events about the guest keep that they
happened, not what they said (``audit.redact``). After the commit the file is
compacted (``purge_free_space``) so no old copy of a page keeps the name on disk.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from frontdesk.db.engine import Database
from frontdesk.errors import UserError
from frontdesk.models import (
    AuditEvent,
    BusinessSettings,
    Complaint,
    ComplaintTransition,
    Feedback,
    Guest,
    Letter,
    Preference,
    RecoveryAction,
    Stay,
    StayStatus,
)
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.guest_facts import as_date
from frontdesk.services.permissions import Permission, require
from frontdesk.services.privacy_export import related_events
from frontdesk.services.settings_field import set_setting
from frontdesk.services.stays import reindex

PLACEHOLDER = "[guest]"
ERASED_LETTER = "[letter text erased when the guest was anonymised]"
MIN_REASON = 5
MAX_REASON = 500
MAX_RETENTION_MONTHS = 240
_UPCOMING = (StayStatus.EXPECTED.value, StayStatus.IN_HOUSE.value)


@dataclass(frozen=True)
class AnonymiseResult:
    guests: int
    audit_events_redacted: int
    letter_files: tuple[str, ...]  # saved PDFs outside the database, for the manager to delete


@dataclass(frozen=True)
class DueGuest:
    id: int
    name: str
    last_stay: date | None  # departure of the last stay; None if the guest never stayed
    created: date
    stays: int


@dataclass(frozen=True)
class DueList:
    retention_months: int
    cutoff: date
    total: int
    guests: tuple[DueGuest, ...]


# --- identifiers in free text -------------------------------------------------------------------


# Letters that NFKD does not split into a base letter and an accent.
_UNSPLIT = str.maketrans(
    {
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "œ": "oe",
        "Œ": "OE",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "ı": "i",
    }
)


def _ascii_fold(value: str) -> str:
    decomposed = unicodedata.normalize("NFKD", value.translate(_UNSPLIT))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def identifiers(guest: Guest) -> list[str]:
    """The strings that identify the guest, longest first (so the full name goes before its parts)."""
    found: set[str] = set()
    full = " ".join(p for p in (guest.first_name.strip(), guest.last_name.strip()) if p)
    for value in (
        full,
        guest.first_name,
        guest.last_name,
        guest.email or "",
        guest.address_line1,
        guest.company,
    ):
        cleaned = value.strip()
        if len(cleaned) >= 2:
            found.add(cleaned)
            found.add(_ascii_fold(cleaned))
    if guest.phone:
        digits = guest.phone.lstrip("+")
        found.update({guest.phone, digits})
        if len(digits) > 9:
            found.add(digits[-9:])  # the national number without the country code
    return sorted(found, key=len, reverse=True)


def strong_identifiers(guest: Guest) -> list[str]:
    """Identifiers that name this guest and nobody else: full name, email, phone.

    Used on other records (another guest's notes, a walk-in complaint): a last name alone
    may be a relative's, a first name anybody's.
    """
    full = " ".join(p for p in (guest.first_name.strip(), guest.last_name.strip()) if p)
    found = {full, _ascii_fold(full)} if guest.first_name.strip() and guest.last_name.strip() else set()
    if guest.email:
        found.add(guest.email)
    if guest.phone:
        found.update({guest.phone, guest.phone.lstrip("+")})
    return sorted((f for f in found if len(f) >= 5), key=len, reverse=True)


# Free text on any record that staff may have typed a guest's name into.
_FREE_TEXT: tuple[tuple[type[Any], tuple[str, ...]], ...] = (
    (Guest, ("notes", "blocklist_reason")),
    (
        Complaint,
        (
            "walk_in_name",
            "guest_words",
            "root_cause",
            "corrective_action",
            "follow_up_waived_reason",
            "void_reason",
        ),
    ),
    (Preference, ("text",)),  # another guest's: "same room as her sister Ann Abelsen"
    (RecoveryAction, ("description",)),
    (ComplaintTransition, ("note",)),
    (Letter, ("subject", "body")),
    (Feedback, ("comment",)),
)


_WORD = re.compile(r"\w+")


class Mentions:
    """Finds which of several guests a text names, by their strong identifiers.

    Matching is done here, not in SQL: SQLite's ``lower()`` folds ASCII only, so
    "ÉMILE ØRSTED" typed in a note would escape an ``instr(lower(...))`` search for
    "émile ørsted". Texts are case-folded and cut into words; only the identifiers
    whose first word occurs are checked as substrings, so one pass over a table serves
    a whole batch (the retention review's "anonymise all").
    """

    def __init__(self, strong: dict[int, list[str]]) -> None:
        self._by_word: dict[str, list[tuple[str, int]]] = {}
        self._always: list[tuple[str, int]] = []  # digits: a phone inside "0044..." or "tel:+44..."
        for guest_id, idents in strong.items():
            for ident in idents:
                folded = ident.casefold()
                words = _WORD.findall(folded)
                if not words:
                    continue
                if words[0].isdigit():
                    self._always.append((folded, guest_id))
                else:
                    self._by_word.setdefault(words[0], []).append((folded, guest_id))

    def __bool__(self) -> bool:
        return bool(self._by_word or self._always)

    def guests_in(self, value: str | None) -> set[int]:
        if not value:
            return set()
        text = value.casefold()
        found = {guest for ident, guest in self._always if ident in text}
        for word in self._by_word.keys() & set(_WORD.findall(text)):
            found.update(guest for ident, guest in self._by_word[word] if ident in text)
        return found


def _scrub_everywhere(session: Session, mentions: Mentions, strong: dict[int, list[str]]) -> None:
    """Replace the guests' strong identifiers wherever staff typed them (one pass per table)."""
    if not mentions:
        return
    for model, columns in _FREE_TEXT:
        query = select(model.id, *(getattr(model, c) for c in columns))  # type: ignore[attr-defined]
        hits: list[tuple[int, set[int]]] = []
        for row in session.exec(query):
            named = set().union(*(mentions.guests_in(v) for v in row[1:]))
            if named:
                hits.append((row[0], named))
        for row_id, named in hits:
            record = session.get(model, row_id)
            idents = sorted({i for g in named for i in strong[g]}, key=len, reverse=True)
            for column in columns:
                setattr(record, column, scrub(getattr(record, column), idents))
            session.add(record)


def _events_mentioning(session: Session, mentions: Mentions) -> dict[int, list[int]]:
    """Per guest, events on other records whose changes name them (another guest's note...)."""
    found: dict[int, list[int]] = {}
    if not mentions:
        return found
    for event_id, changes in session.exec(select(AuditEvent.id, AuditEvent.changes)):
        for guest_id in mentions.guests_in(changes):
            found.setdefault(guest_id, []).append(int(event_id))  # type: ignore[arg-type]
    return found


def scrub(value: str, idents: list[str]) -> str:
    """``value`` with every whole-word occurrence of an identifier replaced (case-insensitive)."""
    if not value or not idents:
        return value
    pattern = "|".join(re.escape(i) for i in idents)
    return re.sub(rf"(?<!\w)(?:{pattern})(?!\w)", PLACEHOLDER, value, flags=re.IGNORECASE)


# --- anonymising --------------------------------------------------------------------------------


def _check_reason(reason: str) -> str:
    cleaned = " ".join((reason or "").split())
    if len(cleaned) < MIN_REASON:
        raise UserError.at(
            "reason", "Say why the guest is anonymised (for example: erasure request by email)."
        )
    if len(cleaned) > MAX_REASON:
        raise UserError.at("reason", f"The reason can have at most {MAX_REASON} characters.")
    return cleaned


def anonymise_guest(ctx: Context, guest_id: int, reason: str) -> AnonymiseResult:
    """Erase one guest's personal data, irreversibly. Managers; a reason is required."""
    return anonymise_guests(ctx, [guest_id], reason)


def anonymise_guests(ctx: Context, guest_ids: Iterable[int], reason: str) -> AnonymiseResult:
    """Erase several guests in one transaction (the retention review's "anonymise all")."""
    require(ctx, Permission.ANONYMISE_GUESTS)
    cleaned = _check_reason(reason)
    ids = sorted(set(guest_ids))
    if not ids:
        raise UserError("Choose at least one guest to anonymise.")
    redacted = 0
    letter_files: list[str] = []
    with ctx.db.session(write=True) as session:
        # Overwrite freed content with zeros at once; purge_free_space does the rest.
        session.connection().exec_driver_sql("PRAGMA secure_delete = ON")
        guests: list[Guest] = []
        for guest_id in ids:
            guest = session.get(Guest, guest_id)
            if guest is None:
                raise UserError(f"Guest {guest_id} no longer exists.")
            if guest.anonymised_at is not None:
                raise UserError(f"Guest {guest_id} was already anonymised.")
            guests.append(guest)
            # Records merged into this guest name the same person: they go too (see guest_merge).
            guests += session.exec(
                select(Guest).where(Guest.merged_into_id == guest_id, col(Guest.anonymised_at).is_(None))
            ).all()
        strong = {g.id: strong_identifiers(g) for g in guests if g.id is not None}
        mentions = Mentions(strong)
        batch_strong = sorted({i for found in strong.values() for i in found}, key=len, reverse=True)
        mentioning = _events_mentioning(session, mentions)  # read before anything is erased
        for guest in guests:
            guest_id = int(guest.id)  # type: ignore[arg-type]
            idents = identifiers(guest)
            event_ids = [e.id for e in related_events(session, guest_id) if e.id is not None]
            event_ids += mentioning.get(guest_id, [])
            letter_files += _erase_guest(session, ctx, guest, idents)
            done = audit.redact(session, event_ids)
            redacted += len(done)
            audit.record(
                session,
                ctx,
                audit.ANONYMISE_ACTION,
                "guest",
                guest_id,
                {"reason": scrub(scrub(cleaned, idents), batch_strong), audit.REDACTED_LIST_KEY: done},
            )
        _scrub_everywhere(session, mentions, strong)
        reindex(session, ids)  # anonymised guests leave the index
    purge_free_space(ctx.db)
    return AnonymiseResult(len(ids), redacted, tuple(letter_files))


def _erase_guest(session: Session, ctx: Context, guest: Guest, idents: list[str]) -> list[str]:
    now = ctx.now()
    guest_id = guest.id
    for name in (
        "title",
        "first_name",
        "last_name",
        "address_line1",
        "address_line2",
        "postcode",
        "city",
        "region",
        "company",
        "notes",
        "blocklist_reason",
    ):
        setattr(guest, name, "")
    # Country and language stay: figures by country, and no person is found by them.
    guest.email = None
    guest.phone = None
    guest.vip_level = 0
    guest.marketing_consent = False
    guest.marketing_consent_at = None
    guest.marketing_consent_text = None
    guest.blocklisted = False
    guest.anonymised_at = now
    guest.updated_at = now
    guest.updated_by_id = ctx.actor.id
    session.add(guest)

    # Likes, dislikes and allergies are about the person (allergies are health data).
    for pref in session.exec(select(Preference).where(Preference.guest_id == guest_id)).all():
        session.delete(pref)
    for stay in session.exec(select(Stay).where(Stay.guest_id == guest_id)).all():
        if stay.booking_ref:
            stay.booking_ref = ""  # a booking reference finds the person in the booking system
            session.add(stay)
    complaints = session.exec(select(Complaint).where(Complaint.guest_id == guest_id)).all()
    for complaint in complaints:
        for name in (
            "guest_words",
            "root_cause",
            "corrective_action",
            "follow_up_waived_reason",
            "void_reason",
        ):
            setattr(complaint, name, scrub(getattr(complaint, name), idents))
        session.add(complaint)
    complaint_ids = [c.id for c in complaints]
    if complaint_ids:
        for action in session.exec(
            select(RecoveryAction).where(col(RecoveryAction.complaint_id).in_(complaint_ids))
        ).all():
            action.description = scrub(action.description, idents)
            session.add(action)
        for step in session.exec(
            select(ComplaintTransition).where(col(ComplaintTransition.complaint_id).in_(complaint_ids))
        ).all():
            step.note = scrub(step.note, idents)
            session.add(step)
    files: list[str] = []
    for letter in session.exec(select(Letter).where(Letter.guest_id == guest_id)).all():
        if letter.output_path:
            files.append(letter.output_path)
        letter.subject = scrub(letter.subject, idents)
        letter.body = ERASED_LETTER
        letter.pdf = b""
        letter.output_path = None
        session.add(letter)
    for item in session.exec(select(Feedback).where(Feedback.guest_id == guest_id)).all():
        item.comment = scrub(item.comment, idents)
        session.add(item)
    session.flush()
    return files


def purge_free_space(db: Database) -> None:
    """Leave no old copy of erased data in the file: FTS segments, WAL frames, free pages.

    The search index keeps deleted terms in its segments until merged (``optimize``);
    the WAL keeps old page versions until checkpointed; VACUUM rewrites the file
    without free pages. Measured on SQLite 3.40: only all three together remove every trace.
    """
    with db.engine.connect() as conn:
        raw = conn.connection.driver_connection
        assert raw is not None
        has_index = raw.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'guest_search' AND type = 'table'"
        ).fetchone()
        raw.execute("PRAGMA secure_delete = ON")
        if has_index:
            raw.execute("BEGIN IMMEDIATE")
            try:
                raw.execute("INSERT INTO guest_search (guest_search) VALUES ('optimize')")
                raw.execute("COMMIT")
            except BaseException:
                raw.execute("ROLLBACK")
                raise
        _checkpoint(raw)
        raw.execute("VACUUM")
        _checkpoint(raw)


def _checkpoint(raw: Any, tries: int = 50) -> None:
    """Fold the WAL into the file and empty it; a reader in another thread (the status
    bar's refresh) can hold it for a moment, so wait for it rather than leave old frames.
    """
    for _ in range(tries):
        busy = raw.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        if not busy:
            return
        time.sleep(0.1)


# --- retention ---------------------------------------------------------------------------------


def months_before(day: date, months: int) -> date:
    total = day.year * 12 + (day.month - 1) - months
    year, month = divmod(total, 12)
    month += 1
    # The last day of a shorter month (31 March minus one month is 28/29 February).
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def retention_months(ctx: Context) -> int:
    require(ctx, Permission.VIEW_GUESTS)
    with ctx.db.session() as session:
        settings = session.get(BusinessSettings, 1)
        return settings.retention_months if settings else 0


def set_retention_months(ctx: Context, months: int) -> None:
    """How long a guest's data is kept after their last stay; 0 switches the review off."""
    require(ctx, Permission.EDIT_SETTINGS)
    try:
        value = int(months)
    except (TypeError, ValueError):
        raise UserError.at("retention_months", "Enter a number of months.") from None
    if not 0 <= value <= MAX_RETENTION_MONTHS:
        raise UserError.at(
            "retention_months", f"Retention is 0 (no review) to {MAX_RETENTION_MONTHS} months."
        )
    set_setting(ctx, "retention_months", value, "retention_update")


def due_for_anonymisation(ctx: Context, limit: int = 1000) -> DueList:
    """Guests whose last stay ended longer ago than the retention period (or who never
    stayed and were created that long ago), oldest first. Guests with an expected or
    in-house stay, or an open complaint, are not due.
    """
    require(ctx, Permission.ANONYMISE_GUESTS)
    with ctx.db.session() as session:
        settings = session.get(BusinessSettings, 1)
        months = settings.retention_months if settings else 0
        cutoff = months_before(ctx.today(), months)
        if months <= 0:
            return DueList(0, cutoff, 0, ())
        rows = session.connection().execute(text(_DUE_SQL), {"cutoff": cutoff.isoformat()}).all()
        total = len(rows)
        guests = tuple(
            DueGuest(
                id=int(r.id),
                name=" ".join(p for p in (r.first_name, r.last_name) if p),
                last_stay=as_date(r.last_departure),
                created=as_date(r.created_at) or cutoff,
                stays=int(r.stays),
            )
            for r in rows[:limit]
        )
        return DueList(months, cutoff, total, guests)


# Guests whose last activity (last departure, or creation if they never stayed) is before
# the cutoff; ordered oldest first. A guest expected again or in house is not due.
_DUE_SQL = """
SELECT g.id, g.first_name, g.last_name, g.created_at,
       MAX(s.departure) AS last_departure, COUNT(s.id) AS stays
FROM guest g
LEFT JOIN stay s ON s.guest_id = g.id
WHERE g.anonymised_at IS NULL AND g.merged_into_id IS NULL
  AND NOT EXISTS (SELECT 1 FROM stay u WHERE u.guest_id = g.id AND u.status IN ('expected', 'in_house'))
  AND NOT EXISTS (SELECT 1 FROM complaint c WHERE c.guest_id = g.id
                  AND c.status IN ('open', 'in_progress'))
GROUP BY g.id
HAVING COALESCE(MAX(s.departure), substr(g.created_at, 1, 10)) < :cutoff
ORDER BY COALESCE(MAX(s.departure), substr(g.created_at, 1, 10)), g.id
"""
