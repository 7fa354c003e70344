"""A busy day's arrivals at 100,000 guests: ``python tests/benchmarks/bench_arrivals.py [--guests 100000]``.

The temporary database holds ``--guests`` guests with 3 completed stays each (300,000
stays at the default), a preference for every third guest and a complaint for every
twentieth. On the day measured, ``--arrivals`` guests arrive (60 by default, each a
returning guest, a third with allergies or alerts) and ``--in-house`` more are in house.
Printed: ``arrivals_for`` (the service read with every guest's facts) for today and for
a past day (the past-day query ranges over a year of arrivals), the briefing PDF, and
filling the Arrivals view until painted. Median and p95 after warm-up runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 22)


def _make_database(folder: Path, guests: int, arrivals: int, in_house: int) -> Path:
    from sqlalchemy import insert

    from frontdesk.config import DataLocation
    from frontdesk.db.opening import open_database
    from frontdesk.models import Complaint, Guest, Preference, RecoveryAction, Stay
    from frontdesk.services.context import SYSTEM, Context
    from frontdesk.services.setup import FirstAdmin, initialise

    location = DataLocation(folder / "bench.db")
    db = open_database(location).db
    initialise(Context(db, SYSTEM), "Bench Hotel", FirstAdmin("admin", "Ada Admin", "correct horse"))
    kinds = ("allergy", "like", "dislike", "alert")
    with db.session(write=True) as s:
        names = [{"first_name": f"F{i}", "last_name": f"Guest{i:06d}", "city": "York"} for i in range(guests)]
        s.execute(insert(Guest), names)
        ids = [row[0] for row in s.execute(Guest.__table__.select().with_only_columns(Guest.id)).all()]  # type: ignore[attr-defined]
        stays = []
        for n, gid in enumerate(ids):
            for k in range(3):
                arrival = date(2023, 11, 1) + timedelta(days=(n * 7 + k * 170) % 1080)
                stays.append(
                    {"guest_id": gid, "arrival": arrival, "departure": arrival + timedelta(days=2),
                     "status": "checked_out", "amount_minor": 20000, "room": str(100 + n % 60)}
                )  # fmt: skip
        s.execute(insert(Stay), stays)
        s.execute(
            insert(Preference),
            [
                {"guest_id": gid, "kind": kinds[n % 4], "category": "food_drink", "text": f"note {n}"}
                for n, gid in enumerate(ids[::3])
            ],
        )
        complaints = [
            {"guest_id": gid, "category": "noise", "guest_words": "Loud", "status": "resolved",
             "outcome": "satisfied", "received_at": datetime(2025, 5, 1, tzinfo=UTC)}
            for gid in ids[::20]
        ]  # fmt: skip
        s.execute(insert(Complaint), complaints)
        table = Complaint.__table__  # type: ignore[attr-defined]
        complaint_ids = [r[0] for r in s.execute(table.select().with_only_columns(Complaint.id))]
        s.execute(insert(RecoveryAction), [{"complaint_id": c, "kind": "room_move"} for c in complaint_ids])
        # the day: arrivals spread over the book, in-house guests who came in the last days
        step = max(1, len(ids) // (arrivals + in_house))
        chosen = ids[::step][: arrivals + in_house]
        day_stays = [
            {"guest_id": gid, "arrival": DAY if i < arrivals else DAY - timedelta(days=1 + i % 3),
             "departure": DAY + timedelta(days=2), "status": "expected" if i < arrivals else "in_house",
             "room": str(300 + i)}
            for i, gid in enumerate(chosen)
        ]  # fmt: skip
        s.execute(insert(Stay), day_stays)
    db.dispose()
    return location.db_path


def _time(fn: Callable[[], Any], runs: int, warmup: int) -> list[float]:
    times = []
    for run in range(warmup + runs):
        t0 = time.perf_counter()
        fn()
        if run >= warmup:
            times.append((time.perf_counter() - t0) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--guests", type=int, default=100_000)
    parser.add_argument("--arrivals", type=int, default=60)
    parser.add_argument("--in-house", type=int, default=80)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--db", type=Path, help="reuse a database this script made before")
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from frontdesk.config import DataLocation
    from frontdesk.db.engine import Database
    from frontdesk.pdf.briefing import render_briefing
    from frontdesk.services.arrivals import arrivals_for, briefing_for
    from frontdesk.services.context import SYSTEM, Context
    from frontdesk.ui.arrivals.view import ArrivalsView
    from frontdesk.ui.bus import DataBus
    from frontdesk.ui.session import AppSession
    from frontdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="bench-arrivals-") as folder:
        t0 = time.perf_counter()
        path = args.db or _make_database(Path(folder), args.guests, args.arrivals, args.in_house)
        print(f"database ready in {time.perf_counter() - t0:.1f} s: {path}")
        db = Database(path)
        ctx = Context(db, SYSTEM, lambda: datetime(DAY.year, DAY.month, DAY.day, 9, tzinfo=UTC))
        rows = arrivals_for(ctx, DAY)
        past = DAY - timedelta(days=100)
        print(
            f"{len(rows)} rows today ({sum(r.section.value == 'arriving' for r in rows)} arriving); "
            f"{len(arrivals_for(ctx, past))} rows on {past}"
        )
        results = {
            "arrivals_for(today)": _time(lambda: arrivals_for(ctx, DAY), args.runs, args.warmup),
            "arrivals_for(a past day)": _time(lambda: arrivals_for(ctx, past), args.runs, args.warmup),
            "briefing PDF (read + render)": _time(
                lambda: render_briefing(briefing_for(ctx, DAY)), max(5, args.runs // 3), 1
            ),
        }
        session = AppSession(ctx, DataLocation(path), TaskRunner(synchronous=True), DataBus())
        view = ArrivalsView(session)
        view.resize(1300, 800)
        view.show()
        app.processEvents()  # type: ignore[union-attr]

        def fill_and_paint() -> None:
            view.model.set_rows(rows)
            view.model.fit_columns(view.table)
            view.repaint()

        results["view: fill + paint (rows given)"] = _time(fill_and_paint, args.runs, args.warmup)
        view.close()
        db.dispose()

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    print(f"{args.guests:,} guests, {args.arrivals} arrivals + {args.in_house} in house")
    for label, values in results.items():
        print(f"  {label:34} median {statistics.median(values):7.1f} ms   p95 {p95(values):7.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
