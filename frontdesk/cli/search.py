"""``frontdesk search QUERY`` and ``frontdesk reindex``: the guest search without the window."""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata

from frontdesk.cli.common import add_db_option, open_context


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    search = subparsers.add_parser(
        "search",
        help="search the guest book (the same ranked results as the window)",
        description="Name in any order, email, phone in any format, company, city, booking "
        "reference or the room of an in-house guest. Accents, script and typos are tolerated.",
    )
    add_db_option(search)
    search.add_argument("query", metavar="QUERY", nargs="+", help="what to look for")
    search.add_argument("--limit", type=_limit, default=20, metavar="N", help="at most N guests (default 20)")
    search.add_argument("--json", action="store_true", help="one JSON array of guests instead of lines")
    search.set_defaults(handler=run_search)

    reindex = subparsers.add_parser("reindex", help="rebuild the guest search index")
    add_db_option(reindex)
    reindex.set_defaults(handler=run_reindex)


def _limit(text: str) -> int:
    from frontdesk.services.search import MAX_LIMIT

    # The service quietly clamps; on the command line "--limit 0" must not print a guest.
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number from 1 to {MAX_LIMIT}")
    return int(text)


def _line(hit: object) -> str:
    from frontdesk.services.search import GuestHit

    assert isinstance(hit, GuestHit)
    marks = []
    if hit.blocklisted:
        marks.append("DO NOT ACCEPT")
    if hit.vip:
        marks.append(f"VIP {hit.vip}")
    if hit.in_house:
        marks.append("in house")
    elif hit.arriving_today:
        marks.append("arriving today")
    if hit.returning:
        marks.append(hit.stay_badge)
    if hit.alerts:
        marks.append("⚠ " + "; ".join(hit.alerts))
    if hit.open_complaints:
        marks.append(f"{hit.open_complaints} open complaint(s)")
    place = ", ".join(p for p in (hit.city, hit.country) if p)
    last = f"last stay {hit.last_stay.isoformat()}" if hit.last_stay else ""
    fields = [f"{hit.id:>7}  {hit.name}", *marks, last, place, hit.email or hit.phone or ""]
    # One guest, one line, even for a name stored before control characters were refused.
    return "".join(
        " " if unicodedata.category(ch) == "Cc" else ch for ch in " · ".join(f for f in fields if f)
    )


def run_search(args: argparse.Namespace) -> int:
    from frontdesk.services.search import search_guests

    ctx, result = open_context(args, must_exist=True)
    try:
        hits = search_guests(ctx, " ".join(args.query), args.limit)
    finally:
        result.db.dispose()
    if args.json:
        # Escaped (still exact) where the output cannot carry every character as it is.
        utf8 = (sys.stdout.encoding or "").lower().replace("-", "") == "utf8"
        print(json.dumps([h.to_json() for h in hits], ensure_ascii=not utf8, indent=2))
    else:
        for hit in hits:
            print(_line(hit))
        if not hits:
            print("No guest matches.")
    return 0


def run_reindex(args: argparse.Namespace) -> int:
    from frontdesk.services.search import rebuild_index

    ctx, result = open_context(args, must_exist=True)
    try:
        count = rebuild_index(ctx)
    finally:
        result.db.dispose()
    print(f"search index rebuilt: {count} guests")
    return 0
