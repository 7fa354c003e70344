"""Reading a guest list someone exported from another system: forgiving about form, strict about content.

UTF-8 with or without a byte-order mark, or UTF-16 with one (Excel's "Unicode text");
comma, semicolon or tab, whichever the header uses most;
column names matched case- and space-insensitively. Every row keeps its line number in
the file, so an error can say where it is.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from frontdesk.errors import UserError

MAX_FILE_BYTES = 200 * 1024 * 1024
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class CsvRow:
    line: int  # 1-based line number in the file where the row starts
    values: dict[str, str]
    problem: str | None = None  # the row's cells do not match the header: reported, never guessed at


@dataclass(frozen=True)
class CsvTable:
    columns: tuple[str, ...]
    rows: tuple[CsvRow, ...]


def column_key(name: str) -> str:
    """'Last Name' / 'last-name' / ' LAST_NAME ' → 'last_name'."""
    return "_".join(name.strip().lower().replace("-", " ").split())


def read_csv(path: Path, *, accepted: set[str], required: list[set[str]]) -> CsvTable:
    """Read ``path``; refuse unknown columns and missing required ones by name.

    ``required`` is a list of alternatives: ``[{"last_name"}, {"guest_email", "guest_id"}]``
    means last_name, and one of guest_email or guest_id.
    """
    try:
        # Read no more than the limit: a huge file, or a device such as /dev/zero, never ends.
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise UserError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it.")
    # A UTF-16 byte-order mark is unambiguous; without one, UTF-16 fails as UTF-8 below.
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    try:
        text = raw.decode("utf-16") if utf16 else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count("\n".encode("utf-16-le" if utf16 else "utf-8")) + 1
        raise UserError(
            f"{path.name} is not {'UTF-16' if utf16 else 'UTF-8'} text (first bad byte on line {line}). "
            "Save it as “CSV UTF-8” in your spreadsheet program and import it again."
        ) from exc
    if "\x00" in text:  # valid UTF-8, but no spreadsheet writes NUL: UTF-16 without its mark, or binary
        line = text[: text.index("\x00")].count("\n") + 1
        raise UserError(
            f"{path.name} is not UTF-8 text (a NUL character on line {line}: UTF-16 without a "
            "byte-order mark, or not a text file). "
            "Save it as “CSV UTF-8” in your spreadsheet program and import it again."
        )
    if not text.strip():
        raise UserError(f"{path.name} is empty.")
    first_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=first_line.count)  # ties go to the comma, listed first
    # Excel's "sep=;" line names the separator; it comes before the header.
    hint = re.fullmatch(r"sep=(.)\r?", first_line, flags=re.IGNORECASE)
    if hint:
        delimiter = hint.group(1)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        if hint:
            next(reader)
        header = next(reader)
    except StopIteration:
        raise UserError(f"{path.name} has no header after its “{first_line.strip()}” line.") from None
    except csv.Error as exc:
        raise UserError(f"{path.name}, line {reader.line_num}: the header cannot be read ({exc}).") from exc
    columns = tuple(column_key(name) for name in header)
    unknown = [
        repr(header[i]) if key else f"(no name, column {i + 1})"
        for i, key in enumerate(columns)
        if key not in accepted
    ]
    if unknown:
        raise UserError(
            f"{path.name}: unknown column(s) {', '.join(unknown)}. "
            f"Accepted columns: {', '.join(sorted(accepted))}."
        )
    duplicated = sorted({c for c in columns if columns.count(c) > 1})
    if duplicated:
        raise UserError(f"{path.name}: column(s) {', '.join(duplicated)} appear more than once.")
    for alternatives in required:
        if not alternatives & set(columns):
            names = " or ".join(sorted(alternatives))
            raise UserError(f"{path.name}: the required column {names} is missing.")
    rows: list[CsvRow] = []
    try:
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                rows.append(_row(line, cells, columns, delimiter))
            line = reader.line_num + 1
    except csv.Error as exc:
        # The row's first line, not where reading gave up: an unclosed quote runs to the end.
        raise UserError(f"{path.name}, line {line}: {_syntax(exc, reader.line_num)}") from exc
    return CsvTable(columns, tuple(rows))


def _syntax(error: csv.Error, stopped_at: int) -> str:
    text = str(error)
    quotes = (
        'check the quotes: a value in quotes (") must end with one, a quote inside it is written twice ("").'
    )
    if "field larger than field limit" in text:
        limit = csv.field_size_limit()
        return f"a value goes on for more than {limit:,} characters, to line {stopped_at}; {quotes}"
    if "unexpected end of data" in text:
        return f"a quoted value is not closed before the end of the file (line {stopped_at}); {quotes}"
    return f"{text}."


def _row(line: int, cells: list[str], columns: tuple[str, ...], delimiter: str) -> CsvRow:
    if len(cells) != len(columns):
        # Too few is as suspect as too many: a lost separator shifts every later value a column.
        hint = "inside a value without quotes" if len(cells) > len(columns) else "missing"
        return CsvRow(
            line,
            {},
            f"{len(cells)} cells but the header has {len(columns)} columns (is a {delimiter!r} {hint}?).",
        )
    return CsvRow(line, {c: v.strip() for c, v in zip(columns, cells, strict=True)})
