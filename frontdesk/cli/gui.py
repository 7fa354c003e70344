"""``frontdesk gui``: the window (also what runs without a command)."""

from __future__ import annotations

import argparse

from frontdesk.cli.common import add_db_option, location_of


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("gui", help="open the FrontDesk window (the default)")
    add_db_option(parser)
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="open the main window on a temporary database and quit (checks an installation)",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from frontdesk.ui.app import run_gui, run_smoke

    if args.smoke:
        return run_smoke()
    return run_gui(location_of(args))
