"""Kill a batch-writing child with SIGKILL at random moments and check what it left behind.

Shared by tests/e2e/test_crash.py (the normal suite) and tests/benchmarks/bench_crash.py.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class KillResult:
    rows: int
    last_reported: int
    stays: int
    integrity: list[str]
    broken_references: int


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    return env


def kill_once(db_path: Path, batch: int, rng: random.Random, max_delay: float = 0.3) -> KillResult:
    """Start the child, let it commit for a random while, SIGKILL it, inspect the file."""
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(db_path), str(batch)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=child_env(),
    )
    assert child.stdout is not None
    first = child.stdout.readline()  # blocks until the database is open
    if first.strip() != "ready":
        child.kill()
        raise AssertionError(f"crash child did not start: {first!r} {child.stderr.read()}")  # type: ignore[union-attr]
    # Wait for the first commit so the kill lands while the child is writing, however
    # loaded the machine is (a slow start would otherwise make most kills land before it).
    early = child.stdout.readline()
    time.sleep(rng.uniform(0, max_delay))
    os.kill(child.pid, signal.SIGKILL)
    out, err = child.communicate()
    assert child.returncode == -signal.SIGKILL, err
    lines = [early, *out.splitlines()]
    reported = [int(line.split()[1]) for line in lines if line.startswith("committed ")]
    # A normal read-write connection, as the next FrontDesk start would make: it recovers the WAL.
    conn = sqlite3.connect(db_path)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        broken = len(conn.execute("PRAGMA foreign_key_check").fetchall())
        rows = conn.execute("SELECT count(*) FROM guest").fetchone()[0]
        stays = conn.execute("SELECT count(*) FROM stay").fetchone()[0]
    finally:
        conn.close()
    return KillResult(rows, max(reported, default=0), stays, integrity, broken)


def problems(result: KillResult, batch: int, previous_rows: int) -> list[str]:
    found = []
    if result.integrity != ["ok"]:
        found.append(f"integrity_check: {result.integrity[:3]}")
    if result.broken_references:
        found.append(f"{result.broken_references} broken foreign key(s)")
    if result.rows % batch:
        found.append(f"half batch: {result.rows} guests is not a multiple of {batch}")
    if result.rows < max(result.last_reported, previous_rows):
        found.append(f"lost commits: {result.rows} guests < reported {result.last_reported}")
    if result.stays != result.rows:
        found.append(f"{result.rows} guests but {result.stays} stays")
    return found
