"""What sub-commands share: opening the database and printing."""

from __future__ import annotations

import argparse
import sys

from frontdesk.config import DataLocation
from frontdesk.db.opening import OpenResult, open_database
from frontdesk.errors import UserError
from frontdesk.services.context import SYSTEM, Context


def location_of(args: argparse.Namespace) -> DataLocation:
    given = getattr(args, "db", None)
    if given is not None and not given.strip():
        # `--db "$UNSET"` must not fall back to the default database and work on that one.
        raise UserError("--db is empty: give the path of a database file.")
    return DataLocation.resolve(given)


def open_context(args: argparse.Namespace, *, must_exist: bool = False) -> tuple[Context, OpenResult]:
    """Open (check, back up, migrate) the database and act as the system.

    ``must_exist``: for commands that only make sense on a hotel's data, a mistyped ``--db``
    is refused instead of answered from a new, empty database made on the spot.
    """
    location = location_of(args)
    if must_exist and not location.db_path.exists():
        raise UserError(
            f"There is no database at {location.db_path}. Check --db (or FRONTDESK_DB); "
            "FrontDesk creates a new one when its window is first opened."
        )
    result = open_database(location)
    for warning in result.warnings:
        print(f"frontdesk: warning: {warning}", file=sys.stderr)
    return Context(result.db, SYSTEM), result


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db`` is accepted after the sub-command too (``frontdesk demo --db x.db``)."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="database file")


def record_id(text: str) -> int:
    """An argparse type for a record's number: SQLite holds at most 2**63 - 1."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) < 2**63:
        raise argparse.ArgumentTypeError(f"{text!r} is not a record number (1, 2, 3 …)")
    return int(text)
