"""Merge fields: their names, what they mean, and finding them in a template.

A template writes a field as ``{name}``. ``{{`` and ``}}`` stand for literal braces.
Anything else with a brace is a syntax error, reported with its line and column, so
a broken template is refused when it is saved, never discovered on paper.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from frontdesk.errors import UserError


@dataclass(frozen=True)
class MergeField:
    name: str
    label: str  # shown in the template editor's insert menu


FIELDS: tuple[MergeField, ...] = (
    MergeField("salutation", "Salutation (Dear Mr Smith)"),
    MergeField("guest_name", "Guest full name"),
    MergeField("guest_first_name", "Guest first name"),
    MergeField("guest_last_name", "Guest last name"),
    MergeField("guest_address", "Guest address (several lines)"),
    MergeField("arrival_date", "Arrival date"),
    MergeField("departure_date", "Departure date"),
    MergeField("stay_dates", "Stay dates (from – to)"),
    MergeField("room", "Room"),
    MergeField("complaint_date", "Complaint date"),
    MergeField("complaint_summary", "Complaint summary (category)"),
    MergeField("recovery_actions", "What we did (with values)"),
    MergeField("compensation_total", "Total value of compensation"),
    MergeField("business_name", "Business name"),
    MergeField("business_address", "Business address"),
    MergeField("business_phone", "Business phone"),
    MergeField("business_email", "Business email"),
    MergeField("signer_name", "Signer name"),
    MergeField("signer_title", "Signer title"),
    MergeField("today", "Today's date"),
)
FIELD_NAMES: frozenset[str] = frozenset(f.name for f in FIELDS)

# A placeholder that survived merging (unknown or empty): never allowed onto paper.
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)\}(?!\})")


@dataclass(frozen=True)
class Piece:
    """A template split up: literal text, or a field name (``is_field``)."""

    text: str
    is_field: bool


def _position(source: str, index: int) -> tuple[int, int]:
    line = source.count("\n", 0, index) + 1
    column = index - (source.rfind("\n", 0, index) + 1) + 1
    return line, column


def parse(source: str, field: str = "body") -> list[Piece]:
    """Split a template into pieces; a stray brace or bad name raises UserError at ``field``."""
    pieces: list[Piece] = []
    literal: list[str] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "{" and source.startswith("{{", i):
            literal.append("{")
            i += 2
        elif ch == "}" and source.startswith("}}", i):
            literal.append("}")
            i += 2
        elif ch == "{":
            end = source.find("}", i + 1)
            newline = source.find("\n", i + 1)
            if end < 0 or (0 <= newline < end):
                line, col = _position(source, i)
                raise UserError.at(field, f"Line {line}, column {col}: “{{” is not closed with “}}”.")
            name = source[i + 1 : end].strip()
            if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
                line, col = _position(source, i)
                raise UserError.at(
                    field, f"Line {line}, column {col}: “{{{name}}}” is not a merge field name."
                )
            if literal:
                pieces.append(Piece("".join(literal), False))
                literal = []
            pieces.append(Piece(name, True))
            i = end + 1
        elif ch == "}":
            line, col = _position(source, i)
            raise UserError.at(field, f"Line {line}, column {col}: “}}” without an opening “{{”.")
        else:
            literal.append(ch)
            i += 1
    if literal:
        pieces.append(Piece("".join(literal), False))
    return pieces


def check_template(subject: str, body: str) -> None:
    """Refuse a template with a syntax error or a field nobody can fill."""
    errors: dict[str, str] = {}
    for field, source in (("subject", subject), ("body", body)):
        try:
            unknown = sorted({p.text for p in parse(source, field) if p.is_field} - FIELD_NAMES)
        except UserError as exc:
            errors.update(exc.field_errors)
            continue
        if unknown:
            names = ", ".join(f"{{{n}}}" for n in unknown)
            errors[field] = f"Unknown merge field {names}. Use the Insert field menu."
    if not body.strip():
        errors["body"] = "A template needs a text."
    if errors:
        raise UserError("The template cannot be saved: " + next(iter(errors.values())), errors)


def merge(source: str, values: dict[str, str], field: str = "body") -> tuple[str, list[str]]:
    """Fill the known, non-empty fields. Unknown or empty ones stay as ``{name}`` and are listed."""
    out: list[str] = []
    left: list[str] = []
    for piece in parse(source, field):
        if not piece.is_field:
            # Literal braces are written back doubled-free; a lone one cannot look like a field.
            out.append(piece.text)
            continue
        value = values.get(piece.text, "")
        if value.strip():
            out.append(value)
        else:
            out.append("{" + piece.text + "}")
            if piece.text not in left:
                left.append(piece.text)
    return "".join(out), left


def placeholders(text: str) -> list[str]:
    """Every ``{name}`` still in a finished text, in order, once each."""
    seen: list[str] = []
    for match in PLACEHOLDER.finditer(text):
        if match.group(1) not in seen:
            seen.append(match.group(1))
    return seen


def describe_left(names: list[str]) -> str:
    unknown = [n for n in names if n not in FIELD_NAMES]
    empty = [n for n in names if n in FIELD_NAMES]
    parts = []
    if empty:
        parts.append("no value on file for " + ", ".join(f"{{{n}}}" for n in empty))
    if unknown:
        parts.append("unknown merge field " + ", ".join(f"{{{n}}}" for n in unknown))
    return "Fill in or remove before printing: " + "; ".join(parts) + "."
