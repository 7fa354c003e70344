"""Heavier crash run: ``python tests/benchmarks/bench_crash.py [KILLS] [BATCH]``.

Defaults: 200 kills, batches of 200 guests (each with a stay).

Prints how many kills left a damaged file, a half batch or a lost commit (all should be 0).
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "e2e"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from crash_harness import kill_once, problems

from frontdesk.config import DataLocation
from frontdesk.db.opening import open_database


def main() -> int:
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    batch = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    rng = random.Random(1)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:
        location = DataLocation(Path(folder) / "crash.db")
        open_database(location).db.dispose()
        previous, bad = 0, 0
        for attempt in range(kills):
            result = kill_once(location.db_path, batch, rng, max_delay=2.0)
            found = problems(result, batch, previous)
            bad += bool(found)
            for problem in found:
                print(f"kill {attempt}: {problem}")
            previous = result.rows
        print(f"kills: {kills}  batch: {batch}  final guests: {previous}  bad outcomes: {bad}")
    print(f"elapsed: {time.monotonic() - started:.1f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
