"""Complaint lists and figures on a big book.

Run: ``python tests/benchmarks/bench_complaints.py [--complaints 20000] [--runs 5]``.

Builds a temporary database with N complaints over three years (and twice as many
stays), then times, as median of --runs: each list view's count + first page (what the
Complaints area does when a view is chosen), a page deep in the "all" list, one
complaint's detail, and twelve months of figures with the came-back figure.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--complaints", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import insert

    from frontdesk.config import DataLocation
    from frontdesk.db.opening import open_database
    from frontdesk.models import Complaint, Guest, Role, Stay
    from frontdesk.services import complaints as svc
    from frontdesk.services.complaint_figures import monthly_figures
    from frontdesk.services.context import SYSTEM, Context
    from frontdesk.services.setup import FirstAdmin, initialise
    from tests.conftest import add_user

    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(DataLocation(Path(tmp) / "bench.db")).db
        admin = Context(
            db, initialise(Context(db, SYSTEM), "Bench", FirstAdmin("admin", "Admin", "correct horse"))
        )
        manager = admin.as_actor(add_user(admin, "manny", Role.MANAGER))
        n = args.complaints
        guests = max(1, n // 2)
        start = date(2024, 1, 1)
        with db.session(write=True) as s:
            s.execute(insert(Guest), [{"first_name": "G", "last_name": f"Guest{i}"} for i in range(guests)])
            stays = []
            for i in range(n * 2):
                arrival = start + timedelta(days=rng.randrange(0, 1050))
                stays.append(
                    {
                        "guest_id": rng.randrange(1, guests + 1),
                        "arrival": arrival,
                        "departure": arrival + timedelta(days=rng.randrange(1, 6)),
                        "status": "checked_out" if i % 20 else "cancelled",
                        "amount_minor": rng.randrange(5000, 90000),
                    }
                )
            s.execute(insert(Stay), stays)
            rows = []
            for i in range(n):
                received = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(
                    minutes=rng.randrange(0, 1050 * 24 * 60)
                )
                status = rng.choice(["open", "in_progress", "resolved", "closed"])
                rows.append(
                    {
                        "guest_id": rng.randrange(1, guests + 1) if i % 10 else None,
                        "walk_in_name": "" if i % 10 else "Walk-in",
                        "category": rng.choice(["noise", "room", "billing", "cleanliness"]),
                        "department": rng.choice(["", "front_office", "housekeeping"]),
                        "severity": rng.choice(["minor", "minor", "serious", "critical"]),
                        "guest_words": "words",
                        "status": status,
                        "received_at": received,
                        "resolved_at": received + timedelta(hours=rng.randrange(1, 90))
                        if status in ("resolved", "closed")
                        else None,
                        "outcome": rng.choice(["satisfied", "not_satisfied"]) if status != "open" else None,
                        "follow_up_due": received.date() + timedelta(days=3),
                        "owner_id": manager.actor.id,
                        "created_at": received,
                        "updated_at": received,
                    }
                )
            s.execute(insert(Complaint), rows)
        print(f"{n:,} complaints, {n * 2:,} stays, {guests:,} guests; median of {args.runs} runs")
        for view in svc.ComplaintView:
            f = svc.ComplaintFilter(view=view)
            ms = median_ms(
                lambda f=f: (svc.count_complaints(manager, f), svc.list_complaints(manager, f, 0, 100)),
                args.runs,
            )
            print(f"  view {view.value:<10} count + first page of 100: {ms:7.1f} ms")
        everything = svc.ComplaintFilter(view=svc.ComplaintView.ALL)
        deep = median_ms(lambda: svc.list_complaints(manager, everything, n - 200, 100), args.runs)
        print(f"  'all' page at offset {n - 200:,}:            {deep:7.1f} ms")
        one = median_ms(lambda: svc.get_complaint(manager, n // 2), args.runs)
        print(f"  one complaint's detail:                 {one:7.1f} ms")
        figures = median_ms(lambda: monthly_figures(manager, date(2025, 1, 1), date(2025, 12, 1)), args.runs)
        print(f"  12 months of figures + came back:       {figures:7.1f} ms")
        db.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
