"""Running ``python -m frontdesk`` the way a user does, for the end-to-end CLI tests."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from frontdesk.config import DataLocation
from frontdesk.db.opening import open_database
from frontdesk.services.context import SYSTEM, Context
from frontdesk.services.setup import FirstAdmin, initialise

ROOT = Path(__file__).resolve().parents[1]


def cli_env() -> dict[str, str]:
    """This tree on the path, and never a database named by the environment."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("FRONTDESK_DB", None)
    return env


def frontdesk(*args: str | Path, timeout: int = 120) -> subprocess.CompletedProcess[str]:
    """The CLI in a child process on this tree, never on a database named by the environment."""
    return subprocess.run(
        [sys.executable, "-m", "frontdesk", *map(str, args)],
        capture_output=True, text=True, env=cli_env(), timeout=timeout, check=False,
    )  # fmt: skip


def rows(db_path: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def fresh_hotel(folder: Path, hotel: str, fill: Callable[[Context], object] | None = None) -> Path:
    """A set-up database file (admin "admin" / "correct horse"), filled by `fill` as that admin."""
    location = DataLocation(folder / "hotel.db")
    opened = open_database(location)
    admin = initialise(Context(opened.db, SYSTEM), hotel, FirstAdmin("admin", "Ada", "correct horse"))
    if fill is not None:
        fill(Context(opened.db, admin))
    opened.db.dispose()
    return location.db_path
