"""The backup schedule and its face in the status bar.

Every 30 minutes the monitor backs up if anything was written since the last backup;
every minute it refreshes the age shown ("Backed up 25 min ago"). The label turns
to a warning after 2 days without a backup, when the second folder is unreachable, or
when the last attempt failed. All file work runs on the task runner.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from frontdesk.services import backups
from frontdesk.ui.session import AppSession

OK_STYLE = "QLabel { color: #1b5e20; padding: 0 8px; }"
WARN_STYLE = "QLabel { color: #ffffff; background: #b3261e; font-weight: 600; padding: 2px 8px; }"
STATUS_EVERY_MS = 60_000


class BackupMonitor(QObject):
    status_changed = Signal(object)  # backups.BackupStatus
    backup_finished = Signal(object)  # backups.BackupOutcome

    def __init__(
        self,
        session: AppSession,
        label: QLabel,
        *,
        interval_ms: int = int(backups.INTERVAL.total_seconds() * 1000),
    ) -> None:
        super().__init__(label)
        self.session = session
        self.label = label
        label.setObjectName("statusBackup")
        label.setAccessibleName("Backup status")
        self.marker: int | None = None
        self.last_problem: str | None = None  # from the last attempt (failure, unreachable folder)
        self.status: backups.BackupStatus | None = None
        self._stopped = False
        self.backup_timer = QTimer(self)
        self.backup_timer.setInterval(interval_ms)
        self.backup_timer.timeout.connect(self.run_due)
        self.status_timer = QTimer(self)
        self.status_timer.setInterval(STATUS_EVERY_MS)
        self.status_timer.timeout.connect(self.refresh_status)

    def start(self) -> None:
        self._stopped = False
        ctx = self.session.ctx
        # The start-up backup covers what is in the file now: count changes from here.
        self.session.runner.submit(lambda: backups.change_marker(ctx), self._set_marker)
        self.backup_timer.start()
        self.status_timer.start()
        self.refresh_status()

    def stop(self) -> None:
        self._stopped = True
        self.backup_timer.stop()
        self.status_timer.stop()

    def _set_marker(self, marker: int) -> None:
        if self.marker is None:
            self.marker = marker

    # --- backing up ----------------------------------------------------------------------
    def run_due(self) -> None:
        """The half-hourly tick: back up only if data changed."""
        if self._stopped:
            return
        ctx, location, marker = self.session.ctx, self.session.location, self.marker
        self.session.runner.submit(
            lambda: backups.backup_if_changed(ctx, location, marker), self._finished, self._crashed
        )

    def back_up_now(
        self,
        on_done: Callable[[backups.BackupOutcome], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
    ) -> None:
        ctx, location = self.session.ctx, self.session.location

        def finished(outcome: backups.BackupOutcome) -> None:
            self._finished(outcome)
            if on_done is not None:
                on_done(outcome)

        def crashed(error: BaseException) -> None:
            self._crashed(error)
            if on_error is not None:
                on_error(error)

        self.session.runner.submit(lambda: backups.run_backup(ctx, location, "manual"), finished, crashed)

    def _finished(self, outcome: backups.BackupOutcome | None) -> None:
        if outcome is None:
            return  # nothing changed since the last backup
        if not outcome.failed:
            self.marker = outcome.marker
        self.last_problem = " ".join(outcome.warnings) or None
        self.backup_finished.emit(outcome)
        self.refresh_status()

    def _crashed(self, error: BaseException) -> None:
        self.last_problem = f"The backup failed: {error}"
        self.refresh_status()

    # --- showing -------------------------------------------------------------------------
    def refresh_status(self) -> None:
        if self._stopped:
            return
        ctx, location = self.session.ctx, self.session.location
        self.session.runner.submit(
            lambda: backups.backup_status(ctx, location), self._show, self._crashed, channel="backup-status"
        )

    def _show(self, status: backups.BackupStatus) -> None:
        self.status = status
        age = status.age_text(self.session.ctx.now())
        short = []  # what the status bar has room for; the tooltip has the whole story
        if status.last_good is None:
            short.append("no backup yet")
        elif status.too_old:
            short.append(f"last one {age}")
        if not status.second_reachable:
            short.append("second folder unreachable")
        if self.last_problem and "failed" in self.last_problem:
            short.append("last backup failed")
        problem = self.problem
        if problem:
            if not short:
                short.append("needs attention")
            self.label.setText("⚠ Backup: " + ", ".join(short))
            self.label.setStyleSheet(WARN_STYLE)
            self.label.setToolTip(problem + " See Administration › Backups.")
        else:
            where = f" and to {status.second_folder}" if status.second_folder else ""
            self.label.setText(f"✓ Backed up {age}")
            self.label.setStyleSheet(OK_STYLE)
            self.label.setToolTip(
                f"Backups run every 30 minutes when data changed, and on exit, to the data folder{where}."
            )
        self.label.setAccessibleDescription(self.label.toolTip())
        self.status_changed.emit(status)

    @property
    def problem(self) -> str | None:
        parts = [p for p in ((self.status.warning if self.status else None), self.last_problem) if p]
        return " ".join(dict.fromkeys(parts)) or None
