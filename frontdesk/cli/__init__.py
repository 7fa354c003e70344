"""``frontdesk``: opens the window by default; sub-commands do headless work.

Each sub-command lives in its own module with a ``register(subparsers)`` function;
add the module to ``COMMAND_MODULES``. Handlers take the parsed arguments and return
an exit code. A ``UserError`` is printed as a message (no traceback) with exit code 1.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from frontdesk import __version__
from frontdesk.errors import UserError

COMMAND_MODULES = (
    "frontdesk.cli.gui",
    "frontdesk.cli.maintenance",
    "frontdesk.cli.imports",
    "frontdesk.cli.users",
    "frontdesk.cli.search",
    "frontdesk.cli.demo",
    "frontdesk.cli.letters",
)

EXIT_USER_ERROR = 1
EXIT_BROKEN_PIPE = 141  # what a shell reports for a command ended by SIGPIPE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="frontdesk",
        description="FrontDesk: guest book, likes and dislikes, complaints and apology letters.",
        epilog="Without a command, the FrontDesk window opens.",
    )
    parser.add_argument("--version", action="version", version=f"FrontDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $FRONTDESK_DB, else frontdesk.db in your data folder)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def _never_fail_on_encoding() -> None:
    """A console or redirect that is not UTF-8 (Windows: cp1252) cannot show every guest's name;
    show a "?" for what it cannot, rather than stop with a UnicodeEncodeError.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    _never_fail_on_encoding()
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv if argv is not None else sys.argv[1:]), "gui"])
    try:
        return int(args.handler(args))
    except UserError as exc:
        print(f"frontdesk: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("frontdesk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (``frontdesk search x | head -1``): not an error worth a traceback.
        # Point stdout at /dev/null so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def gui_main() -> int:
    """Entry point of the windowed launcher (no console on Windows)."""
    return main([*sys.argv[1:]] if len(sys.argv) > 1 else ["gui"])
