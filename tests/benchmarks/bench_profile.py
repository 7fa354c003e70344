"""Opening a guest profile with 50 stays: ``python tests/benchmarks/bench_profile.py [--runs 40]``.

Each run opens a fresh profile window of a guest with 50 stays (3 allergies/alerts, an
earlier complaint) and stops when the window is shown and painted: the service read
(``get_profile``, facts included) plus building, filling, showing and painting the widget.
The task runner is synchronous here, so the figure is the full open-to-painted time as
one thread sees it; its CPU time is printed too, since on a shared machine the wall
time also counts other processes' turns. Warm-up runs are left out; the median and p95 are printed, with the
service read alone timed separately. Target: median ≤ 50 ms.

Without ``--db`` a temporary database is made (the guest among ``--others`` guests with
3 stays each). With ``--db PATH --guest ID`` an existing database is used (read only).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _make_database(folder: Path, others: int) -> tuple[Path, int]:
    from sqlalchemy import insert

    from frontdesk.config import DataLocation
    from frontdesk.db.opening import open_database
    from frontdesk.models import Complaint, Guest, Preference, RecoveryAction, Stay
    from frontdesk.services.context import SYSTEM, Context
    from frontdesk.services.guests import GuestInput, create_guest
    from frontdesk.services.setup import FirstAdmin, initialise

    location = DataLocation(folder / "bench.db")
    db = open_database(location).db
    actor = initialise(Context(db, SYSTEM), "Bench Hotel", FirstAdmin("admin", "Ada Admin", "correct horse"))
    ctx = Context(db, actor)
    gid = create_guest(
        ctx,
        GuestInput(
            title="Mr", first_name="Şükrü", last_name="Öztürk", email="sukru@example.com.tr",
            phone="+90 212 555 0123", city="İstanbul", country="TR", language="tr", vip_level=2,
        ),
    )  # fmt: skip
    with db.session(write=True) as s:
        if others:
            s.execute(
                insert(Guest), [{"first_name": f"G{i}", "last_name": f"Guest{i}"} for i in range(others)]
            )
            ids = [r[0] for r in s.execute(Guest.__table__.select().with_only_columns(Guest.id)).all()]  # type: ignore[attr-defined]
            s.execute(
                insert(Stay),
                [
                    {
                        "guest_id": other,
                        "arrival": date(2024, 1, 1) + timedelta(days=(other * 7 + k * 40) % 900),
                        "departure": date(2024, 1, 3) + timedelta(days=(other * 7 + k * 40) % 900),
                        "status": "checked_out", "amount_minor": 20000, "room": "1",
                    }
                    for other in ids if other != gid
                    for k in range(3)
                ],
            )  # fmt: skip
        for i in range(50):
            arrival = date(2022, 1, 3) + timedelta(days=16 * i)
            s.add(
                Stay(
                    guest_id=gid, arrival=arrival, departure=arrival + timedelta(days=3),
                    room=str(100 + i % 40),
                    status="checked_out", amount_minor=36000 + i * 100, booking_ref=f"BK{i:05d}",
                )
            )  # fmt: skip
        for kind, text in (("allergy", "peanuts"), ("allergy", "shellfish"), ("alert", "never room 12")):
            s.add(Preference(guest_id=gid, kind=kind, category="food_drink", text=text))
        complaint = Complaint(
            guest_id=gid, category="noise", guest_words="Loud bar", status="resolved", outcome="satisfied"
        )
        s.add(complaint)
        s.flush()
        s.add(RecoveryAction(complaint_id=complaint.id, kind="room_move"))
    db.dispose()
    return location.db_path, gid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--others", type=int, default=5000, help="other guests in the temporary database")
    parser.add_argument("--db", type=Path)
    parser.add_argument("--guest", type=int)
    args = parser.parse_args()

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from frontdesk.config import DataLocation
    from frontdesk.db.engine import Database
    from frontdesk.services.context import SYSTEM, Context
    from frontdesk.services.guests import get_profile
    from frontdesk.ui.app import _use_shipped_font
    from frontdesk.ui.bus import DataBus
    from frontdesk.ui.guests.profile import FIRST_PAGE, open_profile
    from frontdesk.ui.session import AppSession
    from frontdesk.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    _use_shipped_font(app)  # type: ignore[arg-type]
    with tempfile.TemporaryDirectory(prefix="bench-profile-") as folder:
        if args.db:
            path, gid = args.db, args.guest
            if gid is None:
                parser.error("--db needs --guest")
        else:
            path, gid = _make_database(Path(folder), args.others)
        db = Database(path)
        ctx = Context(db, SYSTEM)
        session = AppSession(ctx, DataLocation(path), TaskRunner(synchronous=True), DataBus())

        total: list[float] = []
        cpu: list[float] = []
        service: list[float] = []
        for run in range(args.warmup + args.runs):
            t0 = time.perf_counter()
            get_profile(ctx, gid, recent=FIRST_PAGE)
            t1 = time.perf_counter()
            c1 = time.thread_time()
            window = open_profile(session, None, gid)
            app.processEvents()  # type: ignore[union-attr]
            window.repaint()
            t2 = time.perf_counter()
            c2 = time.thread_time()
            assert window.stays_model.rowCount() == min(50, window.profile.stay_count)  # type: ignore[union-attr]
            window.close()
            app.processEvents()  # type: ignore[union-attr]
            if run >= args.warmup:
                service.append((t1 - t0) * 1000)
                total.append((t2 - t1) * 1000)
                cpu.append((c2 - c1) * 1000)
        db.dispose()

    def p95(values: list[float]) -> float:
        return sorted(values)[max(0, round(0.95 * len(values)) - 1)]

    print(f"profile of a guest with 50 stays, {args.runs} runs after {args.warmup} warm-up")
    for label, values in (
        ("service read (get_profile)", service),
        ("open to painted (service + widget)", total),
        ("same, CPU time of the GUI thread", cpu),
    ):
        print(f"  {label:36} median {statistics.median(values):6.1f} ms   p95 {p95(values):6.1f} ms")
    print(f"  target: median ≤ 50 ms → {'met' if statistics.median(total) <= 50 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
