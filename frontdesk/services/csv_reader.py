"""Reading a guest list someone exported from another system: forgiving about form, strict about content.

UTF-8 with or without a byte-order mark; comma or semicolon, whichever the header uses;
column names matched case- and space-insensitively. Every row keeps its line number in
the file, so an error can say where it is.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from frontdesk.errors import UserError

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class CsvRow:
    line: int  # 1-based line number in the file where the row starts
    values: dict[str, str]


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
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if len(raw) > MAX_FILE_BYTES:
        raise UserError(f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; split it.")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(
            f"{path.name} is not UTF-8 text (first bad byte on line {line}). "
            "Save it as “CSV UTF-8” in your spreadsheet program and import it again."
        ) from exc
    if not text.strip():
        raise UserError(f"{path.name} is empty.")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise UserError(f"{path.name}, line 1: the header cannot be read ({exc}).") from exc
    columns = tuple(column_key(name) for name in header)
    unknown = [header[i] for i, key in enumerate(columns) if key not in accepted]
    if unknown:
        raise UserError(
            f"{path.name}: unknown column(s) {', '.join(repr(u) for u in unknown)}. "
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
                if len(cells) > len(columns):
                    raise UserError(
                        f"{path.name}, line {line}: {len(cells)} cells but the header has {len(columns)} "
                        f"columns (is a {delimiter!r} inside a value without quotes?)."
                    )
                padded = [*cells, *[""] * (len(columns) - len(cells))]
                rows.append(CsvRow(line, {c: v.strip() for c, v in zip(columns, padded, strict=True)}))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise UserError(f"{path.name}, line {reader.line_num}: {exc}.") from exc
    return CsvTable(columns, tuple(rows))
