"""One running FrontDesk per database file, through an OS lock on a file beside it.

The OS drops the lock when the process dies, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO

from frontdesk.errors import UserError


class AlreadyRunningError(UserError):
    """Another FrontDesk has this database open."""


class InstanceLock:
    def __init__(self, lock_path: Path) -> None:
        self.lock_path = lock_path
        self._handle: IO[str] | None = None

    def acquire(self) -> None:
        try:
            handle = self.lock_path.open("a+", encoding="utf-8")
        except OSError as exc:  # read-only folder, missing folder, permissions
            raise UserError(
                f"FrontDesk cannot write in the folder {self.lock_path.parent} "
                f"({exc.strerror or exc}). It needs to write next to the database; "
                "choose another place with --db or FRONTDESK_DB."
            ) from exc
        try:
            if sys.platform == "win32":
                import msvcrt

                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.close()
            raise AlreadyRunningError(
                "FrontDesk is already open on this database "
                f"({self.lock_path.with_suffix('')}). Switch to that window instead."
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def __enter__(self) -> InstanceLock:
        self.acquire()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()
