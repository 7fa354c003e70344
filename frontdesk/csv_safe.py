"""CSV files that are safe to open in a spreadsheet.

A cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
is taken as a formula by Excel and LibreOffice (CSV injection: ``=HYPERLINK(...)``,
``=cmd|' /C calc'!A0``). Every such text cell gets a leading apostrophe, which the
spreadsheet shows as plain text; real numbers stay numbers.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import IO

# Leading characters a spreadsheet may read as the start of a formula. The full-width
# forms are included because some spreadsheets fold them to ASCII on import.
FORMULA_STARTS = frozenset("=+-@\t\r\n|" + "\uff1d\uff0b\uff0d\uff20")


def safe_cell(value: object) -> str:
    """The text for one CSV cell, neutralised if a spreadsheet could run it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        return str(value)  # a number is data, even a negative one
    if isinstance(value, datetime | date):
        return value.isoformat()
    text = str(value)
    # Leading spaces do not protect: spreadsheets trim them before looking for "=".
    stripped = text.lstrip(" \u00a0")
    if stripped and stripped[0] in FORMULA_STARTS:
        return "'" + text
    return text


def write_rows(stream: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write neutralised rows to an open text stream; returns how many data rows."""
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow([safe_cell(name) for name in header])
    count = 0
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
        count += 1
    return count


def write_safe_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write a CSV file (UTF-8 with BOM, so Excel reads accents) under a temporary
    name, then rename it: a failed export never leaves a half file that looks whole.
    Returns the number of data rows.
    """
    path = Path(path)
    temp = path.with_name(f".{path.name}.partial")
    try:
        with temp.open("w", encoding="utf-8-sig", newline="") as stream:
            count = write_rows(stream, header, rows)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count
