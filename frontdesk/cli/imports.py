"""``frontdesk import guests|stays FILE.csv``: bring in lists from another system."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from frontdesk.cli.common import add_db_option, open_context


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "import",
        help="import guests or stays from a CSV file (all rows or none)",
        description="Columns are listed in README.md. UTF-8 (with or without BOM), comma, semicolon or tab.",
    )
    add_db_option(parser)
    parser.add_argument("kind", choices=["guests", "stays"], help="what the file holds")
    parser.add_argument("file", metavar="FILE.csv")
    parser.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows and list the others"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from frontdesk.services import imports

    ctx, result = open_context(args, must_exist=True)
    try:
        run_import = imports.import_guests if args.kind == "guests" else imports.import_stays
        report = run_import(ctx, Path(args.file).expanduser(), skip_invalid=args.skip_invalid)
    finally:
        result.db.dispose()
    print(f"imported {report.imported} {report.kind}")
    for problem in report.skipped:
        print(f"skipped {problem}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning {warning}", file=sys.stderr)
    return 0
