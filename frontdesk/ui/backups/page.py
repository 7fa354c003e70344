"""Administration > Backups: status, the backups kept, back up now, second folder, restore."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import backups
from frontdesk.ui.forms import ERROR_STYLE
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import setup_row_table

COLUMNS = ("Taken", "Why", "Folder", "Size")
REASONS = {
    "auto": "every 30 min",
    "on-exit": "on exit",
    "manual": "by hand",
    "before-upgrade": "before an upgrade",
    "before-restore": "before a restore",
}


def choose_folder(parent: QWidget, title: str, start: str) -> str:
    """A folder picker (its own function so tests can answer it)."""
    return QFileDialog.getExistingDirectory(parent, title, start)


def choose_file(parent: QWidget, start: str) -> str:
    name, _ = QFileDialog.getOpenFileName(
        parent, "Restore from a backup file", start, "FrontDesk backups (*.db)"
    )
    return name


def confirm(parent: QWidget, title: str, text: str) -> bool:
    """Ask before something weighty (its own function so tests can answer it)."""
    question, _, details = text.partition("\n\n")
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, parent=parent)
    box.setObjectName("restoreConfirm")
    box.setInformativeText(details)
    # wide enough that the question and the counts read as lines, not a narrow column
    box.setStyleSheet(
        "QLabel#qt_msgbox_label { min-width: 520px; font-weight: 600; }"
        "QLabel#qt_msgbox_informativelabel { min-width: 520px; }"
    )
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is restore


def _size(size: int) -> str:
    return f"{size / 1_048_576:.1f} MB" if size >= 1_048_576 else f"{max(1, size // 1024)} KB"


def _file_size(path: Path) -> str:
    try:
        return _size(path.stat().st_size)
    except OSError:
        return "?"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}" + ("" if number == 1 else "s")


def restore_question(info: backups.BackupInfo) -> str:
    taken = info.taken_at.astimezone().strftime("%A %d %B %Y at %H:%M")
    return (
        f"Restore the backup taken {taken}?\n\n"
        f"It holds {_count(info.guests, 'guest')}, {_count(info.stays, 'stay')} and "
        f"{_count(info.complaints, 'complaint')} ({info.path.name} in {info.path.parent}).\n\n"
        "Everything written since then is replaced. The current data is backed up first, so "
        "this can be undone by restoring that backup. FrontDesk then reopens on the restored "
        "data and everyone signs in again."
    )


class BackupsPage(QWidget):
    def __init__(self, session: AppSession) -> None:
        super().__init__()
        self.setObjectName("backupsPage")
        self.session = session
        self._backups: list[backups.BackupFile] = []

        title = QLabel("Backups")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.status = QLabel("Loading…")
        self.status.setObjectName("backupsStatus")
        self.status.setWordWrap(True)
        self.status.setStyleSheet("font-size: 12pt;")
        explain = QLabel(
            "FrontDesk backs up when it starts, every 30 minutes while data changes, and on exit. "
            "It keeps every backup of today, then one a day for a week, one a week for a month "
            "and one a month for a year."
        )
        explain.setWordWrap(True)

        self.second = QLabel()
        self.second.setObjectName("secondFolder")
        self.second.setWordWrap(True)
        self.choose_second = QPushButton("&Choose second folder…")
        self.choose_second.setObjectName("chooseSecondFolder")
        self.choose_second.setAccessibleName("Choose second backup folder")
        self.choose_second.clicked.connect(self.pick_second_folder)
        self.clear_second = QPushButton("Stop using it")
        self.clear_second.setObjectName("clearSecondFolder")
        self.clear_second.setAccessibleName("Stop using the second backup folder")
        self.clear_second.clicked.connect(lambda: self.set_second_folder(""))
        self.second_error = QLabel()
        self.second_error.setObjectName("error_second_folder")
        self.second_error.setStyleSheet(ERROR_STYLE)
        self.second_error.setWordWrap(True)
        self.second_error.hide()
        second_row = QHBoxLayout()
        second_row.addWidget(self.second, 1)
        second_row.addWidget(self.choose_second)
        second_row.addWidget(self.clear_second)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        setup_row_table(self.table, "backupsTable", "Backups kept", stretch=2)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        self.now_button = QPushButton("&Back up now")
        self.now_button.setObjectName("backupNow")
        self.now_button.setAccessibleName("Back up now")
        self.now_button.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton("&Restore selected…")
        self.restore_button.setObjectName("restoreSelected")
        self.restore_button.setAccessibleName("Restore the selected backup")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.file_button = QPushButton("Restore from &file…")
        self.file_button.setObjectName("restoreFromFile")
        self.file_button.setAccessibleName("Restore from a backup file")
        self.file_button.clicked.connect(self.restore_from_file)
        self.message = QLabel()
        self.message.setObjectName("backupsMessage")
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.now_button)
        buttons.addStretch(1)
        buttons.addWidget(self.file_button)
        buttons.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.status)
        layout.addWidget(explain)
        layout.addSpacing(6)
        layout.addLayout(second_row)
        layout.addWidget(self.second_error)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.reload()

    # --- loading -------------------------------------------------------------------------
    def reload(self) -> None:
        ctx, location = self.session.ctx, self.session.location

        def load() -> tuple[backups.BackupStatus, list[tuple[backups.BackupFile, str]], Path | None]:
            # sizes read here too: the second folder may be a slow or vanishing drive
            found = [(b, _file_size(b.path)) for b in backups.available_backups(ctx, location)]
            return backups.backup_status(ctx, location), found, backups.second_folder(ctx)

        self.session.runner.submit(load, self._show, self._failed, channel="backups-page")

    def _show(
        self, loaded: tuple[backups.BackupStatus, list[tuple[backups.BackupFile, str]], Path | None]
    ) -> None:
        status, found, second = loaded
        now = self.session.ctx.now()
        text = f"Last backup: {status.age_text(now)}."
        if status.last_good is not None:
            when = status.last_good.astimezone().strftime("%d %b %Y %H:%M")
            text = f"Last backup: {when} ({status.age_text(now)})."
        if status.warning:
            text += f"\n⚠ {status.warning}"
            self.status.setStyleSheet("font-size: 12pt; color: #b3261e; font-weight: 600;")
        else:
            self.status.setStyleSheet("font-size: 12pt; color: #1b5e20;")
        self.status.setText(text)
        if second is None:
            self.second.setText(
                f"Backups go to {self.session.location.backup_dir}. No second folder is chosen."
            )
        else:
            state = "" if status.second_reachable else " — NOT REACHABLE (drive unplugged?)"
            self.second.setText(f"Backups go to {self.session.location.backup_dir} and to {second}{state}.")
        self.clear_second.setVisible(second is not None)
        self._backups = [backup for backup, _size in found]
        self.table.setRowCount(len(found))
        for row, (backup, size) in enumerate(found):
            cells = (
                backup.taken_at.astimezone().strftime("%a %d %b %Y  %H:%M"),
                REASONS.get(backup.reason, backup.reason),
                str(backup.path.parent),
                size,
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.message.setText(error.message)
        else:
            report_unexpected(self.session, error)

    def _selection_changed(self) -> None:
        self.restore_button.setEnabled(bool(self.table.selectionModel().selectedRows()))

    # --- actions -------------------------------------------------------------------------
    def back_up_now(self) -> None:
        self.now_button.setEnabled(False)
        self.message.setText("Backing up…")
        monitor = getattr(self.window(), "backup_monitor", None)
        if monitor is not None:
            monitor.back_up_now(self._backed_up, self._backup_crashed)
            return
        ctx, location = self.session.ctx, self.session.location
        self.session.runner.submit(
            lambda: backups.run_backup(ctx, location, "manual"), self._backed_up, self._backup_crashed
        )

    def _backup_crashed(self, error: BaseException) -> None:
        self.now_button.setEnabled(True)  # the user may try again
        self.message.clear()
        self._failed(error)

    def _backed_up(self, outcome: backups.BackupOutcome) -> None:
        self.now_button.setEnabled(True)
        if outcome.failed:
            self.message.setText("⚠ " + " ".join(outcome.warnings))
            self.message.setStyleSheet(ERROR_STYLE)
        else:
            done = "Backed up."
            if outcome.warnings:
                done += " ⚠ " + " ".join(outcome.warnings)
            self.message.setText(done)
            self.message.setStyleSheet(ERROR_STYLE if outcome.warnings else "")
        self.reload()

    def pick_second_folder(self) -> None:
        folder = choose_folder(self, "Second folder for backups (USB stick, synced folder)", str(Path.home()))
        if folder:
            self.set_second_folder(folder)

    def set_second_folder(self, folder: str) -> None:
        ctx = self.session.ctx
        self.second_error.hide()

        def failed(error: BaseException) -> None:
            if isinstance(error, UserError):
                self.second_error.setText(error.field_errors.get("second_folder", error.message))
                self.second_error.show()
            else:
                report_unexpected(self.session, error)

        self.session.runner.submit(
            lambda: backups.set_second_folder(ctx, folder), lambda _: self.reload(), failed
        )

    def restore_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.ask_restore(self._backups[rows[0].row()].path)

    def restore_from_file(self) -> None:
        name = choose_file(self, str(self.session.location.backup_dir))
        if name:
            self.ask_restore(Path(name))

    def ask_restore(self, path: Path) -> None:
        """Inspect the file (off the GUI thread), show its date and counts, ask, restore."""
        self.message.setText("Checking the backup…")
        self.message.setStyleSheet("")

        def inspected(info: backups.BackupInfo) -> None:
            self.message.clear()
            if not confirm(self, "Restore a backup", restore_question(info)):
                return
            host = self.window()
            restore = getattr(host, "restore_backup", None)
            if restore is None:  # not inside the main window (cannot reopen): refuse rather than half-do
                self.message.setText("Restore from the main window's Administration area.")
                return
            restore(info.path)

        def refused(error: BaseException) -> None:
            if isinstance(error, UserError):
                self.message.setText("⚠ " + error.message)
                self.message.setStyleSheet(ERROR_STYLE)
            else:
                report_unexpected(self.session, error)

        self.session.runner.submit(lambda: backups.inspect_backup(path), inspected, refused)
