"""``frontdesk demo``: fill a database with realistic, deterministic demo data."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date

from frontdesk.cli.common import add_db_option, open_context


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from exc


def _positive(text: str) -> int:
    try:
        value = int(text.replace("_", "").replace(",", ""))
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from exc
    if value < 1:
        raise argparse.ArgumentTypeError("give at least 1")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "demo",
        help="fill a new database with demo guests, stays, complaints and staff",
        description="Sign in afterwards as admin / frontdesk-demo. The same --seed gives the same data.",
    )
    add_db_option(parser)
    parser.add_argument("--guests", type=_positive, default=2000, metavar="N", help="how many guests (2000)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")
    parser.add_argument("--force", action="store_true", help="add demo data even if there are guests already")
    parser.add_argument("--batch", type=_positive, default=1000, help=argparse.SUPPRESS)
    parser.add_argument("--today", type=_day, default=None, help=argparse.SUPPRESS)  # tests: a fixed date
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from frontdesk.services import demo

    ctx, result = open_context(args)
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        elapsed = time.perf_counter() - started
        print(f"demo: {done:,} / {total:,} guests ({elapsed:.1f} s)", file=sys.stderr, flush=True)

    options = demo.DemoOptions(
        guests=args.guests, seed=args.seed, force=args.force, today=args.today, batch_size=args.batch
    )
    try:
        made = demo.fill(ctx, options, progress)
    finally:
        result.db.dispose()
    print(f"Demo data in {result.db.path} ({made.seconds:.1f} s):")
    for table, count in made.counts.items():
        print(f"  {table.replace('_', ' ')}: {count:,}")
    print("Staff accounts (username / password):")
    for login in made.staff:
        password = login.password if login.created else "(existing account, password unchanged)"
        print(f"  {login.role.value:<13} {login.username} / {password}")
    return 0
