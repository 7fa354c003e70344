"""What sub-commands share: opening the database and printing."""

from __future__ import annotations

import argparse
import sys

from frontdesk.config import DataLocation
from frontdesk.db.opening import OpenResult, open_database
from frontdesk.services.context import SYSTEM, Context


def location_of(args: argparse.Namespace) -> DataLocation:
    return DataLocation.resolve(getattr(args, "db", None))


def open_context(args: argparse.Namespace) -> tuple[Context, OpenResult]:
    """Open (check, back up, migrate) the database and act as the system."""
    result = open_database(location_of(args))
    for warning in result.warnings:
        print(f"frontdesk: warning: {warning}", file=sys.stderr)
    return Context(result.db, SYSTEM), result


def add_db_option(parser: argparse.ArgumentParser) -> None:
    """``--db`` is accepted after the sub-command too (``frontdesk demo --db x.db``)."""
    parser.add_argument("--db", metavar="PATH", default=argparse.SUPPRESS, help="database file")
