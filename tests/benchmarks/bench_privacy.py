"""Backup, restore check, export and anonymisation on a demo-sized database.

``python tests/benchmarks/bench_privacy.py [--guests 2000] [--runs 3]``

Makes a demo database (``frontdesk.services.demo``) in a temporary folder, then times:
one backup (online copy + full integrity check + rename + rotation), inspecting a backup
for the restore dialog (check + counts), exporting one guest (JSON + HTML), anonymising
one guest (erase + scrub + compaction: checkpoint, FTS optimize, VACUUM) and anonymising
50 guests in one go (the retention list's button). Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _median(runs: int, work: Callable[[int], object]) -> float:
    times = []
    for i in range(runs):
        started = time.perf_counter()
        work(i)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _add_audit_events(ctx: object, count: int) -> None:
    """Guest edits as the audit trail holds them after years of use (the anonymiser scans them)."""
    import json

    from sqlalchemy import text

    with ctx.db.session(write=True) as session:  # type: ignore[attr-defined]
        rows = [
            {
                "action": "guest_update",
                "entity": "guest",
                "entity_id": i % 2000 + 1,
                "changes": json.dumps(
                    {"notes": [None, f"Guest number {i} asked for a quiet room, late check-out"]}
                ),
            }
            for i in range(count)
        ]
        session.connection().execute(
            text(
                "INSERT INTO audit_event (at, action, entity, entity_id, changes, hash, prev_hash)"
                " VALUES (CURRENT_TIMESTAMP, :action, :entity, :entity_id, :changes, '', '')"
            ),
            rows,
        )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--guests", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--audit-events", type=int, default=100_000, help="synthetic audit events added (years of use)"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from frontdesk.config import DataLocation
    from frontdesk.services import auth, backups, demo, privacy, startup
    from frontdesk.services.privacy_export import export_guest, write_export

    with tempfile.TemporaryDirectory() as folder:
        location = DataLocation(Path(folder) / "frontdesk.db")
        opened = startup.open_for_window(location)
        made = demo.fill(opened.ctx, demo.DemoOptions(guests=args.guests, seed=1))
        admin = next(s for s in made.staff if s.role.value == "admin")
        ctx = opened.ctx.as_actor(auth.sign_in(opened.ctx, admin.username, admin.password))
        _add_audit_events(ctx, args.audit_events)
        size = location.db_path.stat().st_size / 1_048_576
        print(f"database: {args.guests} demo guests, {args.audit_events} extra audit events, {size:.1f} MB")

        backup = _median(args.runs, lambda _i: backups.run_backup(ctx, location, "manual"))
        newest = backups.available_backups(ctx, location)[0].path
        inspect = _median(args.runs, lambda _i: backups.inspect_backup(newest))
        out = Path(folder) / "export"
        export = _median(args.runs, lambda i: write_export(export_guest(ctx, 10 + i), out))
        one = _median(args.runs, lambda i: privacy.anonymise_guest(ctx, 100 + i, "Benchmark request"))
        batch = _median(
            args.runs,
            lambda i: privacy.anonymise_guests(
                ctx, range(500 + 50 * i, 550 + 50 * i), "Benchmark retention review"
            ),
        )
        opened.ctx.db.dispose()
    print(f"backup (copy, integrity check, rename, rotate): {backup * 1000:.0f} ms")
    print(f"inspect a backup for the restore dialog:        {inspect * 1000:.0f} ms")
    print(f"export one guest (JSON + HTML):                 {export * 1000:.0f} ms")
    print(f"anonymise one guest (incl. VACUUM):             {one * 1000:.0f} ms")
    print(f"anonymise 50 guests in one go:                  {batch * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
