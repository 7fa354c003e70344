"""Preferences at scale: ``python tests/benchmarks/bench_preferences.py [--guests 20000] [--runs 20]``.

A temporary database gets ``--guests`` guests with 5 preferences each (catalogue items and
typed ones, spread over two years). Timed, median and p95 of ``--runs`` runs:

- ``add_preference`` for a guest (one write transaction: checks, insert, audit row);
- ``preferences_of`` for a guest (the profile panel's read);
- ``matching`` over the whole catalogue for a 4-letter query (each keystroke in capture);
- ``top_preferences`` over one year (the figures page).

Targets: add ≤ 30 ms, panel read ≤ 10 ms, matching ≤ 2 ms, the year's figures ≤ 1 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    parser = argparse.ArgumentParser()
    parser.add_argument("--guests", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    from sqlalchemy import insert

    from frontdesk.config import DataLocation
    from frontdesk.db.opening import open_database
    from frontdesk.models import Guest, Preference
    from frontdesk.services import preferences as svc
    from frontdesk.services.context import SYSTEM, Context
    from frontdesk.services.setup import FirstAdmin, initialise

    folder = Path(tempfile.mkdtemp())
    db = open_database(DataLocation(folder / "bench.db")).db
    actor = initialise(Context(db, SYSTEM), "Bench Hotel", FirstAdmin("admin", "Ada Admin", "correct horse"))
    ctx = Context(db, actor)
    catalogue = svc.catalogue(ctx)
    kinds = ("like", "like", "dislike", "allergy", "alert")
    start = datetime(2025, 1, 1, tzinfo=UTC)
    with db.session(write=True) as s:
        s.execute(
            insert(Guest), [{"first_name": f"G{i}", "last_name": f"Guest{i}"} for i in range(args.guests)]
        )
        ids = [r[0] for r in s.execute(Guest.__table__.select().with_only_columns(Guest.id)).all()]  # type: ignore[attr-defined]
        rows = []
        for n, gid in enumerate(ids):
            for k, kind in enumerate(kinds):
                item = catalogue[(n * 7 + k * 13) % len(catalogue)]
                typed = (n + k) % 4 == 0
                rows.append(
                    {
                        "guest_id": gid,
                        "kind": kind,
                        "category": item.category,
                        "text": f"typed wish {n % 500}" if typed else item.label,
                        "catalogue_item_id": None if typed else item.id,
                        "created_at": start + timedelta(hours=(n * 5 + k) % 17000),
                        "created_by_id": actor.id,
                    }
                )
        s.execute(insert(Preference), rows)
    print(f"{args.guests} guests, {len(rows)} preferences")

    target = ids[len(ids) // 2]
    counter = iter(range(10**6))

    def add() -> None:
        svc.add_preference(ctx, target, svc.PreferenceInput("like", f"bench item {next(counter)}", "other"))

    for name, fn in (
        ("add_preference", add),
        ("preferences_of", lambda: svc.preferences_of(ctx, target, include_retired=True)),
        ("matching 'room'", lambda: svc.matching(catalogue, "room")),
        ("top_preferences, 1 year", lambda: svc.top_preferences(ctx, date(2025, 6, 1), date(2026, 5, 31))),
    ):
        median, p95 = _timed(fn, args.runs)
        print(f"{name:28} median {median:8.2f} ms   p95 {p95:8.2f} ms")


if __name__ == "__main__":
    main()
