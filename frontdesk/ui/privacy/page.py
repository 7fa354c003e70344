"""Administration > Privacy: the retention period and the guests due for anonymisation."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from frontdesk.errors import UserError
from frontdesk.services import privacy
from frontdesk.services.permissions import Permission, allowed
from frontdesk.ui.forms import ERROR_STYLE
from frontdesk.ui.guests.errors import report_unexpected
from frontdesk.ui.privacy.dialogs import open_anonymise
from frontdesk.ui.session import AppSession
from frontdesk.ui.table_model import ColumnsTableModel, Index, setup_row_table

COLUMNS = ("Guest no.", "Name", "Last stay ended", "Stays")


class DueModel(ColumnsTableModel):
    """The due list as the service returned it (at most ``limit`` rows, already paged in SQL)."""

    COLUMNS = COLUMNS

    def __init__(self) -> None:
        super().__init__()
        self._rows: tuple[privacy.DueGuest, ...] = ()

    def set_rows(self, rows: tuple[privacy.DueGuest, ...]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def guest_id(self, row: int) -> int:
        return self._rows[row].id

    def ids(self) -> list[int]:
        return [g.id for g in self._rows]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        guest = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            column = index.column()
            if column == 0:
                return str(guest.id)
            if column == 1:
                return guest.name or "(no name)"
            if column == 2:
                return guest.last_stay.strftime("%d %b %Y") if guest.last_stay else "never stayed"
            if column == 3:
                return str(guest.stays)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in (0, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class PrivacyPage(QWidget):
    def __init__(self, session: AppSession) -> None:
        super().__init__()
        self.setObjectName("privacyPage")
        self.session = session
        self._due: privacy.DueList | None = None
        can_set = allowed(session.ctx, Permission.EDIT_SETTINGS)

        title = QLabel("Privacy and retention")
        title.setObjectName("privacyTitle")
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = QLabel(
            "Guests whose last stay ended longer ago than the retention period are listed here for "
            "review. Anonymising erases who they were and keeps their stays and complaints for the "
            "figures. For a guest's own request, use “Export guest data…” or “Anonymise guest…” on "
            "their profile (right-click)."
        )
        intro.setWordWrap(True)
        intro.setObjectName("privacyIntro")

        self.months = QSpinBox()
        self.months.setObjectName("retentionMonths")
        self.months.setAccessibleName("Retention in months after the last stay")
        self.months.setRange(0, privacy.MAX_RETENTION_MONTHS)
        self.months.setSuffix(" months")
        self.months.setSpecialValueText("no review")
        self.months.setEnabled(can_set)
        self.save_months = QPushButton("&Save")
        self.save_months.setObjectName("retentionSave")
        self.save_months.setAccessibleName("Save retention period")
        self.save_months.setVisible(can_set)
        self.save_months.clicked.connect(self.save_retention)
        retention_row = QHBoxLayout()
        retention_label = QLabel("Keep guest data after the last stay for:")
        retention_label.setBuddy(self.months)
        retention_row.addWidget(retention_label)
        retention_row.addWidget(self.months)
        retention_row.addWidget(self.save_months)
        retention_row.addStretch(1)
        hint = QLabel(
            "Local law varies (for example one year for German registration forms, three in Spain)."
            + ("" if can_set else " An administrator sets this period.")
        )
        hint.setObjectName("retentionHint")
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.retention_error = QLabel()
        self.retention_error.setObjectName("error_retention_months")
        self.retention_error.setStyleSheet(ERROR_STYLE)
        self.retention_error.hide()

        self.summary = QLabel("Loading…")
        self.summary.setObjectName("dueSummary")
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("font-size: 12pt;")
        self.model = DueModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        setup_row_table(self.table, "dueTable", "Guests due for anonymisation", stretch=1, single=False)
        self.table.doubleClicked.connect(
            lambda index: session.bus.open_guest(self.model.guest_id(index.row()))
        )

        self.refresh_button = QPushButton("&Refresh")
        self.refresh_button.setObjectName("dueRefresh")
        self.refresh_button.setAccessibleName("Refresh the list")
        self.refresh_button.clicked.connect(self.reload)
        self.anonymise_button = QPushButton("&Anonymise all listed…")
        self.anonymise_button.setObjectName("dueAnonymiseAll")
        self.anonymise_button.setAccessibleName("Anonymise all listed guests")
        self.anonymise_button.setEnabled(False)
        self.anonymise_button.clicked.connect(self.anonymise_all)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.anonymise_button)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addLayout(retention_row)
        layout.addWidget(hint)
        layout.addWidget(self.retention_error)
        layout.addSpacing(8)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

        session.bus.changed.connect(self._changed)
        self.reload()

    def _changed(self, entity: str, _record: object) -> None:
        if entity in ("guest", "stay", "complaint", "settings", "refresh"):
            self.reload()

    def reload(self) -> None:
        ctx = self.session.ctx
        self.session.runner.submit(
            lambda: privacy.due_for_anonymisation(ctx), self._show, self._failed, channel="privacy-due"
        )

    def _show(self, due: privacy.DueList) -> None:
        self._due = due
        if not self.months.hasFocus():
            self.months.setValue(due.retention_months)
        self.model.set_rows(due.guests)
        when = due.cutoff.strftime("%d %b %Y")
        if due.retention_months == 0:
            text = "The retention review is off (0 months): no guest is listed."
        elif due.total == 0:
            text = f"No guest is due: every guest stayed or was added after {when}."
        else:
            guests = "1 guest" if due.total == 1 else f"{due.total} guests"
            text = f"{guests} last stayed (or, never having stayed, were added) before {when}."
            if due.total > len(due.guests):
                text += f" The oldest {len(due.guests)} are listed; anonymise them to see the next."
        self.summary.setText(text)
        self.anonymise_button.setEnabled(bool(due.guests))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, UserError):
            self.summary.setText(error.message)
        else:
            report_unexpected(self.session, error)

    def save_retention(self) -> None:
        ctx, months = self.session.ctx, self.months.value()
        self.retention_error.hide()

        def done(_: object) -> None:
            self.session.bus.notify("settings", 1)

        def failed(error: BaseException) -> None:
            if isinstance(error, UserError):
                self.retention_error.setText(error.field_errors.get("retention_months", error.message))
                self.retention_error.show()
            else:
                report_unexpected(self.session, error)

        self.session.runner.submit(lambda: privacy.set_retention_months(ctx, months), done, failed)

    def anonymise_all(self) -> None:
        ids = self.model.ids()
        if not ids:
            return
        who = "1 guest listed" if len(ids) == 1 else f"all {len(ids)} guests listed"
        open_anonymise(self.session, self, ids, who, lambda _result: self.reload())
