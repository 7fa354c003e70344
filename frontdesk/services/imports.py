"""Headless import of existing guest lists and stays from CSV files.

Every row is validated by the same rules as the forms (``guests`` and ``stays``
services). Either every row is imported in one transaction, or — when any row is
wrong — none is and every problem is reported with its line number. With
``skip_invalid`` the valid rows are imported and the rest are listed: nothing is ever
dropped silently (and if no row is valid, that is an error too). A guest or stay already in
the book is refused, so a file can be imported again once its listed rows are fixed.
Overlap warnings of the stay form are not asked for: an import brings history as it was
recorded elsewhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, func, select

from frontdesk.errors import UserError
from frontdesk.models import Guest, Stay
from frontdesk.services import audit
from frontdesk.services.context import Context
from frontdesk.services.csv_reader import CsvRow, read_csv
from frontdesk.services.guests import GuestInput, normalise_email, validate_guest_input
from frontdesk.services.permissions import Permission, require
from frontdesk.services.regional import regional
from frontdesk.services.stays import (
    CHANNEL_WORDS,
    STATUS_WORDS,
    StayInput,
    reindex,
    validate_stay_input,
)

GUEST_COLUMNS = {
    "title", "first_name", "last_name", "email", "phone", "company", "address_line1", "address_line2",
    "postcode", "city", "country", "language", "notes",
}  # fmt: skip
STAY_COLUMNS = {
    "guest_email", "guest_id", "arrival", "departure", "room", "adults", "children", "amount", "channel",
    "booking_ref", "status",
}  # fmt: skip
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
MAX_REPORTED = 200


@dataclass(frozen=True)
class RowProblem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass(frozen=True)
class ImportReport:
    kind: str  # "guests" or "stays"
    imported: int
    skipped: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...] = ()  # imported, but worth a look (e.g. a second guest with one email)


class ImportRefused(UserError):
    """Some rows are wrong; nothing was imported."""

    def __init__(self, path: Path, problems: list[RowProblem], *, none_valid: bool = False) -> None:
        shown = problems[:MAX_REPORTED]
        more = f"\n… and {len(problems) - len(shown)} more" if len(problems) > len(shown) else ""
        why = (
            f"none of the {len(problems)} row(s) can be imported; nothing was imported."
            if none_valid
            else f"{len(problems)} row(s) have errors; nothing was imported "
            "(use --skip-invalid to import the valid rows)."
        )
        super().__init__(f"{path.name}: {why}\n" + "\n".join(map(str, shown)) + more)
        self.problems = tuple(problems)


def _describe(error: UserError) -> str:
    if not error.field_errors:
        return error.message
    return "; ".join(f"{field}: {message}" for field, message in error.field_errors.items())


def _run(
    ctx: Context,
    path: Path,
    kind: str,
    columns: set[str],
    required: list[set[str]],
    build: Callable[[Session, CsvRow, list[str]], Any],
    skip_invalid: bool,
) -> ImportReport:
    require(ctx, Permission.EDIT_GUESTS)
    table = read_csv(path, accepted=columns, required=required)
    if not table.rows:
        raise UserError(f"{path.name} has a header but no rows.")
    with ctx.db.session(write=True) as session:
        problems: list[RowProblem] = []
        warnings: list[RowProblem] = []
        records: list[Any] = []
        for row in table.rows:
            if row.problem:
                problems.append(RowProblem(row.line, row.problem))
                continue
            notes: list[str] = []
            try:
                records.append(build(session, row, notes))
            except UserError as exc:
                problems.append(RowProblem(row.line, _describe(exc)))
                continue
            warnings.extend(RowProblem(row.line, note) for note in notes)
        if problems and (not skip_invalid or not records):
            raise ImportRefused(path, problems, none_valid=skip_invalid)
        session.add_all(records)
        session.flush()
        guest_ids = sorted({r.id if isinstance(r, Guest) else r.guest_id for r in records})
        reindex(session, guest_ids)
        audit.record(
            session,
            ctx,
            f"import_{kind}",
            "guest" if kind == "guests" else "stay",
            None,
            {"file": path.name, "imported": len(records), "skipped_lines": [p.line for p in problems]},
        )
        return ImportReport(kind, len(records), tuple(problems), tuple(warnings))


def import_guests(ctx: Context, path: Path, *, skip_invalid: bool = False) -> ImportReport:
    now = ctx.now()

    seen: dict[str, list[tuple[int, tuple[str, str]]]] = {}
    book = _EmailBook()

    def build(session: Session, row: CsvRow, warnings: list[str]) -> Guest:
        values = row.values
        data = GuestInput(**{k: v for k, v in values.items() if k in GUEST_COLUMNS})
        data.language = values.get("language") or "en"
        validated = validate_guest_input(session, data, region)
        if validated["email"]:
            warnings.extend(_seen_before(session, validated, row.line, seen, book))
        return Guest(
            **validated,
            created_at=now,
            updated_at=now,
            created_by_id=ctx.actor.id,
            updated_by_id=ctx.actor.id,
        )

    with ctx.db.session() as session:
        region = regional(session)
    return _run(ctx, path, "guests", GUEST_COLUMNS, [{"last_name"}], build, skip_invalid)


class _EmailBook:
    """Live guests by lower-cased email, read once per import: ``lower(email)`` cannot use the
    email index, so a query per row would scan the whole guest table for every row.
    """

    def __init__(self) -> None:
        self._by_email: dict[str, list[tuple[int, str, str]]] | None = None

    def get(self, session: Session, key: str) -> list[tuple[int, str, str]]:
        if self._by_email is None:
            self._by_email = {}
            rows = session.exec(
                select(Guest.id, Guest.email, Guest.first_name, Guest.last_name).where(
                    Guest.email.is_not(None),  # type: ignore[union-attr]
                    Guest.anonymised_at.is_(None),  # type: ignore[union-attr]
                )
            )
            for guest_id, email, first, last in rows:
                self._by_email.setdefault(str(email).lower(), []).append((int(guest_id), first, last))
        return self._by_email.get(key, [])


def _seen_before(
    session: Session,
    values: dict[str, Any],
    line: int,
    seen: dict[str, list[tuple[int, tuple[str, str]]]],
    book: _EmailBook,
) -> list[str]:
    """The same name and email again (a list imported twice, or re-imported after fixing the
    rows --skip-invalid listed) is refused; only the email again is a warning, as a couple may
    share an address. Guests without an email cannot be told apart and are not compared.
    """
    email = values["email"]
    key = email.lower()
    name = (values["first_name"].casefold(), values["last_name"].casefold())
    earlier = seen.setdefault(key, [])
    for other_line, other_name in earlier:
        if other_name == name:
            raise UserError.at("email", f"The same guest (name and email) is also on line {other_line}.")
    existing = book.get(session, key)
    for guest_id, first, last in existing:
        if (first.casefold(), last.casefold()) == name:
            raise UserError.at(
                "email", f"Guest {guest_id} with this name and email is already in the guest book."
            )
    found: list[str] = []
    if earlier:
        found.append(f"email: {email} is also on line {earlier[0][0]}; both were imported.")
    elif existing:
        found.append(
            f"email: guest {existing[0][0]} already has the email {email}; another guest was imported "
            "(merge them in the guest book if they are one person)."
        )
    earlier.append((line, name))
    return found


def _parse_date(text: str, field: str) -> date | None:
    if not text:
        return None
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise UserError.at(field, f"“{text}” is not a date; write it as YYYY-MM-DD (e.g. 2026-03-14).")


def _parse_int(text: str, field: str, default: int) -> int:
    if not text:
        return default
    # Only ASCII digits: int() would also take "1_000", "٣" or 30 digits SQLite cannot hold.
    if not (text.isascii() and text.isdigit()) or len(text) > 18:
        raise UserError.at(field, f"“{text}” is not a whole number.")
    return int(text)


def _code(text: str, words: dict[str, str], field: str, default: str) -> str:
    """Accept the code ("checked_out") or the word shown in the app ("Checked out")."""
    if not text:
        return default
    key = "_".join(text.strip().lower().replace("-", " ").replace(".", " ").split())
    by_word = {"_".join(word.lower().replace(".", " ").split()): code for code, word in words.items()}
    found = key if key in words else by_word.get(key)
    if found is None:
        raise UserError.at(field, f"“{text}” is not one of: {', '.join(words)}.")
    return found


def _guest_of(session: Session, values: dict[str, str], book: _EmailBook) -> Guest:
    if values.get("guest_id"):
        guest_id = _parse_int(values["guest_id"], "guest_id", 0)
        guest = session.get(Guest, guest_id)
        if guest is None or guest.anonymised_at is not None:
            raise UserError.at("guest_id", f"There is no guest with id {guest_id}.")
        given = values.get("guest_email", "").strip()
        if given and given.lower() != (guest.email or "").lower():
            raise UserError.at(
                "guest_email", f"Guest {guest_id} does not have the email {given}; which guest is meant?"
            )
        return guest
    try:
        email = normalise_email(values.get("guest_email", ""))
    except UserError as exc:
        raise UserError.at("guest_email", exc.message) from None
    if email is None:
        raise UserError.at("guest_email", "Give the guest's email or guest_id.")
    # Local parts are case-sensitive in theory; no hotel guest has two addresses differing by case.
    found = book.get(session, email.lower())
    if not found:
        raise UserError.at("guest_email", f"No guest has the email {email}; import the guest first.")
    if len(found) > 1:
        raise UserError.at(
            "guest_email", f"{len(found)} guests have the email {email}; use guest_id instead."
        )
    guest = session.get(Guest, found[0][0])
    assert guest is not None  # read in this transaction
    return guest


def _validated_stay(session: Session, ctx: Context, data: StayInput, unread: set[str]) -> dict[str, Any]:
    """The form's validation, minus its complaints about values that could not be read."""
    try:
        return validate_stay_input(session, ctx, data)
    except UserError as exc:
        others = {field: message for field, message in exc.field_errors.items() if field not in unread}
        raise UserError(exc.message, others) from None


def _refuse_same_stay(
    session: Session, guest_id: int, values: dict[str, Any], line: int, seen: dict[tuple[Any, ...], int]
) -> None:
    """A stay identical in guest, dates, room and booking reference is the same stay again:
    re-importing a file after fixing the rows --skip-invalid listed must not double its history.
    """
    key = (
        guest_id,
        values["arrival"],
        values["departure"],
        values["room"].casefold(),
        values["booking_ref"].casefold(),
    )
    what = f"This stay of guest {guest_id} ({values['arrival']} to {values['departure']})"
    if key in seen:
        raise UserError(f"{what} is also on line {seen[key]}.")
    existing = session.exec(
        select(Stay.id).where(
            Stay.guest_id == guest_id,
            Stay.arrival == values["arrival"],
            Stay.departure == values["departure"],
            func.lower(Stay.room) == key[3],
            func.lower(Stay.booking_ref) == key[4],
        )
    ).first()
    if existing is not None:
        raise UserError(
            f"{what} is already in the guest book (stay {existing}, same room and booking reference)."
        )
    seen[key] = line


def import_stays(ctx: Context, path: Path, *, skip_invalid: bool = False) -> ImportReport:
    now = ctx.now()
    stays_seen: dict[tuple[Any, ...], int] = {}
    book = _EmailBook()

    def build(session: Session, row: CsvRow, _warnings: list[str]) -> Stay:
        values = row.values
        errors: dict[str, str] = {}

        def parsed(parse: Callable[[], Any], fallback: Any) -> Any:
            try:
                return parse()
            except UserError as exc:
                errors.update(exc.field_errors)
                return fallback

        guest = parsed(lambda: _guest_of(session, values, book), None)
        data = StayInput(
            arrival=parsed(lambda: _parse_date(values.get("arrival", ""), "arrival"), None),
            departure=parsed(lambda: _parse_date(values.get("departure", ""), "departure"), None),
            room=values.get("room", ""),
            adults=parsed(lambda: _parse_int(values.get("adults", ""), "adults", 1), 1),
            children=parsed(lambda: _parse_int(values.get("children", ""), "children", 0), 0),
            channel=parsed(
                lambda: _code(values.get("channel", ""), CHANNEL_WORDS, "channel", "direct"), "direct"
            ),
            booking_ref=values.get("booking_ref", ""),
            amount=values.get("amount", ""),
            status=parsed(
                lambda: _code(values.get("status", ""), STATUS_WORDS, "status", "checked_out"), "expected"
            ),
        )
        # Every problem of the row at once; a value that could not be read is not judged again.
        validated = parsed(lambda: _validated_stay(session, ctx, data, set(errors)), None)
        if errors or validated is None or guest is None:
            raise UserError(f"Please correct {len(errors)} fields.", errors)
        _refuse_same_stay(session, guest.id, validated, row.line, stays_seen)
        return Stay(
            guest_id=guest.id, **validated, created_at=now, updated_at=now,
            created_by_id=ctx.actor.id, updated_by_id=ctx.actor.id,
        )  # fmt: skip

    return _run(
        ctx, path, "stays", STAY_COLUMNS, [{"guest_email", "guest_id"}, {"arrival"}, {"departure"}],
        build, skip_invalid,
    )  # fmt: skip
