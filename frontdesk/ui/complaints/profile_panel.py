"""The guest profile's Complaints panel: every complaint of the guest with its outcome."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from frontdesk.services import complaints as svc
from frontdesk.ui.complaints.detail import ComplaintDetailView
from frontdesk.ui.complaints.log_form import open_log_form
from frontdesk.ui.complaints.words import SEVERITIES, word
from frontdesk.ui.session import AppSession


class GuestComplaintsPanel(QWidget):
    def __init__(self, session: AppSession, guest_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guestComplaintsPanel")
        self._session = session
        self._guest_id = guest_id
        self.empty = QLabel("No complaints.")
        self.empty.setObjectName("guestComplaintsEmpty")
        self.list = QListWidget()
        self.list.setObjectName("guestComplaintsList")
        self.list.setAccessibleName("The guest's complaints")
        self.list.setWordWrap(True)
        self.list.setStyleSheet("QListWidget { font-size: 11pt; } QListWidget::item { padding: 3px; }")
        self.list.setToolTip("Enter or double-click opens the complaint.")
        self.list.itemActivated.connect(self._open)
        self.log_button = QPushButton("Log complaint…")
        self.log_button.setObjectName("guestComplaintsLog")
        self.log_button.setAccessibleName("Log complaint")
        self.log_button.clicked.connect(lambda: open_log_form(session, self, guest_id))
        row = QHBoxLayout()
        row.addWidget(self.empty)
        row.addStretch(1)
        row.addWidget(self.log_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        session.bus.changed.connect(self._changed)
        self.refresh()

    def refresh(self) -> None:
        ctx, gid = self._session.ctx, self._guest_id
        self._session.runner.submit(
            lambda: svc.complaints_of_guest(ctx, gid), self._show, lambda _e: None, channel=f"gc{id(self)}"
        )

    def _show(self, complaints: list[svc.GuestComplaint]) -> None:
        self.list.clear()
        for c in complaints:
            when = c.received_at.astimezone().strftime("%d %b %Y")
            item = QListWidgetItem(f"{when} · {word(SEVERITIES, c.severity)} · {c.summary}")
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.list.addItem(item)
        n = len(complaints)
        self.empty.setText(f"{n} complaint{'s' if n != 1 else ''}" if n else "No complaints.")
        self.list.setVisible(bool(complaints))

    def _changed(self, entity: str, _record_id: object) -> None:
        if entity in ("complaint", "refresh"):
            self.refresh()

    def _open(self, item: QListWidgetItem) -> None:
        open_complaint(self._session, self, int(item.data(Qt.ItemDataRole.UserRole)))


def open_complaint(session: AppSession, parent: QWidget | None, complaint_id: int) -> QDialog:
    """A complaint's detail in its own window (from a profile, not the Complaints area)."""
    dialog = QDialog(parent)
    dialog.setObjectName("complaintDialog")
    dialog.setWindowTitle(f"Complaint #{complaint_id}")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view = ComplaintDetailView(session)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dialog.resize(760, 820)
    view.load(complaint_id)
    dialog.open()
    return dialog
