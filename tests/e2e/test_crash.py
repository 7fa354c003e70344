"""SIGKILL a child saving guests in batches, many times: only whole batches, no lost commit.

Two databases are hammered in parallel (two cores) to get 60 kills in about 20 s.
Heavier runs: tests/benchmarks/bench_crash.py.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from crash_harness import kill_once, problems

from frontdesk.config import DataLocation
from frontdesk.db.health import check_file
from frontdesk.db.opening import open_database

pytestmark = pytest.mark.slow

KILLS_PER_DATABASE = 30
BATCH = 25


def hammer(path: Path, seed: int) -> list[str]:
    rng = random.Random(seed)
    previous = 0
    failures: list[str] = []
    mid_run = 0
    for attempt in range(KILLS_PER_DATABASE):
        result = kill_once(path, BATCH, rng)
        failures += [f"{path.name} kill {attempt}: {p}" for p in problems(result, BATCH, previous)]
        mid_run += result.rows > previous
        previous = result.rows
    if mid_run < KILLS_PER_DATABASE // 2:  # the test must really kill a writing process
        failures.append(f"{path.name}: only {mid_run} kills happened after a commit")
    return failures


def test_sigkill_during_batched_writes_never_corrupts_or_loses_a_batch(tmp_path: Path) -> None:
    paths = []
    for name in ("a", "b"):
        location = DataLocation(tmp_path / name / "frontdesk.db")
        open_database(location).db.dispose()
        paths.append(location.db_path)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(hammer, paths, [20261122, 4242]))
    failures = [f for r in results for f in r]
    assert not failures, "\n".join(failures)
    for path in paths:
        assert check_file(path, full=True)
