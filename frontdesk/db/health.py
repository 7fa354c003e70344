"""Is the file a healthy SQLite database? Checked read-only, before anything writes to it."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class HealthReport:
    path: Path
    ok: bool
    problem: str = ""

    def __bool__(self) -> bool:
        return self.ok


def _read_only_uri(path: Path) -> str:
    return f"{path.resolve().as_uri()}?mode=ro"


def check_file(path: Path, *, full: bool = False) -> HealthReport:
    """Quick (or full) integrity check that never modifies the file.

    A missing or empty file is healthy: it becomes a new database.
    """
    if not path.exists() or path.stat().st_size == 0:
        return HealthReport(path, True)
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        return HealthReport(path, False, f"cannot be read: {exc.strerror or exc}")
    if header != SQLITE_MAGIC:
        return HealthReport(path, False, "is not a FrontDesk (SQLite) database file")
    try:
        conn = sqlite3.connect(_read_only_uri(path), uri=True)
    except sqlite3.Error as exc:
        return HealthReport(path, False, f"cannot be opened: {exc}")
    try:
        pragma = "integrity_check" if full else "quick_check"
        rows = conn.execute(f"PRAGMA {pragma}").fetchall()
        # Every FrontDesk connection enforces foreign keys, so only another program can break
        # one; the full check looks (0.4 s of each start at 100k guests is not worth it).
        fk_rows = conn.execute("PRAGMA foreign_key_check").fetchall() if full else []
    except sqlite3.Error as exc:
        return HealthReport(path, False, f"is damaged: {exc}")
    finally:
        conn.close()
    if rows != [("ok",)]:
        return HealthReport(path, False, "is damaged: " + "; ".join(str(r[0]) for r in rows[:3]))
    if fk_rows:
        return HealthReport(path, False, f"has {len(fk_rows)} broken reference(s) between records")
    return HealthReport(path, True)


def is_network_path(path: Path, mounts_file: Path = Path("/proc/mounts")) -> bool:
    """Best effort: SQLite's WAL needs shared memory, which network file systems lack."""
    text = str(path)
    if text.startswith(("\\\\", "//")):
        return True
    try:
        mounts = mounts_file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    network_types = {"nfs", "nfs4", "cifs", "smbfs", "smb3", "sshfs", "fuse.sshfs", "9p", "afpfs"}
    resolved = path.resolve()
    best: tuple[int, str] = (-1, "")
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fs_type = parts[1].replace("\\040", " "), parts[2]  # octal-escaped spaces
        if resolved.is_relative_to(mount_point) and len(mount_point) > best[0]:
            best = (len(mount_point), fs_type)
    return best[1] in network_types
