"""Running service calls off the GUI thread and getting the answer back on it.

``TaskRunner.submit`` runs a callable on the thread pool and calls ``on_done`` or
``on_error`` on the GUI thread. Submitting with a ``channel`` makes only the newest
task of that channel deliver: a stale search result never replaces a newer one, and a
task whose channel has a newer one by the time a thread picks it up is not run at all
(typing fast queues a search per keystroke; only the last one matters).
Tests can make the runner synchronous (``synchronous=True``).
"""

from __future__ import annotations

import itertools
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from frontdesk.errors import UserError


class _Relay(QObject):
    finished = Signal(int, object, object)  # task id, result, error


class _Job(QRunnable):
    def __init__(
        self, task_id: int, fn: Callable[[], Any], relay: _Relay, superseded: Callable[[], bool]
    ) -> None:
        super().__init__()
        self.task_id = task_id
        self.fn = fn
        self.relay = relay
        self.superseded = superseded

    def run(self) -> None:
        if self.superseded():  # its answer would be dropped: spare the work
            self.relay.finished.emit(self.task_id, None, None)
            return
        try:
            result, error = self.fn(), None
        except BaseException as exc:  # delivered to the GUI thread, never swallowed
            result, error = None, exc
        self.relay.finished.emit(self.task_id, result, error)


class TaskRunner(QObject):
    """The one way widgets run slow work (database, files, PDFs)."""

    busy_changed = Signal(bool)
    unexpected_error = Signal(str)

    def __init__(self, parent: QObject | None = None, *, synchronous: bool = False) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(2)
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._ids = itertools.count(1)
        self._pending: dict[
            int, tuple[Callable[[Any], None] | None, Callable[[BaseException], None] | None, str | None]
        ] = {}
        self._latest: dict[str, int] = {}

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        *,
        channel: str | None = None,
    ) -> int:
        task_id = next(self._ids)
        self._pending[task_id] = (on_done, on_error, channel)
        if channel is not None:
            self._latest[channel] = task_id
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        if self.synchronous:
            try:
                result, error = fn(), None
            except BaseException as exc:
                result, error = None, exc
            self._deliver(task_id, result, error)
        else:
            superseded = (lambda: self._latest.get(channel) != task_id) if channel is not None else bool
            self._pool.start(_Job(task_id, fn, self._relay, superseded))
        return task_id

    @Slot(int, object, object)
    def _deliver(self, task_id: int, result: Any, error: BaseException | None) -> None:
        on_done, on_error, channel = self._pending.pop(task_id, (None, None, None))
        if not self._pending:
            self.busy_changed.emit(False)
        if channel is not None and self._latest.get(channel) != task_id:
            return  # a newer task on this channel was submitted; drop this answer
        if error is None:
            if on_done is not None:
                on_done(result)
        elif on_error is not None:
            on_error(error)
        elif isinstance(error, UserError):
            self.unexpected_error.emit(str(error))
        else:
            text = "".join(traceback.format_exception(error))
            self.unexpected_error.emit(text)

    def is_idle(self) -> bool:
        return not self._pending

    def wait_idle(self, timeout_ms: int = 10000) -> bool:
        """Block until all tasks ran and delivered (tests and shutdown)."""
        from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QElapsedTimer

        timer = QElapsedTimer()
        timer.start()
        while self._pending and timer.elapsed() < timeout_ms:
            self._pool.waitForDone(int(QDeadlineTimer(20).remainingTime()))
            QCoreApplication.processEvents()
        return not self._pending
