"""Child process for the crash tests: saves guests (each with a stay) in whole batches.

``python tests/e2e/crash_child.py DB BATCH`` prints ``ready`` once the database is open,
then ``committed <total guests>`` after every commit (flushed), until it is killed.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

from frontdesk.db.engine import Database
from frontdesk.models import Guest, Stay


def main(path: str, batch: int) -> None:
    db = Database(Path(path))
    with db.session() as session:
        total = session.query(Guest).count()
    print("ready", flush=True)
    arrival = date(2026, 1, 1)
    while True:
        with db.session(write=True) as session:
            for i in range(batch):
                guest = Guest(first_name="Zoë", last_name=f"Crash {total + i}", notes="x" * 300)
                session.add(guest)
                session.flush()  # the stay needs the guest's id: FKs are really exercised
                session.add(
                    Stay(
                        guest_id=guest.id,
                        arrival=arrival,
                        departure=arrival + timedelta(days=1 + i % 5),
                        room=str(100 + i),
                    )
                )
        total += batch
        print(f"committed {total}", flush=True)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
